"""千篇一律: the phrases of a name that so many party-building brands use that they no longer say
which organisation it is (DOMAIN.md §12: a cliché is a different fault from a copy).

Two sources, both named in the explanation:
- the maintained list themes/data/cliches.txt (党建引领, 红色引擎, 党旗红 …), name and slogan;
- how common a phrase of four or more characters is: the number of distinct brands of the
  platform and the benchmark library whose name contains it (affixes such as 党支部 left out).
  At settings.THEME_GENERIC_MIN_BRANDS (default 3) or more it is reported.
Phrases the list marks with “!” (共产党员服务队, 先锋岗: names given from above or the kind of
carrier) are never reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from partybrand.textsim.normalize import normalize, split_parts, strip_affixes
from partybrand.themes.index import all_entries, stamp

LIST = Path(__file__).resolve().parent / "data" / "cliches.txt"
MIN_COUNTED = 4  # characters: a shorter shared piece (先锋, 红色) is a word, not a phrase
EXAMPLES = 3


@dataclass(frozen=True)
class Phrase:
    text: str  # comparison form
    listed: bool  # in cliches.txt
    note: str  # the list's note, may be empty
    count: int  # distinct brands and benchmarks whose name contains it
    examples: tuple[str, ...]  # some of those names


@dataclass(frozen=True)
class Cliches:
    phrases: dict[str, str]  # comparison form → note
    allowed: tuple[str, ...]


@cache
def cliches() -> Cliches:
    phrases, allowed = {}, []
    for raw in LIST.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            allowed.append(normalize(line[1:]))
            continue
        cells = [c.strip() for c in line.split("|")]
        phrases[normalize(cells[0])] = cells[1] if len(cells) > 1 else ""
    return Cliches(phrases, tuple(allowed))


def min_brands() -> int:
    return max(2, int(getattr(settings, "THEME_GENERIC_MIN_BRANDS", 3)))


_NAMES: dict[tuple, tuple[tuple[str, str, str], ...]] = {}


def _names() -> tuple[tuple[str, str, str], ...]:
    """(key, name as written, core) of every brand and benchmark, cached per index stamp."""
    key = stamp()
    if key not in _NAMES:
        _NAMES.clear()
        _NAMES[key] = tuple((e.key, e.name, strip_affixes(e.name)) for e in all_entries())
    return _NAMES[key]


def _allowed(core: str, phrase: str) -> bool:
    """The phrase only occurs inside an allowed name (党员先锋 inside 党员先锋岗)."""
    spans = []
    for allowed in cliches().allowed:
        start = core.find(allowed)
        while start >= 0:
            spans.append((start, start + len(allowed)))
            start = core.find(allowed, start + 1)
    start = core.find(phrase)
    while start >= 0:
        if not any(a <= start and start + len(phrase) <= b for a, b in spans):
            return False
        start = core.find(phrase, start + 1)
    return True


def _usage(phrase: str, names, exclude: str) -> tuple[int, tuple[str, ...]]:
    seen: dict[str, str] = {}
    for key, name, core in names:
        if key != exclude and phrase in core and core not in seen:
            seen[core] = name
    return len(seen), tuple(list(seen.values())[:EXAMPLES])


def generic_phrases(text: str, *, exclude_key: str = "", counted: bool = True) -> list[Phrase]:
    """The cliché phrases of the text, longest first, none inside another. `counted`: also the
    phrases many brands share (for names; a slogan is only held against the list)."""
    names = _names() if counted else ()
    found: dict[str, Phrase] = {}
    for part in split_parts(text):
        core = strip_affixes(part)
        for phrase, note in cliches().phrases.items():
            if phrase in core and not _allowed(core, phrase):
                count, examples = _usage(phrase, names, exclude_key) if counted else (0, ())
                found[phrase] = Phrase(phrase, True, note, count, examples)
        if not counted:
            continue
        threshold = min_brands()
        for size in range(len(core), MIN_COUNTED - 1, -1):
            for start in range(len(core) - size + 1):
                phrase = core[start : start + size]
                if phrase in found or any(phrase in f for f in found):
                    continue
                if _allowed(core, phrase):
                    continue
                count, examples = _usage(phrase, names, exclude_key)
                if count >= threshold:
                    found[phrase] = Phrase(phrase, False, "", count, examples)
    phrases = sorted(found.values(), key=lambda p: -len(p.text))
    return [p for p in phrases if not any(p.text in o.text and p.text != o.text for o in phrases)]


def rest_of(core: str, phrases: list[Phrase]) -> str:
    """The name without its cliché phrases: what is its own."""
    for phrase in phrases:
        core = core.replace(phrase.text, "")
    return core
