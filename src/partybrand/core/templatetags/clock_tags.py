"""`{% today "Y年n月j日" %}`: today's date on a printed page, read from the one clock (Beijing)."""

from django import template
from django.utils.dateformat import format as date_format

from partybrand.core import clock

register = template.Library()


@register.simple_tag
def today(fmt: str = "Y-m-d") -> str:
    return date_format(clock.today(), fmt)
