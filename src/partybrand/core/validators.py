"""The one rule for text people send to the platform: nothing that cannot be seen.

Control characters (ESC starting a terminal sequence, NUL, DEL, the C1 range), the characters
that reverse or isolate the direction of text (U+202E makes "gpj.exe" look like "exe.jpg"), and
the other invisible format characters (zero-width spaces and joiners, the byte order mark, tag
characters, Hangul fillers) make a name look like something it is not, or break the Word and
Excel files it is later written into. Forms, the API and imports all refuse them with this
module, naming the field; multi-line text keeps its tabs and line breaks.
"""

import re
import sys
import unicodedata
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

CODE = "hidden_character"
REASON = "含有不可见的控制字符或文字方向控制符"

# Line and paragraph breaks as plain text knows them; refused in single-line text.
LINE_CONTROLS = "\t\n\r"
# Single-line text is a short field that is not a text area: names, titles, slogans, codes.
SINGLE_LINE_MAX = 200
# Invisible letters (Hangul fillers) that render as nothing and are used to fake blank names.
INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0"
# A zero-width joiner glues emoji into one picture (👨‍👩‍👧); between two symbols it stays.
JOINER = "\u200d"


@cache
def _pattern() -> re.Pattern[str]:
    hidden = {
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    }
    hidden |= set(INVISIBLE_LETTERS)
    hidden |= {chr(code) for code in range(0xFDD0, 0xFDF0)}  # noncharacters
    hidden |= {chr(plane + 0xFFFE) for plane in range(0, 0x110000, 0x10000)}
    hidden |= {chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)}
    hidden -= set(LINE_CONTROLS)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(hidden)) + "]")


def is_multiline(*, max_length: int | None, text_area: bool) -> bool:
    """Whether a field holds running text (tabs and line breaks allowed): a text area, or a text
    without a length limit or longer than SINGLE_LINE_MAX. Forms and serializers share this."""
    return text_area or max_length is None or max_length > SINGLE_LINE_MAX


def _joins_symbols(text: str, at: int) -> bool:
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    return bool(before and after) and all(
        unicodedata.category(c) in ("So", "Sk") or c == "\ufe0f" for c in (before, after)
    )


def hidden_character(text: str, *, multiline: bool = True) -> int | None:
    """Where the first character that cannot be seen sits in `text`, or None.

    Tabs and line breaks count only in single-line text (`multiline=False`).
    """
    if not text:
        return None
    if text.isascii() and text.isprintable():
        return None
    for match in _pattern().finditer(text):
        if match.group() != JOINER or not _joins_symbols(text, match.start()):
            return match.start()
    if not multiline:
        for index, char in enumerate(text):
            if char in LINE_CONTROLS:
                return index
    return None


def has_hidden_characters(value, *, multiline: bool = True) -> bool:
    """True when `value`, or any text inside a list or dictionary of it, holds one."""
    if isinstance(value, str):
        return hidden_character(value, multiline=multiline) is not None
    if isinstance(value, dict):
        return any(
            has_hidden_characters(k, multiline=multiline)
            or has_hidden_characters(v, multiline=multiline)
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return any(has_hidden_characters(v, multiline=multiline) for v in value)
    return False


def hidden_character_message(label: str = "", *, then: str = "请删除后再提交") -> str:
    """「品牌名称」含有不可见的控制字符或文字方向控制符，请删除后再提交。"""
    named = f"「{label}」" if label else ""
    return f"{named}{REASON}，{then}。"


def refuse_control_characters(value, *, label: str = "", multiline: bool = True) -> None:
    """Raise ValidationError naming the field when `value` holds a character that cannot be
    seen (see the module's docstring); strings inside lists and dictionaries are looked at too."""
    if has_hidden_characters(value, multiline=multiline):
        raise ValidationError(hidden_character_message(label), code=CODE)


@deconstructible
class RefuseControlCharacters:
    """`refuse_control_characters` as a field validator, bound to the field's label."""

    code = CODE

    def __init__(self, label: str = "", multiline: bool = True):
        self.label = label
        self.multiline = multiline

    def __call__(self, value) -> None:
        refuse_control_characters(value, label=self.label, multiline=self.multiline)

    def __eq__(self, other) -> bool:
        return isinstance(other, RefuseControlCharacters) and (self.label, self.multiline) == (
            other.label,
            other.multiline,
        )

    def __hash__(self) -> int:
        return hash((self.label, self.multiline))
