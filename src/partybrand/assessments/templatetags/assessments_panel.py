"""The assessments card on the brand page ({% assessments_panel brand request.user %}) and the
navigation entry ({% assessments_nav user as an %})."""

from django import template

from partybrand.assessments import selectors
from partybrand.assessments.access import REVIEW_MANAGERS, sees_whole
from partybrand.orgs.choices import Role
from partybrand.orgs.roles import Cap, paths_with, role_paths

register = template.Library()


@register.inclusion_tag("assessments/_brand_panel.html")
def assessments_panel(brand, user):
    latest = selectors.latest_standardisation(brand.org)
    policy = selectors.nearest_policy(brand.org, latest.system.code) if latest else None
    below = selectors.below_standard(latest, policy)
    return {
        "brand": brand,
        "user": user,
        "latest": latest,
        "policy": policy,
        "below": below,
        "may_see": latest is not None and sees_whole(user, latest),
    }


@register.simple_tag
def assessments_nav(user) -> dict:
    if not user.is_authenticated:
        return {}
    roles = {role for role, _path in role_paths(user)}
    superuser = user.is_superuser
    return {
        "mine": superuser or bool(paths_with(user, Cap.VIEW_BRANDS)),
        "reviews": superuser or bool(roles & (REVIEW_MANAGERS | {Role.EXPERT})),
        "results": superuser or bool(paths_with(user, Cap.MANAGE_ORGS)),
    }
