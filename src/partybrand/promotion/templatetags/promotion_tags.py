"""Template helpers of 推介, for the pages of apps below it: the brand page lists the brand's
carriers through `brand_carriers` instead of importing promotion."""

from django import template
from django.db.models import Count

from partybrand.promotion.access import visible_carriers

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
