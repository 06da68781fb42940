"""Whether the signed-in user may raise a 督办单 from a task (the task and overdue pages)."""

from django import template

from partybrand.supervision.access import may_raise

register = template.Library()


@register.simple_tag(takes_context=True)
def may_raise_on(context, org) -> bool:
    """Whether the signed-in user may raise a 督办单 on `org` (the task page's link)."""

    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and may_raise(user, org))
