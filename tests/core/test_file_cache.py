"""The machine's shared file cache (no Redis): a write no longer lists the whole cache folder (the
cost of every anonymous survey answer, whose address counts are one entry), and the folder is
still kept near its size limit, culled once the interval has passed."""

from partybrand.core import filecache
from partybrand.core.filecache import FileCache


def make_cache(tmp_path, max_entries=5):
    return FileCache(str(tmp_path / "cache"), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def files_in(tmp_path) -> int:
    return len(list((tmp_path / "cache").glob("*.djcache")))


def test_writes_between_culls_do_not_list_the_folder(tmp_path, monkeypatch):
    cache = make_cache(tmp_path)
    listings = []
    real_list = FileCache._list_cache_files
    monkeypatch.setattr(
        FileCache, "_list_cache_files", lambda self: listings.append(1) or real_list(self)
    )
    for n in range(50):
        cache.set(f"rate:address-{n % 3}", {"60:1": n}, timeout=120)
    assert len(listings) == 1  # the first write; the next 49 within the interval list nothing
    assert cache.get("rate:address-2") == {"60:1": 47}


def test_the_folder_is_culled_again_once_the_interval_has_passed(tmp_path, monkeypatch):
    moment = [1000.0]
    monkeypatch.setattr(filecache.time, "monotonic", lambda: moment[0])
    cache = make_cache(tmp_path, max_entries=5)
    for n in range(12):
        cache.set(f"key-{n}", n)
    assert files_in(tmp_path) == 12  # over the limit for at most one interval

    moment[0] += filecache.CULL_INTERVAL + 1
    cache.set("one-more", 1)
    assert files_in(tmp_path) < 12  # a third of the entries made room, as Django's cull does
    assert cache.get("one-more") == 1
