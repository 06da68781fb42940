"""Counting actions of one source in fixed windows of the clock, in the shared cache (Redis across
nodes, the file cache on one machine), for limits such as anonymous survey answers per address.

A window is a whole period of the clock (the minute from :00 to :59, the hour), and its number is
part of the key: a window ends exactly when core/clock.py leaves it, whatever the cache does with
expiry times, which only clear old counts away. Redis and the in-process cache count atomically
(their incr keeps the key's expiry). The machine's file cache counts in its append-only counter
files (core/filecounters.py), as exact and far cheaper than rewriting an entry. Other caches
(the database cache) have an incr that rewrites the entry with the default timeout (the bug that
cut a 900-second window to 300), so there the count is read and written back with its timeout
given.
"""

import functools
import hashlib
import math
from dataclasses import dataclass

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from partybrand.core import clock
from partybrand.core.filecache import FileCache

ATOMIC_INCREMENT = (RedisCache, LocMemCache)
SLACK = 60  # seconds a finished window's count stays in the cache before it is cleared


@dataclass(frozen=True)
class Limit:
    """At most `count` actions in each window of `seconds`."""

    count: int
    seconds: int


@functools.lru_cache(maxsize=4096)
def _digest(scope: str, source: str) -> str:
    """The source's name in keys and file names; the same few sources act again and again."""
    return hashlib.sha256(f"{scope}:{source}".encode()).hexdigest()[:32]


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


def _windows(limits: list[Limit], moment: float) -> list[tuple[str, int, int, float]]:
    """(window name, seconds the count is kept, count allowed, end) for each limit."""
    windows: list[tuple[str, int, int, float]] = []
    for limit in limits:
        number = int(moment // limit.seconds)
        ends = (number + 1) * limit.seconds
        windows.append(
            (f"{limit.seconds}:{number}", math.ceil(ends - moment) + SLACK, limit.count, ends)
        )
    return windows


def hit(scope: str, source: str, limits: list[Limit]) -> int:
    """Count one action of `source` within `scope` in every limit's current window. Returns 0
    when it is within every limit, else the seconds until the last exceeded window ends; a
    refused action is taken back out of the counts, so waiting is enough to be let in again."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    digest = _digest(scope, source)
    moment = clock.now().timestamp()
    windows = _windows(limits, moment)
    if isinstance(cache, FileCache):
        return _hit_counter_files(cache, digest, windows, moment)
    if not isinstance(cache, ATOMIC_INCREMENT):
        return _hit_one_entry(cache, f"rate:{digest}", windows, moment)
    # Counted first and taken back when refused, so racing actions can never overshoot a limit.
    keys = [(f"rate:{digest}:{name}", timeout) for name, timeout, _count, _ends in windows]
    counts = [_add(cache, key, 1, timeout) for key, timeout in keys]
    wait = _wait(windows, counts, moment)
    if wait:
        for key, timeout in keys:
            _add(cache, key, -1, timeout)
    return math.ceil(wait)


def _wait(windows, counts, moment: float) -> float:
    return max(
        (
            ends - moment
            for (_name, _t, allowed, ends), count in zip(windows, counts, strict=True)
            if count > allowed
        ),
        default=0,
    )


def _hit_counter_files(cache: FileCache, digest: str, windows, moment: float) -> int:
    """Counted first and taken back when refused, as with Redis."""
    keys = [(f"{digest}-{name.replace(':', '-')}", int(ends)) for name, _t, _c, ends in windows]
    counts = [
        cache.counters.add(key, ends, moment, allowed=allowed)
        for (key, ends), (_n, _t, allowed, _e) in zip(keys, windows, strict=True)
    ]
    wait = _wait(windows, counts, moment)
    if wait:
        for key, ends in keys:
            cache.counters.take_back(key, ends)
    return math.ceil(wait)


def _hit_one_entry(cache, key: str, windows, moment: float) -> int:
    """The file and database caches: one entry holds the source's count in every window, read
    and written back once (each entry costs a file's read and rewrite), and written only when
    the action is let in, so a refused one is not counted."""
    kept = cache.get(key) or {}
    counts = {name: kept.get(name, 0) + 1 for name, _t, _count, _ends in windows}
    wait = _wait(windows, list(counts.values()), moment)
    if not wait:
        cache.set(key, counts, timeout=max(timeout for _n, timeout, _c, _e in windows))
    return math.ceil(wait)


def waiting(scope: str, source: str, limits: list[Limit]) -> int:
    """Seconds until `source` may act again within `scope` when one of the limits is used up
    in its current window; 0 when every limit has room. Counts nothing."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    digest = _digest(scope, source)
    moment = clock.now().timestamp()
    atomic = isinstance(cache, ATOMIC_INCREMENT)
    files = isinstance(cache, FileCache)
    one_entry = {} if atomic or files else cache.get(f"rate:{digest}") or {}
    wait = 0.0
    for name, _timeout, allowed, ends in _windows(limits, moment):
        if isinstance(cache, FileCache):
            key = f"{digest}-{name.replace(':', '-')}"
            count = cache.counters.count(key, int(ends))
        elif atomic:
            count = cache.get(f"rate:{digest}:{name}") or 0
        else:
            count = one_entry.get(name, 0)
        if count >= allowed:
            wait = max(wait, ends - moment)
    return math.ceil(wait)
