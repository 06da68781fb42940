"""What the 督办复盘 menu offers the signed-in user (no query beyond the cached roles)."""

from django import template

from partybrand.orgs.roles import Cap, paths_with
from partybrand.supervision.access import may_raise

register = template.Library()


@register.simple_tag(takes_context=True)
def supervision_nav(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    su = user.is_superuser
    return {
        "raise": su or bool(paths_with(user, Cap.MANAGE_ORGS)),
        "plans": su or bool(paths_with(user, Cap.VIEW_BRANDS)),
        "participation": su or bool(paths_with(user, Cap.VIEW_MEMBERS)),
    }


@register.simple_tag(takes_context=True)
def may_raise_on(context, org) -> bool:
    """Whether the signed-in user may raise a 督办单 on `org` (the task page's link)."""

    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and may_raise(user, org))
