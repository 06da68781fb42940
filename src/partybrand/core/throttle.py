"""Login throttling shared by the sign-in page and the API token endpoint.

Failures are counted in the cache per username and per client address. Once either count reaches
`LOGIN_FAILURE_LIMIT` within `LOGIN_FAILURE_WINDOW` seconds, further attempts are refused without
checking the password, so a locked account cannot be used as a password oracle.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

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


def _keys(username: str, ip: str) -> list[str]:
    # Hashed so that any username is a safe cache key (memcached rejects spaces and long keys).
    name = hashlib.sha256((username or "").strip().casefold().encode()).hexdigest()[:32]
    address = hashlib.sha256((ip or "").encode()).hexdigest()[:32]
    return [f"login-fail:user:{name}", f"login-fail:ip:{address}"]


def login_blocked(username: str, ip: str) -> bool:
    counts = cache.get_many(_keys(username, ip))
    return any(count >= settings.LOGIN_FAILURE_LIMIT for count in counts.values())


def login_failed(username: str, ip: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW
    for key in _keys(username, ip):
        # The window starts at the first failure; `add` does nothing if the key already exists.
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def login_succeeded(username: str, ip: str) -> None:
    cache.delete_many(_keys(username, ip))
