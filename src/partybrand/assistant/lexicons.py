"""The maintained word lists in lexicons/: 政治味, 文化味, 融合味 terms and the forbidden terms.

Each file documents its own format in its header comment.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from partybrand.textsim.normalize import normalize

DIR = Path(__file__).resolve().parent / "lexicons"
_SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]$")
_TRIGGERS = re.compile(r"^触发[:：]\s*(?P<words>.*)$")


@dataclass(frozen=True)
class Term:
    """A word or phrase with the explanation used in 内涵释义 drafts; for two-character words,
    the words that may stand before it and the titles that may follow it."""

    text: str
    gloss: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # for phrases: 意象 = an image, not a measure (银线千里)


@dataclass(frozen=True)
class Group:
    """A section of a lexicon: a business kind, a region, an enterprise culture, a usage."""

    name: str
    triggers: tuple[str, ...]
    terms: tuple[Term, ...]

    def sized(self, length: int) -> list[Term]:
        return [t for t in self.terms if len(t.text) == length]


@dataclass(frozen=True)
class Lexicons:
    political: dict[str, Group]
    business: tuple[Group, ...]
    culture: tuple[Group, ...]
    forbidden: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # category, (folded, shown)
    glossary: dict[str, str]  # every term with an explanation → the explanation

    def political_terms(self) -> list[str]:
        return sorted({t.text for g in self.political.values() for t in g.terms})


def _parse(path: Path) -> list[Group]:
    groups: list[Group] = []
    name, triggers, terms = "", (), []

    def close():
        if name:
            groups.append(Group(name, triggers, tuple(terms)))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := _SECTION.match(line):
            close()
            name, triggers, terms = match["name"], (), []
        elif match := _TRIGGERS.match(line):
            triggers = tuple(match["words"].split())
        else:
            cells = [c.strip() for c in line.split("|")] + ["", "", ""]
            if len(cells[0]) == 2:
                terms.append(
                    Term(cells[0], cells[1], tuple(cells[2].split()), tuple(cells[3].split()))
                )
            else:
                terms.append(Term(cells[0], cells[1], tags=tuple(cells[2].split())))
    close()
    return groups


@cache
def load() -> Lexicons:
    forbidden = tuple(
        (g.name, tuple((normalize(t.text), t.text) for t in g.terms))
        for g in _parse(DIR / "forbidden.txt")
    )
    political = {g.name: g for g in _parse(DIR / "political.txt")}
    business = tuple(_parse(DIR / "business.txt"))
    culture = tuple(_parse(DIR / "culture.txt"))
    glossary: dict[str, str] = {}
    # Titles before prefixes: 先锋 is explained as a title; 术语 glosses are only labels.
    order = ["称号", "前缀", "四字", "五字"]
    for group in [*(political[n] for n in order), *business, *culture]:
        for term in group.terms:
            glossary.setdefault(term.text, term.gloss)
    return Lexicons(political, business, culture, forbidden, glossary)


ForbiddenSource = Callable[[str], list[tuple[str, str]]]
_SOURCES: list[ForbiddenSource] = []


def register_forbidden_source(source: ForbiddenSource) -> None:
    """A higher app's list of words a brand must not carry (the theme checks' lists by category,
    which the 党建工作部 extends): `source(text)` returns (term, category) pairs. Registered in
    AppConfig.ready(); drafts are then filtered by those lists too."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def forbidden_hits(text: str) -> list[tuple[str, str]]:
    """(term, category) for every forbidden term in the text, in the list's order, then those
    of the registered sources (a term already found is not repeated)."""
    folded = normalize(text)
    hits = [
        (shown, category)
        for category, terms in load().forbidden
        for term, shown in terms
        if term in folded
    ]
    for source in _SOURCES:
        seen = {term for term, _ in hits}
        hits += [(term, category) for term, category in source(text) if term not in seen]
    return hits
