"""The publicity ledger's part of a brand's influence in the health index (brands.health): what
was made known, weighted by the level it reached, and what higher committees adopted."""

from django.db.models import Count

from partybrand.brands.health import Contribution, Lower
from partybrand.promotion.choices import Adoption
from partybrand.promotion.models import PublicityEntry

LEVEL_POINTS = {"team": 2, "company": 5, "group": 10, "provincial": 20, "national": 30}
ADOPTED_POINTS = {"team": 4, "company": 10, "group": 20, "provincial": 35, "national": 50}
CAP = 60  # publicity alone never fills the part


def publicity_points(brand_ids: list[int]) -> dict[int, Contribution]:
    """Ledger entries by level, and adoptions by the level adopted, in two grouped queries."""
    found = {brand_id: Contribution() for brand_id in brand_ids}
    rows = (
        PublicityEntry.objects.filter(brand_id__in=brand_ids)
        .values("brand_id", "level")
        .annotate(n=Count("id"))
    )
    for row in rows:
        found[row["brand_id"]].points += LEVEL_POINTS.get(row["level"], 0) * row["n"]
    adopted = (
        PublicityEntry.objects.filter(brand_id__in=brand_ids, adoption=Adoption.ADOPTED)
        .values("brand_id", "adopted_level")
        .annotate(n=Count("id"))
    )
    for row in adopted:
        found[row["brand_id"]].points += ADOPTED_POINTS.get(row["adopted_level"], 0) * row["n"]
    for brand_id, got in found.items():
        got.points = min(got.points, CAP)
        if not got.points:
            got.lowers.append(
                Lower(
                    "推介台账中尚无记录：把对内、向上、对外的宣传推介登记到台账",
                    "promotion:publicity_list",
                    query=f"brand={brand_id}",
                )
            )
    return found
