"""The workshop's clock. Services take `now=`; pages ask here, so a live-server test can move
time forward with the THEMES_CLOCK_SHIFT setting (a timedelta, unset in production)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone


def now():
    return timezone.now() + getattr(settings, "THEMES_CLOCK_SHIFT", timedelta(0))


def text(moment) -> str:
    """A moment as people read it in messages: local time, to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
