"""What the showcase reads: only what a named brand published — its theme, logo, 工作法,
carriers (what they are and what they achieved, never who is in them), honours, its recorded
launch and its outward and adopted publicity. No member is named and no personal data is read."""

from collections import OrderedDict
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from partybrand.brands.choices import BrandLevel
from partybrand.cases.selectors import published_cases
from partybrand.positioning.models import Practice
from partybrand.promotion.choices import (
    Adoption,
    CarrierState,
    LaunchState,
    PublicityDirection,
    RecognitionDecision,
)
from partybrand.promotion.models import Activity, Carrier, Launch, PublicityEntry, Recognition
from partybrand.showcase.access import showcased_brands

CASES_SHOWN = 10
LEVEL_ORDER = [BrandLevel.GROUP, BrandLevel.COMPANY, BrandLevel.BRANCH]


def gallery(*, level: str = "", words: str = ""):
    rows = showcased_brands().select_related("org")
    if level:
        rows = rows.filter(level=level)
    if words:
        rows = rows.filter(Q(name__icontains=words) | Q(slogan__icontains=words))
    return rows.annotate(
        carrier_count=Count(
            "carriers", filter=Q(carriers__state=CarrierState.ACTIVE), distinct=True
        ),
        honour_count=Count("honours", distinct=True),
    ).order_by("org__path", "id")


def methods(brand) -> list[Practice]:
    """The practices the brand distils into its 工作法."""
    return list(Practice.objects.filter(brand=brand, is_method_candidate=True))


def carriers(brand) -> list[Carrier]:
    """The brand's active carriers with their granted titles and their results added up."""
    granted = Recognition.objects.filter(decision=RecognitionDecision.GRANTED).order_by(
        "-decided_on", "-id"
    )
    rows = list(
        Carrier.objects.filter(brand=brand, state=CarrierState.ACTIVE)
        .annotate(activity_count=Count("activities"))
        .prefetch_related(Prefetch("recognitions", queryset=granted, to_attr="granted"))
        .order_by("kind", "id")
    )
    results: dict[int, OrderedDict] = {c.pk: OrderedDict() for c in rows}
    for carrier_id, found in Activity.objects.filter(carrier__in=rows).values_list(
        "carrier_id", "results"
    ):
        totals = results[carrier_id]
        for row in found:
            key = (row["label"], row.get("unit", ""))
            totals[key] = totals.get(key, Decimal(0)) + Decimal(str(row["number"]))
    for carrier in rows:
        carrier.totals = [
            {"label": label, "unit": unit, "number": format(n.normalize(), "f")}
            for (label, unit), n in list(results[carrier.pk].items())[:3]
        ]
    return rows


def launch(brand) -> Launch | None:
    return (
        Launch.objects.filter(brand=brand, state=LaunchState.RECORDED)
        .order_by("-held_on", "-id")
        .first()
    )


def publicity(brand, limit: int = 8) -> list[PublicityEntry]:
    """What the brand made known outward, and what higher committees adopted."""
    return list(
        PublicityEntry.objects.filter(brand=brand)
        .filter(Q(direction=PublicityDirection.OUTWARD) | Q(adoption=Adoption.ADOPTED))
        .order_by("-published_on", "-id")[:limit]
    )


def brand_page(brand) -> dict:
    return {
        "brand": brand,
        "phrases": list(brand.phrases.all()),
        "methods": methods(brand),
        "carriers": carriers(brand),
        "honours": list(brand.honours.all()),
        "launch": launch(brand),
        "publicity": publicity(brand),
        "cases": list(published_cases(brand)[:CASES_SHOWN]),
    }
