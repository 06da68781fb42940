"""Counting actions of one source in fixed windows of the clock, in the shared cache (Redis across
nodes, the file cache on one machine), for limits such as anonymous survey answers per address.

A window is a whole period of the clock (the minute from :00 to :59, the hour), and its number is
part of the key: a window ends exactly when core/clock.py leaves it, whatever the cache does with
expiry times, which only clear old counts away. Redis and the in-process cache count atomically
(their incr keeps the key's expiry); the file and database caches' incr rewrites the entry with
the default timeout (the bug that cut a 900-second window to 300), so there the count is read
and written back with its timeout given.
"""

import hashlib
import math
from dataclasses import dataclass

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from partybrand.core import clock

ATOMIC_INCREMENT = (RedisCache, LocMemCache)
SLACK = 60  # seconds a finished window's count stays in the cache before it is cleared


@dataclass(frozen=True)
class Limit:
    """At most `count` actions in each window of `seconds`."""

    count: int
    seconds: int


def _add(cache, key: str, delta: int, timeout: int) -> int:
    if isinstance(cache, ATOMIC_INCREMENT):
        if delta > 0 and cache.add(key, delta, timeout=timeout):
            return delta
        try:
            return cache.incr(key, delta)
        except ValueError:  # cleared meanwhile
            if delta < 0:
                return 0
            cache.set(key, delta, timeout=timeout)
            return delta
    # Read and written back: an add() first would only open the same file once more.
    count = max((cache.get(key) or 0) + delta, 0)
    cache.set(key, count, timeout=timeout)
    return count


def hit(scope: str, source: str, limits: list[Limit]) -> int:
    """Count one action of `source` within `scope` in every limit's current window. Returns 0
    when it is within every limit, else the seconds until the last exceeded window ends; a
    refused action is taken back out of the counts, so waiting is enough to be let in again."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    digest = hashlib.sha256(f"{scope}:{source}".encode()).hexdigest()[:32]
    moment = clock.now().timestamp()
    windows = []
    for limit in limits:
        number = int(moment // limit.seconds)
        ends = (number + 1) * limit.seconds
        key = f"rate:{digest}:{limit.seconds}:{number}"
        windows.append((key, math.ceil(ends - moment) + SLACK, limit.count, ends))
    # Counted first and taken back when refused, so racing actions can never overshoot a limit.
    counts = [_add(cache, key, 1, timeout) for key, timeout, _count, _ends in windows]
    wait = max(
        (
            ends - moment
            for (_k, _t, allowed, ends), count in zip(windows, counts, strict=True)
            if count > allowed
        ),
        default=0,
    )
    if wait:
        for key, timeout, _count, _ends in windows:
            _add(cache, key, -1, timeout)
    return math.ceil(wait)


def waiting(scope: str, source: str, limits: list[Limit]) -> int:
    """Seconds until `source` may act again within `scope` when one of the limits is used up
    in its current window; 0 when every limit has room. Counts nothing."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    digest = hashlib.sha256(f"{scope}:{source}".encode()).hexdigest()[:32]
    moment = clock.now().timestamp()
    wait = 0.0
    for limit in limits:
        number = int(moment // limit.seconds)
        if (cache.get(f"rate:{digest}:{limit.seconds}:{number}") or 0) >= limit.count:
            wait = max(wait, (number + 1) * limit.seconds - moment)
    return math.ceil(wait)
