"""Rate-limit counts on a machine without Redis: appended bytes in counter files (core/
filecounters.py) instead of a cache entry rewritten on every anonymous answer."""

import multiprocessing

import pytest
from django.core.cache import caches

from partybrand.core import clock, filecounters, ratelimit
from partybrand.core.filecache import FileCache
from partybrand.core.filecounters import FileCounters
from partybrand.core.ratelimit import Limit


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "partybrand.core.filecache.FileCache", "LOCATION": str(tmp_path)}
    }
    cache = caches["default"]
    assert isinstance(cache, FileCache)
    return cache


def _count_many(folder: str, times: int) -> None:
    counters = FileCounters(folder)
    for _ in range(times):
        counters.add("address", 4_000_000_000, 0.0)


def test_two_processes_counting_at_once_lose_no_count(tmp_path):
    folder = str(tmp_path / "counters")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_count_many, args=(folder, 300)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert FileCounters(folder).count("address", 4_000_000_000) == 600


def test_a_refused_answer_is_taken_back_from_every_window(file_cache):
    limits = [Limit(3, 60), Limit(5, 3600)]
    waits = [ratelimit.hit("survey:1", "10.0.0.1", limits) for _ in range(6)]
    assert waits[:3] == [0, 0, 0]
    assert all(w > 0 for w in waits[3:])
    # The three refused in the minute do not use up the hour: 2 more are let in next minute.
    assert ratelimit.waiting("survey:1", "10.0.0.1", [Limit(5, 3600)]) == 0
    assert ratelimit.waiting("survey:1", "10.0.0.1", limits) > 0
    assert ratelimit.waiting("survey:1", "10.0.0.2", limits) == 0  # another address


def test_counting_writes_no_cache_entry(file_cache, tmp_path):
    for _ in range(5):
        ratelimit.hit("survey:1", "10.0.0.1", [Limit(30, 60)])
    assert not list(tmp_path.glob("*.djcache"))
    assert list((tmp_path / "counters").iterdir())


def test_a_finished_windows_files_are_removed(tmp_path, monkeypatch):
    counters = FileCounters(tmp_path / "counters")
    now = clock.now().timestamp()
    counters.add("old", int(now) - 10, now)
    counters.take_back("old", int(now) - 10)
    monkeypatch.setattr(filecounters.time, "monotonic", lambda: 10**9)
    counters.add("current", int(now) + 50, now)
    assert [p.name for p in (tmp_path / "counters").iterdir()] == [f"{int(now) + 50}-current"]


def test_clearing_the_cache_clears_the_counts(file_cache):
    ratelimit.hit("survey:1", "10.0.0.1", [Limit(1, 60)])
    assert ratelimit.waiting("survey:1", "10.0.0.1", [Limit(1, 60)]) > 0
    file_cache.clear()
    assert ratelimit.waiting("survey:1", "10.0.0.1", [Limit(1, 60)]) == 0


def test_a_count_over_the_limit_is_exact_after_actions_taken_back(tmp_path):
    """Within the limit a count may skip what was taken back (it can only be lower); over it,
    the refusal rests on the exact count."""
    counters = FileCounters(str(tmp_path))
    ends = 4_000_000_000
    assert [counters.add("a", ends, 0.0, allowed=2) for _ in range(3)] == [1, 2, 3]
    counters.take_back("a", ends)  # the third was refused
    assert counters.add("a", ends, 0.0, allowed=2) == 3  # four counted, one taken back
    assert counters.count("a", ends) == 3
