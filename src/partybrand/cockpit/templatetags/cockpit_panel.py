"""The brand page's 品牌健康度 section, for brands' template (which may not import cockpit)."""

from django import template

from partybrand.cockpit.choices import Part
from partybrand.cockpit.models import BrandHealth

register = template.Library()
BRAND_PAGE_LOWERS = 5


@register.inclusion_tag("cockpit/_brand_panel.html")
def brand_health_panel(brand) -> dict:
    """The brand's index with its parts and the first things that lower it (the page has
    already decided the user sees the brand)."""
    health = BrandHealth.objects.filter(brand=brand).first()
    if health is None:
        return {"brand": brand, "health": None}
    parts = [(p.label, health.parts.get(p.value, 0)) for p in Part]
    return {
        "brand": brand,
        "health": health,
        "parts": parts,
        "lowers": health.lowers_shown(BRAND_PAGE_LOWERS),
        "more": len(health.lowers) > BRAND_PAGE_LOWERS,
    }
