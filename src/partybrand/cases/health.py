"""Typical cases' part of a brand's influence in the health index (brands.health): cases
published inside the group, and those adopted upward, weighted by the level that adopted them."""

from django.db.models import Count

from partybrand.brands.health import Contribution, Lower
from partybrand.cases.choices import PUBLIC
from partybrand.cases.models import CaseReport, TypicalCase

PUBLISHED_POINTS = 8
ADOPTED_POINTS = {"team": 5, "company": 10, "group": 20, "province": 35, "nation": 50}
CAP = 60


def case_points(brand_ids: list[int]) -> dict[int, Contribution]:
    found = {brand_id: Contribution() for brand_id in brand_ids}
    published = (
        TypicalCase.objects.filter(brand_id__in=brand_ids, state__in=PUBLIC)
        .values("brand_id")
        .annotate(n=Count("id"))
    )
    for row in published:
        found[row["brand_id"]].points += PUBLISHED_POINTS * row["n"]
    adopted = (
        CaseReport.objects.filter(case__brand_id__in=brand_ids, adopted=True)
        .values("case__brand_id", "level")
        .annotate(n=Count("id"))
    )
    for row in adopted:
        found[row["case__brand_id"]].points += ADOPTED_POINTS.get(row["level"], 0) * row["n"]
    for got in found.values():
        got.points = min(got.points, CAP)
        if not got.points:
            got.lowers.append(
                Lower("尚无已发布的典型案例：总结做法写成案例报上级审核", "cases:case_list")
            )
    return found
