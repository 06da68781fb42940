"""Template helpers of 推介, for the pages of apps below it: the brand page lists the brand's
carriers through `brand_carriers`, and its recent activities, launches and publicity through
`brand_promotion`, instead of importing promotion."""

from django import template
from django.db.models import Count, Q

from partybrand.promotion.access import visible_carriers, visible_launches, visible_publicity
from partybrand.promotion.choices import Adoption
from partybrand.promotion.models import Activity

register = template.Library()
BRAND_PAGE_CARRIERS = 10


@register.inclusion_tag("promotion/_brand_carriers.html")
def brand_carriers(user, brand) -> dict:
    """The brand's carriers the user sees, with their activities counted, and the latest
    activity among them."""
    rows = visible_carriers(user).filter(brand=brand)
    carriers = list(
        rows.select_related("leader")
        .annotate(activity_count=Count("activities"))
        .order_by("kind", "id")[: BRAND_PAGE_CARRIERS + 1]
    )
    return {
        "brand": brand,
        "carriers": carriers[:BRAND_PAGE_CARRIERS],
        "more": len(carriers) > BRAND_PAGE_CARRIERS,
    }


BRAND_PAGE_ACTIVITIES = 5
BRAND_PAGE_PUBLICITY = 8


@register.inclusion_tag("promotion/_brand_promotion.html")
def brand_promotion(user, brand) -> dict:
    """The brand's recent carrier activities, its launches and its latest publicity, as the
    user sees them, with the ledger's count and what was adopted above."""
    activities = (
        Activity.objects.filter(carrier__in=visible_carriers(user).filter(brand=brand))
        .select_related("carrier")
        .order_by("-held_on", "-id")[:BRAND_PAGE_ACTIVITIES]
    )
    entries = visible_publicity(user).filter(brand=brand)
    counts = entries.aggregate(
        total=Count("id"), adopted=Count("id", filter=Q(adoption=Adoption.ADOPTED))
    )
    return {
        "brand": brand,
        "activities": list(activities),
        "launches": list(visible_launches(user).filter(brand=brand).order_by("-held_on")[:3]),
        "entries": list(entries.order_by("-published_on", "-id")[:BRAND_PAGE_PUBLICITY]),
        **counts,
    }
