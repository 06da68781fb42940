"""Login throttling, inside authentication so every way in (the sign-in page, the admin, the API
token endpoint) is counted alike.

Failures are rows (`LoginFailure`: when, the user name's keyed hash, the address) and locks are
rows (`LoginLock`: what, until when), in the database every worker and node shares: counts are
exact, a window lasts exactly as configured whatever the cache, and the unlock page lists the
locks. Times come from core/clock.py.

The rules (settings in docs/CONFIGURATION.md):

1. A user name: `LOGIN_FAILURE_LIMIT` failures within `LOGIN_FAILURE_WINDOW` seconds, from any
   addresses, lock the name. A locked name is refused, right password or not, without the
   password being checked; a name no account has is counted and locked exactly alike, so neither
   failures nor locks tell whether a name exists.
2. An address: `LOGIN_ADDRESS_FAILURE_LIMIT` failures within the window, over any names, lock
   the address, but only for the names that have not signed in successfully from it within
   `LOGIN_KNOWN_ADDRESS_DAYS` days, and for those that failed from it within the window. So a
   colleague who signs in from the office is never refused because others there failed, while
   one address trying a common password over many names (password spraying) is stopped. Under
   such a lock a known name's wrong password is answered with the lock message too, and a
   refused attempt spends the time of a password check, so the answer does not tell which names
   sign in from there.
3. Back-off: each lock of the same name or address within 24 hours lasts twice as long as the
   one before (the window, then 2×, 4×, … at most 24 hours). A lock lifted on the unlock page
   forgets the failures behind it and does not count towards the back-off.
4. Each attempt is recorded before its password is checked, so parallel guesses cannot slip
   past a limit. A success removes its own record and forgets the name's failures, not the
   address's: one valid account does not wash out the failures on others. A backend tried after
   this one (the directory) reports its success with `attempt_succeeded`.

The message tells the real minutes left; the API sends them as Retry-After.
"""

import functools
import ipaddress
import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.crypto import salted_hmac

from partybrand.core import clock
from partybrand.core.addresses import client_ip
from partybrand.core.audit import audit_record
from partybrand.core.models import KnownAddress, LoginFailure, LoginLock

BLOCKED_MESSAGE = "登录失败次数过多，请 {minutes} 分钟后再试。"
BACKOFF_HORIZON = timedelta(hours=24)
LONGEST_LOCK = timedelta(hours=24)
REFUSAL_ATTRIBUTE = "login_throttled"  # set on the request, for the page or endpoint to answer


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in was refused: a lock lasting until `until`."""

    until: datetime
    kind: str

    @property
    def seconds(self) -> int:
        return max(1, math.ceil((self.until - clock.now()).total_seconds()))

    @property
    def minutes(self) -> int:
        return math.ceil(self.seconds / 60)

    @property
    def message(self) -> str:
        return BLOCKED_MESSAGE.format(minutes=self.minutes)


def refusal_of(request) -> Refusal | None:
    """The lock that refused this request's sign-in, if one did."""
    return getattr(request, REFUSAL_ATTRIBUTE, None)


def normal_name(username: str) -> str:
    # NFKC as Django's login form does, so a full-width "ｓecretary" is the same account.
    return unicodedata.normalize("NFKC", username or "").strip().casefold()


def name_key(username: str) -> str:
    """A keyed hash of the user name: what was typed is never stored (people type passwords
    into the name field)."""
    return salted_hmac("partybrand.login.name", normal_name(username)).hexdigest()[:40]


@functools.lru_cache(maxsize=4096)  # a pure function of the text, asked at every counted action
def address_key(ip: str) -> str:
    """The address as counted: an IPv6 client is its /64 network, since one machine holds a
    whole /64 and could otherwise change address at every attempt."""
    try:
        parsed = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return (ip or "unknown")[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _window() -> timedelta:
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def _account(username: str):
    """The account a name signs in to, if there is one (only for the unlock page's list)."""
    users = get_user_model()._default_manager
    name = unicodedata.normalize("NFKC", username or "").strip()
    return users.filter(username__iexact=name).order_by("pk").first()


class Attempt:
    """One sign-in attempt of a user name from an address."""

    def __init__(self, username: str, ip: str):
        self.username = username
        self.name_key = name_key(username)
        self.address = address_key(ip)
        self.record: LoginFailure | None = None
        self.address_lock: LoginLock | None = None

    # Before the password ------------------------------------------------------------------

    def refusal_before(self) -> Refusal | None:
        """The lock that refuses this attempt without its password being checked."""
        now = clock.now()
        locks = LoginLock.objects.filter(
            Q(kind=LoginLock.Kind.NAME, key=self.name_key)
            | Q(kind=LoginLock.Kind.ADDRESS, key=self.address),
            until__gt=now,
            lifted_at__isnull=True,
        ).order_by("-until")
        for lock in locks:
            if lock.kind == LoginLock.Kind.NAME:
                return Refusal(lock.until, lock.kind)
        self.address_lock = next(iter(locks), None)
        if self.address_lock is not None and not self._spared(now):
            return Refusal(self.address_lock.until, LoginLock.Kind.ADDRESS)
        return None

    def _spared(self, now, *, exclude=None) -> bool:
        """Whether an address lock spares this name: it signed in from here lately and has not
        failed from here within the window."""
        days = timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
        known = KnownAddress.objects.filter(
            name_key=self.name_key, address=self.address, last_success_at__gt=now - days
        ).exists()
        failed = LoginFailure.objects.filter(
            name_key=self.name_key, address=self.address, at__gt=now - _window()
        )
        if exclude is not None:
            failed = failed.exclude(pk=exclude.pk)
        return known and not failed.exists()

    def begin(self) -> Refusal | None:
        """Record the attempt before its password is checked; a refusal when, counting it, the
        name or the address is over its limit (attempts racing each other)."""
        now = clock.now()
        self.record = LoginFailure.objects.create(
            at=now, name_key=self.name_key, address=self.address
        )
        names, addresses = self._counts(now)
        over_name = names > settings.LOGIN_FAILURE_LIMIT
        over_address = addresses > settings.LOGIN_ADDRESS_FAILURE_LIMIT and not self._spared(
            now, exclude=self.record
        )
        if not (over_name or over_address):
            return None
        self.record.delete()
        self.record = None
        if over_name:
            lock = self._lock(LoginLock.Kind.NAME, now, names - 1)
        else:
            lock = self._lock(LoginLock.Kind.ADDRESS, now, addresses - 1)
        return Refusal(lock.until, lock.kind)

    def _counts(self, now) -> tuple[int, int]:
        since = now - _window()
        recent = LoginFailure.objects.filter(at__gt=since)
        names = recent.filter(name_key=self.name_key).count()
        addresses = recent.filter(address=self.address).count()
        return names, addresses

    # After the password -------------------------------------------------------------------

    def succeeded(self) -> None:
        now = clock.now()
        LoginFailure.objects.filter(name_key=self.name_key).delete()  # this one's record too
        # A name lock in force now was made by this very attempt: a locked name is refused
        # before any backend runs, so only a later backend (the directory, after the local
        # password missed and reached the limit) can succeed with one. The success undoes it.
        LoginLock.objects.filter(
            kind=LoginLock.Kind.NAME, key=self.name_key, until__gt=now, lifted_at__isnull=True
        ).update(lifted_at=now)
        KnownAddress.objects.update_or_create(
            name_key=self.name_key, address=self.address, defaults={"last_success_at": now}
        )

    def failed(self) -> Refusal | None:
        """Keep the failure; lock the name or the address when it reaches its limit. Under an
        address lock that spared this name, the answer is the lock message all the same."""
        now = clock.now()
        names, addresses = self._counts(now)
        if addresses >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            self._lock(LoginLock.Kind.ADDRESS, now, addresses)
        if names >= settings.LOGIN_FAILURE_LIMIT:
            self._lock(LoginLock.Kind.NAME, now, names)
        if self.address_lock is not None:
            return Refusal(self.address_lock.until, LoginLock.Kind.ADDRESS)
        return None

    def _lock(self, kind: str, now, failures: int) -> LoginLock:
        key = self.name_key if kind == LoginLock.Kind.NAME else self.address
        current = (
            LoginLock.objects.filter(kind=kind, key=key, until__gt=now, lifted_at__isnull=True)
            .order_by("-until")
            .first()
        )
        if current is not None:
            return current
        before = LoginLock.objects.filter(
            kind=kind, key=key, created_at__gt=now - BACKOFF_HORIZON, lifted_at__isnull=True
        ).count()
        length = min(_window() * 2**before, LONGEST_LOCK)
        lock = LoginLock.objects.create(
            kind=kind,
            key=key,
            user=_account(self.username) if kind == LoginLock.Kind.NAME else None,
            address=self.address if kind == LoginLock.Kind.ADDRESS else "",
            failures=failures,
            level=before + 1,
            created_at=now,
            until=now + length,
        )
        audit_record(
            actor=None,
            action="login_lock",
            obj=lock,
            changes={"failures": failures, "level": lock.level, "until": clock.text(lock.until)},
        )
        return lock


def rules() -> dict:
    """The limits in force, as the unlock page states them."""
    return {
        "name_limit": settings.LOGIN_FAILURE_LIMIT,
        "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        "minutes": math.ceil(settings.LOGIN_FAILURE_WINDOW / 60),
        "known_days": settings.LOGIN_KNOWN_ADDRESS_DAYS,
    }


def active_locks():
    """The locks in force now, the latest first."""
    return LoginLock.objects.filter(until__gt=clock.now(), lifted_at__isnull=True).select_related(
        "user"
    )


@transaction.atomic
def lock_lift(*, actor, lock: LoginLock) -> LoginLock:
    """Lift a lock before its time and forget the failures behind it (the unlock page)."""
    lock = LoginLock.objects.select_for_update(of=("self",)).select_related("user").get(pk=lock.pk)
    now = clock.now()
    if lock.lifted_at is not None or lock.until <= now:
        return lock
    lock.lifted_at, lock.lifted_by = now, actor
    lock.save(update_fields=["lifted_at", "lifted_by"])
    field = "name_key" if lock.kind == LoginLock.Kind.NAME else "address"
    LoginFailure.objects.filter(**{field: lock.key}).delete()
    audit_record(
        actor=actor,
        action="login_unlock",
        obj=lock,
        changes={"until": clock.text(lock.until), "lifted_at": clock.text(now)},
    )
    return lock


def attempt_succeeded(username: str, ip: str) -> None:
    """A backend after ThrottledModelBackend (the directory) let the person in: forget the name's
    failures (the local password's miss included) and know the address, as a local success does."""
    Attempt(username, ip).succeeded()


def forget_before(now) -> dict[str, int]:
    """Drop what no longer counts at `now` (the daily `forget-sign-ins`): failures older than
    the back-off's day, addresses not used to sign in within LOGIN_KNOWN_ADDRESS_DAYS, and
    locks that ended more than 90 days ago."""
    known = timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    failures, _ = LoginFailure.objects.filter(at__lt=now - BACKOFF_HORIZON).delete()
    addresses, _ = KnownAddress.objects.filter(last_success_at__lt=now - known).delete()
    locks, _ = LoginLock.objects.filter(until__lt=now - timedelta(days=90)).delete()
    return {"failures": failures, "addresses": addresses, "locks": locks}


class ThrottledModelBackend(ModelBackend):
    """Django's backend with the attempt recorded first; a locked attempt checks no password.

    A refusal is left on the request (`refusal_of(request)`) for the sign-in page and the token
    endpoint to answer 429 with the minutes left; Django's authenticate() turns the
    PermissionDenied into "no user" and asks no other backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None:
            return super().authenticate(request, username, password, **kwargs)
        attempt = Attempt(username, client_ip(request))
        refusal = attempt.refusal_before()
        if refusal is None:
            refusal = attempt.begin()
        if refusal is not None:
            if refusal.kind == LoginLock.Kind.ADDRESS:
                make_password(password)  # the time a check takes: the answer tells nothing
            setattr(request, REFUSAL_ATTRIBUTE, refusal)
            raise PermissionDenied(refusal.message)
        user = super().authenticate(request, username, password, **kwargs)
        if user is not None:
            attempt.succeeded()
            return user
        refusal = attempt.failed()
        if refusal is not None:
            setattr(request, REFUSAL_ATTRIBUTE, refusal)
        return None
