"""The assessments card on the brand page ({% assessments_panel brand request.user %})."""

from django import template

from partybrand.assessments import selectors
from partybrand.assessments.access import sees_whole

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
