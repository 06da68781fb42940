"""Template helpers of brands, also used by the pages of apps below brands (the organisation page
shows its brands through `org_brands` instead of importing brands)."""

from django import template

from partybrand.brands.access import visible_brands
from partybrand.orgs.tree import subtree_q

register = template.Library()
ORG_PAGE_BRANDS = 20


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def org_brands(user, org) -> dict:
    """The organisation's own brands (latest first) and the count of its whole subtree's."""
    brands = visible_brands(user)
    return {
        "own": brands.filter(org=org).order_by("-updated_at")[:ORG_PAGE_BRANDS],
        "subtree_count": brands.filter(subtree_q(org.path, "org__path")).count(),
    }
