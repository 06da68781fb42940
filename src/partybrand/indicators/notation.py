"""How points, star levels and assessment methods are written as text, in the editor's forms
and in the cells of the .xlsx table: reading them, and writing the star levels back."""

import re
from decimal import Decimal, InvalidOperation

from partybrand.core.tabular import cell_text
from partybrand.indicators.choices import AssessMethod
from partybrand.indicators.validation import fmt

METHOD_WORDS = {
    AssessMethod.DOCUMENTS: ("查资料", "查阅资料", "资料", "查阅", "查文件"),
    AssessMethod.LEDGER: ("查台账", "台账", "记录"),
    AssessMethod.SITE: ("现场查看", "实地查看", "现场", "实地", "查看"),
    AssessMethod.POLL: ("民主测评", "测评", "问卷", "满意度", "座谈"),
    AssessMethod.PLATFORM: ("平台数据", "平台", "系统数据", "信息系统"),
}
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
STAR_PART = re.compile(r"([1-5一二三四五])\s*(?:颗)?星")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def parse_points(value) -> Decimal:
    """10, 10.0, "10", "10分", "１０ 分", "0.5" → Decimal; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    text = cell_text(value).translate(FULLWIDTH).replace(" ", "")
    text = re.sub(r"分$", "", text)
    if not re.fullmatch(r"\d+(?:\.\d+)?", text):
        raise ValueError(text)
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError(text) from exc


def parse_methods(text: str) -> list[str]:
    found = []
    for part in re.split(r"[、，,；;/\s|]+", text):
        if not part:
            continue
        for value, words in METHOD_WORDS.items():
            if value == part or any(word in part for word in words):
                found.append(value)
                break
        else:
            raise ValueError(part)
    return [m for m in AssessMethod.values if m in found]


def parse_stars(text: str) -> list[tuple[int, Decimal, str]]:
    """ "五星级党支部≥95；四星级≥90；3星 80分" → [(3, 80, ""), (4, 90, "四星级"), (5, 95, …)]."""
    stars = []
    for part in re.split(r"[；;，,\n]+", text):
        part = part.strip()
        if not part:
            continue
        match = STAR_PART.search(part)
        if not match:
            raise ValueError(part)
        count = CN_DIGITS.get(match.group(1)) or int(match.group(1))
        # "五星级≥95", "五星级 95分以上", "95分及以上为五星级", "四星级：90-94分"
        rest = (part[: match.start()] + " " + part[match.end() :]).translate(FULLWIDTH)
        numbers = NUMBER.findall(rest)
        if not numbers:
            raise ValueError(part)
        label = ""
        if match.start() == 0:
            label = re.split(r"\s*(?:≥|>=|＞=|：|:|\d)", part, maxsplit=1)[0].strip()
        stars.append((count, Decimal(numbers[0]), label))
    return sorted(stars)


def stars_text(system) -> str:
    return "；".join(
        f"{s.label or f'{s.stars}星'}≥{fmt(s.min_score)}" for s in system.stars.order_by("-stars")
    )
