"""`{% submission_token %}`: the hidden one-time token of a form that creates something, so the
server carries the form out once however often it is sent (core/submissions.py)."""

import secrets

from django import template
from django.utils.html import format_html

from partybrand.core.submissions import FIELD

register = template.Library()


@register.simple_tag
def submission_token():
    token = secrets.token_urlsafe(18)
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token)
