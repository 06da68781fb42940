"""Words a brand must not carry (禁用词) and words to weigh (慎用词), by category, with the reason.

The shipped lists are one file per category in themes/data/forbidden/ (the format is described
at the top of leaders.txt). The 党建工作部 extends them without a release: files of the same
format in the folder settings.FORBIDDEN_WORDS_DIR (default DATA_DIR/lexicons/forbidden/) are read
as well; a file whose 类别 matches a shipped one adds words to it, any other file is a new
category. Edited files take effect at the next check (the folder's modification times are part
of the cache key).

Matching is on the comparison form (textsim.normalize: simplified, half-width, lower case, no
punctuation or spaces). A word found only inside an allowed phrase of any list (“!第一书记”,
“!安全第一”) is not reported, so a real role or a safety motto never is. Three-character
names of leaders are also compared by sound (toneless pinyin), which finds the obvious
homophone plays on a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from pypinyin import lazy_pinyin

from partybrand.textsim.normalize import normalize

SHIPPED = Path(__file__).resolve().parent / "data" / "forbidden"
LEADERS = "党和国家领导人姓名"
_HEADER = re.compile(r"^#\s*(?P<key>类别|原因)[:：]\s*(?P<value>.+)$")


@dataclass(frozen=True)
class Word:
    text: str  # as written in the list
    folded: str  # comparison form
    note: str  # Chinese, may be empty
    caution: bool  # 慎用: reported, but the check still passes


@dataclass(frozen=True)
class Category:
    name: str
    reason: str
    words: tuple[Word, ...]
    allowed: tuple[str, ...]  # comparison forms of the phrases never reported


@dataclass(frozen=True)
class Finding:
    term: str  # the list's word (or, for a homophone, the text's characters)
    category: str
    reason: str  # Chinese: why the category is not allowed, and the word's own note
    caution: bool = False
    category_reason: str = ""  # why the category is not allowed
    note: str = ""  # the word's own note

    def as_json(self) -> dict:
        return {
            "term": self.term,
            "category": self.category,
            "reason": self.reason,
            "level": "慎用" if self.caution else "禁用",
        }


def parse(text: str, fallback_name: str = "") -> Category:
    name, reason, words, allowed = fallback_name, "", [], []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if match := _HEADER.match(line):
                if match["key"] == "类别":
                    name = match["value"].strip()
                else:
                    reason = match["value"].strip()
            continue
        if line.startswith("!"):
            allowed.append(normalize(line[1:]))
            continue
        caution = line.startswith("?")
        cells = [c.strip() for c in line.lstrip("?").split("|")]
        note = cells[1] if len(cells) > 1 else ""
        if cells[0]:
            words.append(Word(cells[0], normalize(cells[0]), note, caution))
    return Category(name, reason, tuple(words), tuple(a for a in allowed if a))


def extension_dir() -> Path:
    configured = getattr(settings, "FORBIDDEN_WORDS_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "lexicons" / "forbidden"


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def _stamp() -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns) for p in _files(extension_dir()))


def categories() -> tuple[Category, ...]:
    """The shipped categories merged with the 党建工作部's own files."""
    return _load(_stamp())


@cache
def _shipped() -> tuple[Category, ...]:
    return tuple(parse(p.read_text(encoding="utf-8"), p.stem) for p in _files(SHIPPED))


@cache
def _load(stamp: tuple) -> tuple[Category, ...]:
    merged = {c.name: c for c in _shipped()}
    for path, _ in stamp:
        added = parse(Path(path).read_text(encoding="utf-8"), Path(path).stem)
        base = merged.get(added.name)
        if base is None:
            merged[added.name] = added
        else:
            merged[added.name] = Category(
                base.name,
                base.reason or added.reason,
                base.words + added.words,
                base.allowed + added.allowed,
            )
    return tuple(merged.values())


@cache
def _sounds(stamp: tuple) -> dict[str, Word]:
    """Toneless pinyin of the three-character leaders' names → the name."""
    leaders = next((c for c in _load(stamp) if c.name == LEADERS), None)
    if leaders is None:
        return {}
    return {
        " ".join(lazy_pinyin(ch)[0] for ch in w.folded): w
        for w in leaders.words
        if len(w.folded) == 3 and all("\u4e00" <= ch <= "\u9fff" for ch in w.folded)
    }


def _allowed_spans(folded: str, cats: tuple[Category, ...]) -> list[tuple[int, int]]:
    spans = []
    for phrase in {a for c in cats for a in c.allowed}:
        start = folded.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = folded.find(phrase, start + 1)
    return spans


def _reported(folded: str, term: str, spans: list[tuple[int, int]]) -> bool:
    """The term occurs somewhere outside every allowed phrase (宇宙第一 in 宇宙第一党支部 is
    reported although 第一党支部 is allowed; 第一 inside 第一书记 is not)."""
    start = folded.find(term)
    while start >= 0:
        end = start + len(term)
        if not any(a <= start and end <= b for a, b in spans):
            return True
        start = folded.find(term, start + 1)
    return False


def _reason(category: Category, word: Word) -> str:
    return f"{category.reason}（{word.note}）" if word.note else category.reason


def findings(text: str) -> list[Finding]:
    """Every listed word in the text, once each, in the lists' order; a word inside a longer
    listed word of the same category (第一 in 全国第一) is not repeated."""
    stamp = _stamp()
    cats = _load(stamp)
    folded = normalize(text)
    spans = _allowed_spans(folded, cats)
    found: list[Finding] = []
    for category in cats:
        hits = [w for w in category.words if w.folded and _reported(folded, w.folded, spans)]
        texts = [w.folded for w in hits]
        hits = [w for w in hits if not any(w.folded in o and o != w.folded for o in texts)]
        found += [
            Finding(w.text, category.name, _reason(category, w), w.caution, category.reason, w.note)
            for w in hits
        ]
    found += _homophones(folded, spans, stamp, {f.term for f in found})
    return found


def _homophones(
    folded: str, spans: list[tuple[int, int]], stamp: tuple, known: set[str]
) -> list[Finding]:
    sounds = _sounds(stamp)
    if not sounds:
        return []
    leaders = next(c for c in _load(stamp) if c.name == LEADERS)
    found = []
    syllables = [lazy_pinyin(ch)[0] if "\u4e00" <= ch <= "\u9fff" else "" for ch in folded]
    for i in range(len(folded) - 2):
        chars = folded[i : i + 3]
        if not all(syllables[i : i + 3]) or chars in known:
            continue
        if any(a <= i and i + 3 <= b for a, b in spans):
            continue
        word = sounds.get(" ".join(syllables[i : i + 3]))
        if word is not None and word.text not in known:
            note = f"“{chars}”与“{word.text}”同音"
            reason = f"{leaders.reason}（{note}）"
            found.append(Finding(chars, leaders.name, reason, False, leaders.reason, note))
            known.add(chars)
    return found


def forbidden_pairs(text: str) -> list[tuple[str, str]]:
    """(term, category) of the words that must not be used (慎用 words left out): the shape
    the assistant's draft filter takes (assistant.lexicons.register_forbidden_source)."""
    return [(f.term, f.category) for f in findings(text) if not f.caution]
