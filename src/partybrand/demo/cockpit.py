"""The demo's 驾驶舱: one subsidiary's own weights of the health index (through the service),
then every brand's index and every organisation's rollup computed by `health-recompute`, then a
year of seeded history so the trends move.

The history is seeded, not recomputed: the demo's work is recorded as of today, so computing the
index "as of" a past month would give today's figures again. Each brand's past months are drawn
back from its index of today — parts that grow with the work (mechanism, results, participation)
rise toward today's value, parts that change at an event (an assessment, a logo, an honour) step
up once, a brand under rectification drifts down — and each point's total is weighted with the
brand's weights as the index is (compute.weighted). The organisations' monthly averages are then
computed in SQL from that history (rollup.months_from_history), as the trend reads them."""

from __future__ import annotations

import calendar
import io
import random
from datetime import date

from django.core.management import call_command

from partybrand.brands.choices import BrandStatus
from partybrand.cockpit import rollup
from partybrand.cockpit.compute import current_weights, weighted, weights_for
from partybrand.cockpit.models import PART_FIELDS, BrandHealth, BrandHealthHistory
from partybrand.cockpit.services import weights_set
from partybrand.core import clock
from partybrand.orgs.choices import OrgKind

HISTORY_MONTHS = 12  # this month's real point and up to eleven seeded before it
GROWING = ("mechanism", "results", "participation")
STEPPED = ("basics", "identity", "influence")


def seed_health(demo) -> None:
    company = demo.root.subtree().filter(kind=OrgKind.COMMITTEE).order_by("path").first()
    if company is not None:
        weights_set(
            actor=demo.admin,
            org=company,
            weights={
                "basics": 25,
                "mechanism": 25,
                "results": 20,
                "participation": 15,
                "influence": 5,
                "identity": 10,
            },
            note="本单位重基础和机制：基础、机制各 25，影响 5。",
            recompute=False,
        )
    call_command("health_recompute", stdout=io.StringIO())
    seed_history(clock.today())


def _months_before(today: date, count: int) -> list[date]:
    """The last day of each of the `count` months before today's, oldest first."""
    out = []
    year, month = today.year, today.month
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        out.append(date(year, month, calendar.monthrange(year, month)[1]))
    return list(reversed(out))


def _clamp(value: float) -> float:
    return round(max(0.0, min(100.0, value)), 1)


def _past_parts(rng: random.Random, today_parts: dict, steps: int, declining: bool) -> list[dict]:
    """The brand's parts at each of `steps` past months (oldest first), leading to today's."""
    start = {p: rng.uniform(0.35, 0.75) for p in GROWING}
    drift = {p: rng.uniform(0.08, 0.25) for p in GROWING}
    # The month each stepped part reached today's value, and what it was before.
    cut = {p: rng.randrange(steps + 1) for p in STEPPED}
    before = {
        "basics": today_parts["basics"] * rng.uniform(0.8, 0.95),
        "identity": today_parts["identity"] - 25 * rng.choice((1, 2)),
        "influence": today_parts["influence"] * rng.uniform(0.4, 0.85),
    }
    points = []
    for i in range(steps):
        t = (i + 1) / (steps + 1)  # today is 1
        parts = {}
        for p in GROWING:
            if declining:
                value = today_parts[p] * (1 + (1 - t) * drift[p])
            else:
                value = today_parts[p] * (start[p] + (1 - start[p]) * t)
            parts[p] = _clamp(value + rng.gauss(0, 1.5))
        for p in STEPPED:
            parts[p] = _clamp(before[p] if i < cut[p] else today_parts[p])
        points.append(parts)
    return points


def seed_history(today: date) -> int:
    """Up to eleven month-end points of every brand's index before this month, no earlier than
    the brand's creation, and the organisations' monthly averages from them. Returns how many
    brand points were written."""
    months = _months_before(today, HISTORY_MONTHS - 1)
    kept = current_weights()
    rows = []
    healths = BrandHealth.objects.select_related("brand").order_by("brand_id")
    for h in healths:
        rng = random.Random(h.brand_id)  # noqa: S311 (demo figures, not secrets)
        created = clock.local(h.brand.created_at).date()
        days = [d for d in months if d >= created.replace(day=1)]
        if not days:
            continue
        weights, _version = weights_for(h.org_path, kept)
        declining = h.brand.status == BrandStatus.RECTIFYING or rng.random() < 0.15
        today_parts = {p: float(getattr(h, p)) for p in PART_FIELDS}
        for day, parts in zip(
            days, _past_parts(rng, today_parts, len(days), declining), strict=True
        ):
            rows.append(
                BrandHealthHistory(
                    brand_id=h.brand_id,
                    org_path=h.org_path,
                    day=day,
                    month=day.strftime("%Y-%m"),
                    score=weighted(parts, weights),
                    parts=parts,
                )
            )
    BrandHealthHistory.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    rollup.months_from_history([d.strftime("%Y-%m") for d in months])
    return len(rows)
