"""How every document and draft phrases a KPI's change, in one place: a rate (a KPI measured in
%) moves by 个百分点, never by “%”; a count or an amount moves by its unit, with its relative
change in % beside it (提高30次，增长25%)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Units that make a KPI a rate: its change is a difference of percentages.
RATE_UNITS = frozenset({"%", "％", "百分比", "百分率"})


def number(value) -> str:
    """A number without trailing zeros: 85, 85.5, 84.36."""
    text = format(Decimal(value).normalize(), "f")
    return text


def is_rate(unit: str) -> bool:
    return (unit or "").strip() in RATE_UNITS


def kpi_change(baseline, value, unit: str = "") -> str:
    """The change from `baseline` to `value`: 提高4.36个百分点 for a rate, 提高30次（增长25%）
    for a count, 保持不变 when nothing moved."""
    baseline, value = Decimal(baseline), Decimal(value)
    change = value - baseline
    if change == 0:
        return "保持不变"
    verb = "提高" if change > 0 else "降低"
    if is_rate(unit):
        return f"{verb}{number(abs(change))}个百分点"
    said = f"{verb}{number(abs(change))}{unit}"
    if baseline > 0:
        share = (abs(change) * 100 / baseline).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if share:
            said += f"（{'增长' if change > 0 else '下降'}{number(share)}%）"
    return said
