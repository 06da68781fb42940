"""What the sign-in page and the member page of lower apps show of enterprise sign-in."""

from django import template
from django.conf import settings

from partybrand.sso import second_factor
from partybrand.sso.access import may_reset_second_factor
from partybrand.sso.conf import oidc_enabled

register = template.Library()


@register.inclusion_tag("sso/_signin_options.html", takes_context=True)
def sso_signin_options(context):
    """The single sign-on button ("统一身份认证登录") and the directory hint, when configured."""
    return {
        "oidc": oidc_enabled(),
        "ldap": settings.LDAP_ENABLED,
        "label": settings.OIDC_BUTTON_LABEL,
        "next": context.get("next", ""),
    }


@register.inclusion_tag("sso/_member_second_factor.html", takes_context=True)
def member_second_factor(context, member):
    """The member's second factor and its reset, for those who manage the member."""
    request = context["request"]
    if not may_reset_second_factor(request.user, member):
        return {"shown": False}
    enrolled = second_factor.confirmed_device(member.user) is not None
    return {"shown": True, "member": member, "enrolled": enrolled}
