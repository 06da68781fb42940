"""The bell in the navbar: one COUNT query per request, kept on the request's user."""

from django import template

from partybrand.notices.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(request, "_pb_unread_notices", None)
    if cached is None:
        cached = unread_count(user)
        request._pb_unread_notices = cached
    return cached
