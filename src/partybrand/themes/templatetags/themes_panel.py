"""The themes card on the brand page.

{% load themes_panel %}{% themes_panel brand request.user %}"""

from django import template

from partybrand.brands.access import can_edit_brand
from partybrand.brands.choices import BrandStatus
from partybrand.core import clock
from partybrand.themes.access import can_manage, can_propose, sees_tally, visible_workshops
from partybrand.themes.models import Workshop
from partybrand.themes.selectors import candidates

register = template.Library()
TOP = 3
# Ranked by votes only for those who may see the tally (themes.access.sees_tally).
TOP_ORDER = {
    True: ("-vote_count", "-shortlisted", "-proposer_count", "id"),
    False: ("-shortlisted", "-proposer_count", "id"),
}


@register.inclusion_tag("themes/_brand_panel.html")
def themes_panel(brand, user):
    workshop = (
        visible_workshops(user).filter(brand=brand).select_related("brand__org", "decided").first()
    )
    context = {"brand": brand, "user": user, "workshop": workshop}
    if workshop is None:
        context["can_start"] = (
            can_edit_brand(user, brand)
            and brand.status != BrandStatus.REVOKED
            and not Workshop.objects.filter(brand=brand).exists()
        )
        return context
    show_tally = sees_tally(user, workshop, now=clock.now())
    context.update(
        top=list(candidates(workshop).order_by(*TOP_ORDER[show_tally])[:TOP]),
        show_tally=show_tally,
        count=workshop.candidates.count(),
        can_manage=can_manage(user, workshop),
        can_propose=can_propose(user, workshop),
    )
    return context
