"""Pinyin forms of Chinese text: initials for search (hsyq → 红色引擎) and full syllables."""

from pypinyin import Style, lazy_pinyin

from partybrand.textsim.normalize import normalize


def initials(text: str) -> str:
    """First letters of each character's pinyin; letters and digits kept, separators dropped."""
    letters = lazy_pinyin(normalize(text), style=Style.FIRST_LETTER, errors="default")
    return "".join(letters).lower().replace(" ", "")


def syllables(text: str) -> str:
    return " ".join(lazy_pinyin(text or "", errors="ignore")).lower()
