"""Reading the values of a benchmark row as people write them: levels, years and addresses."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from partybrand.benchmarks.choices import BenchmarkLevel
from partybrand.core import clock

# First matching rule wins: 党总支 before 支部, 项目 before 党委, 县级局 is a 局, not a 县…
_LEVEL_RULES: tuple[tuple[str, str], ...] = (
    (r"总支", BenchmarkLevel.GENERAL_BRANCH),
    (r"支部", BenchmarkLevel.BRANCH),
    (r"项目|突击队|服务队|团队|工作室", BenchmarkLevel.PROJECT),
    (r"村|社区|楼宇|商务区|园区", BenchmarkLevel.COMMUNITY),
    (r"集团|系统|党组", BenchmarkLevel.GROUP),
    (r"局|厅|法院|检察院", BenchmarkLevel.ORGAN),
    (r"[省市县区乡镇]委|[省市县]级|乡镇|镇级", BenchmarkLevel.REGIONAL),
    (r"党委|党工委|院系|学院|学校|高校", BenchmarkLevel.COMMITTEE),
    (r"机关|单位|事业", BenchmarkLevel.ORGAN),
    (r"公司|企业|分行|银行|厂|矿", BenchmarkLevel.COMPANY),
    (r"^[省市县区乡镇]$", BenchmarkLevel.REGIONAL),
)
FIRST_YEAR = 1921  # the Party's founding: no party-building brand is older
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
URL_CHECK = URLValidator(schemes=["http", "https"])


def classify_level(text: str) -> str:
    """The normalised level of a level written as text, or "" when it is not recognisable."""
    text = re.sub(r"\s+", "", text or "")
    if not text:
        return ""
    labels = {label: value for value, label in BenchmarkLevel.choices}
    if text in labels or text in BenchmarkLevel.values:
        return labels.get(text, text)
    for pattern, level in _LEVEL_RULES:
        if re.search(pattern, text):
            return level
    return ""


def parse_year(value) -> int | None:
    """A year from a number or from text holding exactly one four-digit year (2024, 2024年,
    2024年度, 2024-09-18). Raises ValidationError with the reason otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError("年份应为四位数字的年份，如 2024。")
    if isinstance(value, int | float):
        if not float(value).is_integer():
            raise ValidationError("年份应为四位数字的年份，如 2024。")
        year = int(value)
    else:
        text = str(value).strip()
        years = set(_YEAR.findall(text))
        if not years:
            raise ValidationError(f"无法识别年份“{text}”，请填写四位数字的年份，如 2024。")
        if len(years) > 1:
            raise ValidationError(f"年份“{text}”包含多个年份，请只填写一个，如 2024。")
        year = int(years.pop())
    latest = clock.today().year + 1
    if not FIRST_YEAR <= year <= latest:
        raise ValidationError(f"年份 {year} 不在 {FIRST_YEAR}–{latest} 之间。")
    return year


def clean_url(text: str) -> str:
    """A source address: http(s) only, as written; blank is allowed."""
    text = (text or "").strip()
    if not text:
        return ""
    if re.match(r"^www\.", text, re.IGNORECASE):
        text = "http://" + text  # what people paste from a browser's address bar
    try:
        URL_CHECK(text)
    except ValidationError as exc:
        raise ValidationError(
            "来源地址不是有效的网址，请填写以 http:// 或 https:// 开头的完整地址。"
        ) from exc
    return text
