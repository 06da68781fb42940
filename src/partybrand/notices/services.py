"""Creating and reading notifications. `notify` is what other apps call, with a kind they
registered (notices.registry)."""

from django.db import IntegrityError, transaction

from partybrand.core import clock
from partybrand.notices.models import Notification
from partybrand.textsim.normalize import clean_text


def build(
    *,
    user_id: int,
    kind: str,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    org_path: str = "",
) -> Notification:
    """An unsaved notification with its text cleaned and cut to the columns' lengths."""
    return Notification(
        user_id=user_id,
        kind=kind[:40],
        key=key[:200],
        title=clean_text(title)[:200],
        body=clean_text(body),
        url=url[:300],
        org_path=org_path[:255],
    )


def notify(
    *,
    user,
    kind: str,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    org_path: str = "",
) -> Notification | None:
    """Create the notification (user, key) once; return None when it was already sent.

    Safe under races: the unique constraint decides, a losing insert returns None.
    """
    if user is None or not getattr(user, "pk", None) or not user.is_active:
        return None
    notification = build(
        user_id=user.pk, kind=kind, key=key, title=title, body=body, url=url, org_path=org_path
    )
    if Notification.objects.filter(user=user, key=notification.key).exists():
        return None
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        return None
    notification.user = user
    return notification


def withdraw(*, user_id: int | None, key: str) -> int:
    """Delete the notification (user, key) when it no longer holds (e.g. "you are the checker"
    after the task went to someone else); also lets the same key be sent again later."""
    if not user_id:
        return 0
    deleted, _ = Notification.objects.filter(user_id=user_id, key=key[:200]).delete()
    return deleted


def notify_many(notifications) -> list[Notification]:
    """Save those of `notifications` (built with `build`, for active users) not sent before.

    Two queries whatever the number: one reads which (user, key) pairs exist, one INSERT adds
    the others; a row a concurrent run inserted meanwhile is skipped by the unique constraint
    (ignore_conflicts). Returns the rows this call found new.
    """
    fresh = {(n.user_id, n.key): n for n in notifications}
    if not fresh:
        return []
    taken = set(
        Notification.objects.filter(
            user_id__in={user_id for user_id, _ in fresh}, key__in={key for _, key in fresh}
        ).values_list("user_id", "key")
    )
    new = [n for pair, n in fresh.items() if pair not in taken]
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    return new


def mark_read(*, actor, notification: Notification, now=None) -> bool:
    """Mark one of the actor's notifications read; True when it changed."""
    if notification.user_id != actor.pk or notification.read_at is not None:
        return False
    notification.read_at = now or clock.now()
    notification.save(update_fields=["read_at"])
    return True


def mark_all_read(*, actor, now=None) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=now or clock.now()
    )


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
