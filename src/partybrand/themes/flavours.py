"""The theme checks' own word lists for 政治味, 文化味 and 融合味, beside the assistant's lexicons.

- data/political_symbols.txt: symbols of the Party's history and spirit (红船, 延安, 井冈, 铁人 …).
- data/culture_regions.txt: the cultural names of all 34 province-level regions (齐鲁, 巴蜀,
  八闽 …) and the national cultural symbols (长城, 黄河, 运河 …).
- data/trades.txt: the work words of each trade (煤炭: 乌金 井下 …; 医疗: 心脉 仁心 …), with the
  words of the organisation's business that choose a trade, and [不计入]: words any unit can use
  (发展, 建设 …) that never make 融合味.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
NATIONAL = "全国"
NOT_COUNTED = "不计入"
_SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]$")
_TRIGGERS = re.compile(r"^触发[:：]\s*(?P<words>.*)$")


@dataclass(frozen=True)
class Section:
    name: str
    triggers: tuple[str, ...]
    words: tuple[str, ...]


def _sections(filename: str) -> list[Section]:
    sections: list[Section] = []
    name, triggers, words = "", [], []
    for raw in (DATA / filename).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := _SECTION.match(line):
            if name or words:
                sections.append(Section(name, tuple(triggers), tuple(words)))
            name, triggers, words = match["name"], [], []
        elif match := _TRIGGERS.match(line):
            triggers = match["words"].split()
        else:
            words += line.split()
    if name or words:
        sections.append(Section(name, tuple(triggers), tuple(words)))
    return sections


@cache
def political_symbols() -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for s in _sections("political_symbols.txt") for w in s.words))


@cache
def regions() -> tuple[Section, ...]:
    return tuple(_sections("culture_regions.txt"))


@cache
def trades() -> tuple[Section, ...]:
    return tuple(s for s in _sections("trades.txt") if s.name != NOT_COUNTED)


@cache
def not_counted() -> frozenset[str]:
    return frozenset(w for s in _sections("trades.txt") if s.name == NOT_COUNTED for w in s.words)


def present(text: str, words) -> list[str]:
    return [w for w in dict.fromkeys(words) if w and w in text]


def cultural_terms(text: str) -> dict[str, list[str]]:
    """Regional and national cultural words of the text → the sections they belong to
    (巴蜀 → [四川]; 关东 → [辽宁, 吉林, 黑龙江]; 运河 → [江苏, 全国])."""
    found: dict[str, list[str]] = {}
    for section in regions():
        for word in present(text, section.words):
            found.setdefault(word, []).append(section.name)
    return found


def origin_of(sections: list[str]) -> str:
    """How the explanation names where a cultural word comes from."""
    if NATIONAL in sections:
        return "全国性文化符号"
    return "、".join(sections) + "地域文化"


def trade_terms(text: str, business: str = "") -> list[str]:
    """Work words of the trades the business text names (every trade's when it names none or
    is empty)."""
    chosen = [s for s in trades() if any(t in business for t in s.triggers)] if business else []
    return present(text, [w for s in (chosen or trades()) for w in s.words])


def trade_trigger(name: str) -> str:
    """A word that chooses the trade named `name` (the assistant's trade names, 医疗, may be
    shorter or longer than this file's, 医疗卫生): its first trigger, else the name itself."""
    for section in trades():
        if name and (name in section.name or section.name in name) and section.triggers:
            return section.triggers[0]
    return name
