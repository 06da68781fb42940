"""What the notification centre knows of the apps that use it, filled in by those apps.

Notices import none of their producers: each app registers, in its AppConfig.ready(), the kinds
of notice it sends (a TextChoices with Chinese labels) and, if it reminds people daily, a function
`produce(today) -> {kind: new reminders}` that the daily digest calls. The app owns its keys.
"""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db.models import TextChoices

GENERIC_LABEL = "提醒"
_kinds: dict[str, str] = {}
_producers: dict[str, Callable[[date], dict[str, int]]] = {}


def register_kinds(choices: type[TextChoices]) -> None:
    """Make an app's kinds of notice known, with the labels the bell and the list show."""
    for value, label in choices.choices:
        if _kinds.get(value, label) != label:
            raise ImproperlyConfigured(f"消息类型 {value} 已以另一名称登记：{_kinds[value]}")
        _kinds[value] = str(label)


def kind_label(kind: str) -> str:
    return _kinds.get(kind, GENERIC_LABEL)


def known_kinds() -> dict[str, str]:
    return dict(_kinds)


def register_reminders(name: str, produce: Callable[[date], dict[str, int]]) -> None:
    """Add a daily reminder producer; registering the same name again replaces it."""
    _producers[name] = produce


def produce_reminders(today: date) -> dict[str, int]:
    """Run every registered producer for `today`; new reminders counted by kind."""
    counts: dict[str, int] = {}
    for produce in _producers.values():
        for kind, n in produce(today).items():
            counts[kind] = counts.get(kind, 0) + n
    return counts
