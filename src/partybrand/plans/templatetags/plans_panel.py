"""The plans card on the brand page and the 创建推进 menu."""

from django import template
from django.db.models import Count

from partybrand.core import clock
from partybrand.orgs.choices import Role
from partybrand.orgs.roles import Cap, can, paths_with, role_paths
from partybrand.plans.access import can_edit_plan, visible_plans
from partybrand.plans.choices import PhaseStatus
from partybrand.plans.colours import COLOUR_HEX, COLOUR_LABELS, colour_case

register = template.Library()
SUPERVISORS = {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE, Role.MID_ADMIN, Role.SECRETARY}


@register.simple_tag
def plans_nav(user):
    if not user.is_authenticated:
        return {"any": False}
    sees = user.is_superuser or bool(paths_with(user, Cap.VIEW_BRANDS))
    if not sees:
        return {"any": False}
    return {
        "any": True,
        "supervise": user.is_superuser or any(r in SUPERVISORS for r, _p in role_paths(user)),
        "create": user.is_superuser or bool(paths_with(user, Cap.EDIT_BRAND)),
    }


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
