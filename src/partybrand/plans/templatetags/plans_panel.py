"""The plans card on the brand page."""

from django import template
from django.db.models import Count

from partybrand.core import clock
from partybrand.orgs.roles import Cap, can
from partybrand.plans.access import can_edit_plan, visible_plans
from partybrand.plans.choices import PhaseStatus
from partybrand.plans.colours import COLOUR_HEX, COLOUR_LABELS, colour_case

register = template.Library()


@register.inclusion_tag("plans/_brand_panel.html")
def plans_panel(brand, user):
    plan = (
        visible_plans(user)
        .filter(brand=brand)
        .select_related("org")
        .order_by("-status", "-created_at")
        .first()
    )
    context = {"brand": brand, "user": user, "plan": plan}
    if plan is None:
        context["can_create"] = can(user, Cap.EDIT_BRAND, brand.org.path)
        return context
    today = clock.today()
    counts = dict.fromkeys(COLOUR_HEX, 0)
    rows = plan.tasks.annotate(c=colour_case(today)).values("c").annotate(n=Count("id"))
    for row in rows:
        counts[row["c"]] = row["n"]
    phase = plan.phases.filter(status=PhaseStatus.OPEN).order_by("position").first()
    context.update(
        phase=phase,
        counts=[(c, COLOUR_LABELS[c], n) for c, n in counts.items()],
        total=sum(counts.values()),
        can_edit=can_edit_plan(user, plan),
    )
    return context
