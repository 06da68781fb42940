"""Where the brand health index (cockpit) takes the measures of influence that other apps own.

The index lives in `cockpit`, above every method app; the apps that record a brand's influence
(honours here, the publicity ledger, typical cases adopted upward, round results) register one
function each in their AppConfig.ready(): given brand ids, it answers the points each brand earns
and what it lacks. Kept in `brands` so that any app above may fill it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from partybrand.brands.models import Honour


@dataclass
class Lower:
    """One thing that keeps a part of a brand's index down, and where the work is done."""

    text: str
    url_name: str
    args: tuple = ()
    query: str = ""


@dataclass
class Contribution:
    points: float = 0.0  # out of 100 for the part; the sum of sources is capped at 100
    lowers: list[Lower] = field(default_factory=list)


PartSource = Callable[[list[int]], dict[int, Contribution]]

_SOURCES: dict[str, dict[str, PartSource]] = {}


def register_part_source(part: str, name: str, measure: PartSource) -> None:
    """Add a measure to a part of the index (today only "influence" takes outside measures)."""
    _SOURCES.setdefault(part, {})[name] = measure


def part_sources(part: str) -> dict[str, PartSource]:
    return dict(_SOURCES.get(part, {}))


def measure(part: str, brand_ids: Iterable[int]) -> dict[int, Contribution]:
    """The registered sources' contributions summed per brand."""
    ids = list(brand_ids)
    total: dict[int, Contribution] = {}
    for source in _SOURCES.get(part, {}).values():
        for brand_id, got in source(ids).items():
            kept = total.setdefault(brand_id, Contribution())
            kept.points += got.points
            kept.lowers.extend(got.lowers)
    return total


# Points an honour brings to influence, by level (the sum is capped at 100 with the other sources).
HONOUR_POINTS = {"national": 50, "provincial": 35, "group": 20, "company": 10}


def honour_points(brand_ids: list[int]) -> dict[int, Contribution]:
    """Honours of the brands, weighted by level, in one grouped query."""
    from_db = (
        Honour.objects.filter(brand_id__in=brand_ids)
        .values("brand_id", "level")
        .annotate(n=Count("id"))
    )
    found: dict[int, Contribution] = {}
    for row in from_db:
        got = found.setdefault(row["brand_id"], Contribution())
        got.points += HONOUR_POINTS.get(row["level"], 0) * row["n"]
    for brand_id in brand_ids:
        if brand_id not in found:
            found[brand_id] = Contribution(
                0.0,
                [Lower("尚无荣誉记录：获得表彰后在品牌页登记", "brands:brand_detail", (brand_id,))],
            )
    return found
