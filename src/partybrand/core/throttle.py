"""Login throttling, applied inside authentication so every way in (sign-in page, admin, API
token) is counted the same.

Each attempt is counted per user name and per client address *before* the password is checked,
so parallel guesses cannot slip past the limit; once either count passes `LOGIN_FAILURE_LIMIT`
within `LOGIN_FAILURE_WINDOW` seconds, attempts are refused without checking the password. A
success forgets the user name's failures and takes back its own count from the address, so one
valid account cannot be used to reset the address's count of failures on other accounts.
"""

import contextlib
import hashlib
import unicodedata

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

BLOCKED_MESSAGE = "登录失败次数过多，请 {minutes} 分钟后再试。"


def blocked_message() -> str:
    return BLOCKED_MESSAGE.format(minutes=max(1, settings.LOGIN_FAILURE_WINDOW // 60))


def client_ip(request) -> str:
    """The client's address; behind our own proxy, the address that proxy appended last."""
    # Only the right-most X-Forwarded-For entry is trustworthy: it is written by our proxy, while
    # anything left of it comes from the client and could be forged to dodge the per-address limit.
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _user_key(username: str) -> str:
    # NFKC as Django's login form does, so a full-width "ｓecretary" is the same account.
    name = unicodedata.normalize("NFKC", username or "").strip().casefold()
    return "login-fail:user:" + hashlib.sha256(name.encode()).hexdigest()[:32]


def _ip_key(ip: str) -> str:
    return "login-fail:ip:" + hashlib.sha256((ip or "").encode()).hexdigest()[:32]


def _bump(key: str) -> int:
    # The window starts at the first attempt; `add` does nothing if the key already exists.
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)
        return 1


def rate_allowed(scope: str, key: str, limit: int, window: int = 60) -> bool:
    """Count one action of `key` within `scope`; False once more than `limit` fall in the window."""
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"rate:{digest}"
    cache.add(cache_key, 0, timeout=window)
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        return True


def attempt_allowed(username: str, ip: str) -> bool:
    """Count one attempt; False when the user name or the address is locked."""
    limit = settings.LOGIN_FAILURE_LIMIT
    counts = [_bump(_user_key(username)), _bump(_ip_key(ip))]
    return all(count <= limit for count in counts)


def attempt_succeeded(username: str, ip: str) -> None:
    cache.delete(_user_key(username))
    with contextlib.suppress(ValueError):  # the address count may have expired meanwhile
        cache.decr(_ip_key(ip))


def locked(username: str, ip: str) -> bool:
    """Whether attempts are over the limit, so the last one was refused (counts nothing)."""
    limit = settings.LOGIN_FAILURE_LIMIT
    counts = cache.get_many([_user_key(username), _ip_key(ip)])
    return any(count > limit for count in counts.values())


class ThrottledModelBackend(ModelBackend):
    """Django's backend with the attempt counted first; a locked attempt checks no password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None:
            return super().authenticate(request, username, password, **kwargs)
        ip = client_ip(request)
        if not attempt_allowed(username, ip):
            raise PermissionDenied(blocked_message())  # stops authenticate() at once
        user = super().authenticate(request, username, password, **kwargs)
        if user is not None:
            attempt_succeeded(username, ip)
        return user
