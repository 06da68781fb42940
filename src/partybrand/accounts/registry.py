"""The session registry: which browsers are signed in as whom, kept beside Django's sessions.

A row is written when someone signs in (the user_logged_in signal), its `last_seen` moved at most
once a minute by the middleware, and removed when the session ends: sign-out, idle time-out,
the person ending it on “我的账号”, a password change (every other session of the account) or a
deactivation (all of them). Ending a session deletes Django's session too, so the browser holding
it is signed out at its next request.
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import IntegrityError, transaction

from partybrand.accounts.models import SignedInSession
from partybrand.core import clock
from partybrand.core.addresses import client_ip

# The session's own record of when it was last seen, in seconds since the epoch.
SEEN_KEY = "pb_seen"
TOUCH_SECONDS = 60


def idle_seconds() -> int:
    return settings.PARTYBRAND_IDLE_MINUTES * 60


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore()


def address_of(request) -> str:
    address = client_ip(request)
    return "" if address == "unknown" else address[:64]


def record_sign_in(request, user) -> None:
    """A new row for the session the person has just signed in with."""
    session = request.session
    if session.session_key is None:
        session.save()
    now = clock.now()
    session[SEEN_KEY] = now.timestamp()
    SignedInSession.objects.filter(session_key=session.session_key).delete()
    SignedInSession.objects.create(
        user=user,
        session_key=session.session_key,
        address=address_of(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        created_at=now,
        last_seen=now,
    )


def forget(session_key: str | None) -> None:
    """The row of a session that ended by itself (sign-out, time-out)."""
    if session_key:
        SignedInSession.objects.filter(session_key=session_key).delete()


def touch(request) -> None:
    """Move the session's last_seen (at most once a minute); a session signed in before the
    registry existed gets its row now."""
    session = request.session
    now = clock.now()
    seen = session.get(SEEN_KEY)
    if seen is not None and now.timestamp() - seen < TOUCH_SECONDS:
        return
    session[SEEN_KEY] = now.timestamp()
    key = session.session_key
    if key is None:
        return
    updated = SignedInSession.objects.filter(session_key=key).update(last_seen=now)
    if not updated:
        try:
            with transaction.atomic():
                SignedInSession.objects.create(
                    user=request.user,
                    session_key=key,
                    address=address_of(request),
                    user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
                    created_at=now,
                    last_seen=now,
                )
        except IntegrityError:  # a parallel request of the same session wrote it
            pass


def is_idle(request) -> bool:
    seen = request.session.get(SEEN_KEY)
    return seen is not None and clock.now().timestamp() - seen > idle_seconds()


def rekey(old_key: str | None, new_key: str | None) -> None:
    """The session got a new key (a password change keeps the person signed in that way)."""
    if not old_key or not new_key or old_key == new_key:
        return
    if SignedInSession.objects.filter(session_key=new_key).exists():
        SignedInSession.objects.filter(session_key=old_key).delete()
    else:
        SignedInSession.objects.filter(session_key=old_key).update(session_key=new_key)


def end(rows) -> int:
    """End the sessions of these registry rows: Django's sessions and the rows go."""
    keys = list(rows.values_list("session_key", flat=True))
    store = _store()
    for key in keys:
        store.delete(key)
    SignedInSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def end_all(user, *, except_key: str | None = None) -> int:
    rows = SignedInSession.objects.filter(user=user)
    if except_key:
        rows = rows.exclude(session_key=except_key)
    return end(rows)


def live_sessions(user):
    """The user's sessions that are still alive: neither idle past the limit nor expired.
    Rows of sessions that ended without a request (a closed browser) are dropped here."""
    now = clock.now()
    cutoff = now - timedelta(seconds=idle_seconds())
    end(SignedInSession.objects.filter(user=user, last_seen__lt=cutoff))
    return SignedInSession.objects.filter(user=user).order_by("-last_seen", "-id")
