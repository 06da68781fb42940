"""Normalisation of short Chinese texts before comparing or indexing them."""

import re
import unicodedata
from functools import cache
from typing import Protocol

_SPACES = re.compile(r"\s+")
# Punctuation users put between the parts of a name: 红色引擎·绿色发展, 党建+业务, 「先锋」.
_SEPARATORS = re.compile(
    r"[·・•\-—_+＋、，,。.．:：;；!！?？\"'“”‘’「」『』《》〈〉()（）\[\]【】/|]+"  # noqa: RUF001
)


def to_halfwidth(text: str) -> str:
    """Full-width letters, digits and punctuation to their ordinary forms (NFKC)."""
    return unicodedata.normalize("NFKC", text)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _t2s() -> _Converter:
    from opencc import OpenCC  # opencc-python-reimplemented: pure Python, dictionaries included

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters to simplified ones (OpenCC t2s); simplified text is unchanged."""
    if not text or text.isascii():
        return text or ""
    return _t2s().convert(text)


def normalize(text: str) -> str:
    """Half-width, lower-case, simplified characters, separators and spaces removed: the form
    used for comparison."""
    text = to_simplified(to_halfwidth(text or "")).lower()
    text = _SEPARATORS.sub(" ", text)
    return _SPACES.sub("", text)


def split_parts(text: str) -> list[str]:
    """The parts of a name between separators and spaces, in comparison form:
    红色引擎·绿色发展 → [红色引擎, 绿色发展]."""
    text = to_simplified(to_halfwidth(text or "")).lower()
    return [part for part in _SPACES.split(_SEPARATORS.sub(" ", text)) if part]


# What names carry beside the brand itself: the organisation's kind and the word 品牌. A name
# is compared without them (堡垒工程党支部 as 堡垒工程), longest first.
AFFIXES = (
    "联合党支部",
    "党建品牌",
    "党总支部",
    "党支部",
    "党总支",
    "党工委",
    "党小组",
    "党委",
    "党组",
    "工作室",
    "品牌",
)


def _strip_part(part: str) -> str:
    changed = True
    while changed:
        changed = False
        for affix in AFFIXES:
            if part.endswith(affix) and len(part) - len(affix) >= 2:
                part, changed = part[: -len(affix)], True
                break
    return part


def core_parts(text: str) -> list[str]:
    """The parts of a name (split_parts) without what names carry beside the brand itself:
    a part that is only an affix is left out (“旗帜领航”党支部), an affix at a part's end is cut
    off as long as two characters remain (堡垒工程党支部 → 堡垒工程). A name of affixes only
    keeps them."""
    parts = split_parts(text)
    kept = [_strip_part(p) for p in parts if p not in AFFIXES]
    return kept or parts


def strip_affixes(text: str) -> str:
    """The comparison form of the text without its affixes: 堡垒工程党支部 → 堡垒工程,
    “旗帜领航”品牌 → 旗帜领航."""
    return "".join(core_parts(text))


def clean_spaces(text: str) -> str:
    """Half-width with runs of white space collapsed: the form kept for display."""
    return _SPACES.sub(" ", to_halfwidth(text or "")).strip()


# Control characters are not allowed in XML (Word, Excel) and mean nothing in our texts; Word's
# manual line break (\x0b) and page break (\x0c) become ordinary line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text as users meant it, safe to store and to write into .docx/.xlsx."""
    text = (text or "").replace("\x0b", "\n").replace("\x0c", "\n")
    return _CONTROL.sub("", text)
