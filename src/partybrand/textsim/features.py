"""What the similarity engine compares of one short text: its written form, its characters in
order-free form, its sound (pinyin with and without tones) and the text given to the sentence
encoder.

Word order is compared on the characters sorted, not on jieba's words sorted: jieba segments a
text differently once its parts move (青衢畅美党旗扬 → 青衢/畅美/党旗/扬, but 党旗扬青衢畅美 →
党旗/扬青衢/畅美), so sorted words miss reorderings that sorted characters catch. jieba is
still used to read each word's pinyin in context (行 in 银行 is hang, in 行动 xing).

Pinyin syllables are turned into single characters through a `Syllables` code book so that
rapidfuzz can compare syllable sequences as ordinary strings (fast, in C): 红帆 and 宏帆 both
become the two-character string for (hong, fan).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from partybrand.textsim.normalize import clean_spaces, core_parts, to_halfwidth, to_simplified
from partybrand.textsim.segment import _tokenizer

_CODE_BASE = 0xF0000  # Supplementary Private Use Area-A: never appears in real names


class Syllables:
    """A growing code book: syllable (or a run of letters and digits) → one private-use char."""

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self.table: dict[str, str] = dict(table or {})

    def encode(self, syllables: list[str] | tuple[str, ...]) -> str:
        table = self.table
        out = []
        for syllable in syllables:
            code = table.get(syllable)
            if code is None:
                code = table[syllable] = chr(_CODE_BASE + len(table))
            out.append(code)
        return "".join(out)


@dataclass(frozen=True)
class TextFeatures:
    """One name or slogan prepared for comparison."""

    text: str  # as shown: half-width, spaces collapsed
    form: str  # comparison form: simplified, lower-case, no separators or spaces
    ordered: str  # its characters sorted: the same for 红色引擎绿色发展 and 绿色发展红色引擎
    syllables: tuple[str, ...]  # pinyin without tones: ("hong", "fan")
    tones: tuple[str, ...]  # pinyin with tone numbers: ("hong2", "fan1")
    semantic: str  # what the sentence encoder reads: simplified, parts joined by spaces
    traditional: bool  # the text changed when converted to simplified characters

    @property
    def empty(self) -> bool:
        return not self.form


def text_features(text: str) -> TextFeatures:
    """Compared without quotation marks, separators and the affixes names carry beside the
    brand (党支部, 工作室, 品牌 …: normalize.core_parts), the same way on both sides."""
    text = text or ""
    parts = core_parts(text)
    form = "".join(parts)
    words = [word for part in parts for word in _words(part)]
    tones = tuple(item for word in words for item in _word_tones(word))
    syllables = tuple(_toneless(item) for item in tones)
    halfwidth = to_halfwidth(text)
    return TextFeatures(
        text=clean_spaces(text),
        form=form,
        ordered="".join(sorted(form)),
        syllables=syllables,
        tones=tones,
        semantic=" ".join(parts),
        traditional=to_simplified(halfwidth) != halfwidth,
    )


@lru_cache(maxsize=65536)
def _words(part: str) -> tuple[str, ...]:
    return tuple(word for word in _tokenizer().lcut(part) if word.strip())


@lru_cache(maxsize=65536)
def _word_tones(word: str) -> tuple[str, ...]:
    # pinyin per word (so heteronyms are read as in the word), cached: names share their words
    return tuple(item.lower() for item in lazy_pinyin(word, style=Style.TONE3) if item.strip())


def _toneless(item: str) -> str:
    if len(item) > 1 and item[-1] in "12345" and item[:-1].isalpha():
        return item[:-1]
    return item


def shingles(units: str | tuple[str, ...], sizes: tuple[int, ...] = (1, 2)) -> set[str]:
    """Overlapping n-grams of characters (or syllables) used for MinHash: 红色引擎 →
    {红, 色, 引, 擎, 红色, 色引, 引擎}."""
    grams = set()
    for size in sizes:
        for start in range(len(units) - size + 1):
            grams.add("\u0001".join(units[start : start + size]))
    return grams
