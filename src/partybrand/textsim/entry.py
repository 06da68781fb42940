"""One name in a similarity index: a brand, a benchmark or a draft."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # e.g. "brand:12" or "benchmark:5"
    name: str
    slogan: str = ""
    owner: str = ""  # owning organisation, for display
