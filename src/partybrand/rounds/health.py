"""Round results' part of a brand's influence in the health index (brands.health): a brand named
in a committee's round, by the rank of the tier it was awarded."""

from partybrand.brands.health import Contribution
from partybrand.rounds.choices import EntryStatus
from partybrand.rounds.models import Entry

NAMED_POINTS = 15
TIER_POINTS = 5  # more for a higher tier: rank 1 (the highest) +10, rank 2 +5
CAP = 40


def round_points(brand_ids: list[int]) -> dict[int, Contribution]:
    found: dict[int, Contribution] = {}
    named = Entry.objects.filter(brand_id__in=brand_ids, status=EntryStatus.NAMED).values_list(
        "brand_id", "awarded_tier__rank"
    )
    for brand_id, rank in named:
        got = found.setdefault(brand_id, Contribution())
        got.points = min(got.points + NAMED_POINTS + TIER_POINTS * max(0, 3 - (rank or 3)), CAP)
    return found
