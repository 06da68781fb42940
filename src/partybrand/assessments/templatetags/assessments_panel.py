"""The assessments card on the brand page ({% assessments_panel brand request.user %}) and the
navigation entry ({% assessments_nav user as an %})."""

from django import template

from partybrand.assessments import selectors
from partybrand.assessments.access import sees_whole
from partybrand.orgs.roles import Cap, holds_anywhere, paths_with

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
    superuser = user.is_superuser
    return {
        "mine": superuser or bool(paths_with(user, Cap.VIEW_BRANDS)),
        "reviews": holds_anywhere(user, Cap.REVIEW_ASSESSMENTS),
        "results": superuser or bool(paths_with(user, Cap.MANAGE_ORGS)),
    }
