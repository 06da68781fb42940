"""Today's date for pages and the API (one place, so tests can move the clock)."""

from django.utils import timezone


def today():
    return timezone.localdate()
