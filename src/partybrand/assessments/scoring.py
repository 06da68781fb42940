"""Pure scoring rules: parsing an entered value against an item's points, the final score of
an item from several reviewers, and the star level. No database access here."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

CENT = Decimal("0.01")
ADD, DEDUCT, TRIMMED_MEAN = "add", "deduct", "trimmed_mean"


def q(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(raw, label: str) -> Decimal:
    if isinstance(raw, Decimal):
        value = raw
    else:
        text = str(raw).strip().replace("，", ".").replace("。", ".")
        try:
            value = Decimal(text)
        except (InvalidOperation, ValueError):
            raise ValidationError(f"{label}：请填写数字。") from None
    if not value.is_finite():
        raise ValidationError(f"{label}：请填写数字。")
    if value != value.quantize(CENT):
        raise ValidationError(f"{label}：最多保留两位小数。")
    return value


def score_from_input(indicator, raw) -> Decimal:
    """The item's score from what was entered: points earned for an 加分 item (0 to its points),
    points deducted for an 扣分 item (the score stops at zero)."""
    label = f"{indicator.code} {indicator.name}"
    value = to_decimal(raw, label)
    points = Decimal(indicator.points)
    if indicator.scoring_method == DEDUCT:
        if value < 0:
            raise ValidationError(f"{label}：扣分不能为负数。")
        return q(max(points - value, Decimal(0)))
    if not Decimal(0) <= value <= points:
        raise ValidationError(f"{label}：得分应在 0 到 {fmt(points)} 分之间。")
    return q(value)


def input_from_score(indicator, score) -> Decimal | None:
    """What the form shows for a stored score: the deduction for 扣分 items."""
    if score is None:
        return None
    if indicator.scoring_method == DEDUCT:
        return q(Decimal(indicator.points) - score)
    return q(score)


def code_key(code: str) -> tuple:
    """Indicator codes in reading order: 1.2 before 1.10 before 2.1."""
    return tuple(int(p) if p.isdigit() else 10**6 for p in str(code).split("."))


def by_code(items, attr="indicator"):
    return sorted(items, key=lambda i: code_key(getattr(i, attr).code if attr else i.code))


def fmt(value) -> str:
    if value is None:
        return ""
    value = Decimal(value).quantize(CENT)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def final_of(scores: list[Decimal], rule: str) -> Decimal:
    """Mean of the reviewers' scores; with the trimmed rule and at least three reviewers, the
    highest and the lowest are left out first."""
    values = sorted(scores)
    if rule == TRIMMED_MEAN and len(values) >= 3:
        values = values[1:-1]
    return q(sum(values, Decimal(0)) / len(values))


def stars_for(total: Decimal, thresholds: list[tuple[int, Decimal]], *, veto: bool) -> int:
    """Stars earned by a total; a triggered 一票否决 caps the result at 0 (不达标)."""
    if veto:
        return 0
    earned = [stars for stars, minimum in thresholds if total >= minimum]
    return max(earned, default=0)


@dataclass
class ItemResult:
    indicator: object
    scores: list[Decimal] = field(default_factory=list)
    final: Decimal | None = None
    divergent: bool = False
    veto: bool = False
    veto_reasons: list[str] = field(default_factory=list)

    @property
    def gap(self) -> Decimal | None:
        if not self.scores:
            return None
        return max(self.scores) - min(self.scores)
