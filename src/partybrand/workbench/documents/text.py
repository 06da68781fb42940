"""How the brand's documents write dates, numbers and gaps, as a 党建工作部 reader expects them:
2026年9月3日 (no zero padding), 44份 (no space between Chinese and digits), full-width
punctuation, and a gap the user must fill said plainly where it is."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from partybrand.assessments.scoring import fmt
from partybrand.core import clock
from partybrand.core.quotes import quoted as core_quoted
from partybrand.documents.tidy import tidy

END_MARKS = "。！？；：”）"


def day(value: date | datetime) -> str:
    """2026年9月3日; a moment counts by its Beijing day."""
    return clock.day_text(value)


def span(start: date, end: date) -> str:
    return f"{day(start)}至{day(end)}"


def num(value) -> str:
    """A number without trailing zeros: 85, 85.5; integers stay integers."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return fmt(Decimal(value))


def qty(value, unit: str = "") -> str:
    """A value with its unit, written together: 85%、12次、3.5万元."""
    return f"{num(value)}{unit}"


def rate(part: int, whole: int) -> str:
    """A share as a percentage with one decimal at most: 87.5%."""
    if not whole:
        return "0%"
    return f"{num((Decimal(100 * part) / Decimal(whole)).quantize(Decimal('0.1')))}%"


CN_DIGITS = "零一二三四五六七八九十"


def cn(n: int) -> str:
    """1–10 in Chinese numerals, as 星级 are written: 二星级."""
    return CN_DIGITS[n] if 0 <= n <= 10 else str(n)


def todo(what: str) -> str:
    """What the user still has to fill in, where it is missing."""
    return f"（待补充：{what}）"


def sentence(text: str) -> str:
    """User text ended as a sentence: tidied, a missing full stop added."""
    text = tidy(text).strip()
    if not text:
        return ""
    if text[-1] in ".;,":
        text = text[:-1]
    return text if text[-1] in END_MARKS else text + "。"


def listing(items: list[str]) -> str:
    return "、".join(i for i in items if i)


quoted = core_quoted  # one way of quoting names in every document
