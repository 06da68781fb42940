"""The platform's similarity index: every brand name and slogan plus the benchmark library.

Entries are textsim `Entry(key, name, slogan, owner)` with keys "brand:<pk>" (owner: the
organisation's name) and "benchmark:<pk>" (owner: the benchmark's organisation / enterprise).
`current_index()` returns this process's index, brought up to date first.

How several workers stay in sync
--------------------------------
The database is the truth; the index file and every worker's in-memory copy are caches of the
expensive part (pinyin tables and sentence vectors).

- Version stamp: `stamp()` = count, highest id and latest `updated_at` of brands, benchmarks and
  organisations (one aggregate query each), plus a counter in the shared cache that the signals
  bump after every committed change (it catches what the aggregates cannot see, e.g. a rename
  saved without `updated_at`). Bulk writes that send no signals (the benchmark import's
  `bulk_create`) still change the aggregates.
- Before each query a holder compares the stamp with the one its copy was synced at. Equal:
  nothing to do (the common case costs three small queries). Different: it reads (key, name,
  slogan, owner) of every row — a cheap values() query — and applies the difference: entries
  gone are removed, new or changed ones are encoded in ONE batch. Nothing unchanged is
  re-encoded.
- The file (DATA_DIR/theme-index/index-<database>.pkl, textsim's own format, written
  atomically) lets a new worker start without encoding everything; a worker also reloads it
  when another process has written a newer one before applying the difference. Because the
  difference against the database is always applied after loading, a file that is behind (or
  was written by a transaction that later rolled back) can never make an answer wrong, only
  slower.
- Signals (themes/signals.py), after commit: bump the stamp and, if this process already holds
  an index, apply the one changed row at once (one encoding); the file is rewritten on the next
  query. A process that has never answered a check does nothing (the sentence encoder is loaded
  lazily, on the first check).
- `rebuild_theme_index` builds everything from scratch, writes the file and bumps the stamp.

Measured on the demo (26 brands + 131 benchmarks, SQLite, one core): loading the USE encoder
once per process ≈ 0.9 s; a full build (encode all, write the file) ≈ 0.08 s; a new worker
loading the file ≈ 0.004 s; the stamp check ≈ 1 ms; an index query ≈ 2 ms (median) and a whole
`check_theme` ≈ 4 ms. A bulk import of the 131 library brands is encoded in one batch (≈ 0.1 s)
on the next check, so imports need no special handling.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max

from partybrand.benchmarks.models import Benchmark
from partybrand.brands.models import Brand
from partybrand.orgs.models import Organization
from partybrand.textsim.embedding import default_embedder
from partybrand.textsim.engine import Entry, SimilarityIndex
from partybrand.textsim.store import IndexFormatError

log = logging.getLogger(__name__)

STAMP_KEY = "themes:index-stamp"


def index_path() -> Path:
    """settings.THEME_INDEX_PATH if set, else DATA_DIR/theme-index/index-<database>.pkl: one
    file per database, so a test run (test database) never replaces the site's file."""
    configured = getattr(settings, "THEME_INDEX_PATH", None)
    if configured:
        return Path(configured)
    database = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
    tag = hashlib.sha256(database.encode()).hexdigest()[:10]
    return Path(settings.DATA_DIR) / "theme-index" / f"index-{tag}.pkl"


# ---------------------------------------------------------------- what the index holds


def brand_entry(brand) -> Entry:
    return Entry(f"brand:{brand.pk}", brand.name, brand.slogan or "", brand.org.name)


def benchmark_entry(benchmark) -> Entry:
    return Entry(f"benchmark:{benchmark.pk}", benchmark.name, benchmark.slogan or "", benchmark.org)


def all_entries() -> list[Entry]:
    """Every brand and benchmark as the index should hold them (two values() queries)."""

    brands = Brand.objects.order_by("pk").values_list("pk", "name", "slogan", "org__name")
    benchmarks = Benchmark.objects.order_by("pk").values_list("pk", "name", "slogan", "org")
    return [Entry(f"brand:{pk}", n, s or "", o or "") for pk, n, s, o in brands] + [
        Entry(f"benchmark:{pk}", n, s or "", o or "") for pk, n, s, o in benchmarks
    ]


def stamp() -> tuple:
    """What changes whenever an entry may have changed (see the module docstring)."""

    parts = []
    for model in (Brand, Benchmark, Organization):
        row = model.objects.aggregate(n=Count("id"), i=Max("id"), u=Max("updated_at"))
        parts.append((row["n"], row["i"], row["u"].isoformat() if row["u"] else None))
    parts.append(cache.get(STAMP_KEY, 0))
    return tuple(parts)


def bump_stamp() -> None:
    """Tell every worker that the index may be stale."""
    try:
        cache.incr(STAMP_KEY)
    except ValueError:
        if not cache.add(STAMP_KEY, 1, timeout=None):
            cache.incr(STAMP_KEY)


def apply_difference(index: SimilarityIndex, entries: list[Entry]) -> int:
    """Make the index hold exactly these entries; returns how many were added, changed or
    removed. Only new and changed entries are encoded (in one batch)."""
    wanted = {entry.key: entry for entry in entries}
    held = {entry.key: entry for entry in index.entries()}
    gone = [key for key in held if key not in wanted]
    for key in gone:
        index.remove(key)
    changed = [entry for key, entry in wanted.items() if held.get(key) != entry]
    index.add_many(changed)
    return len(gone) + len(changed)


# ---------------------------------------------------------------- one process's copy


class IndexHolder:
    """One process's copy of the index, synced with the database before each use."""

    def __init__(self, path: Path | str | None = None) -> None:
        self._path = Path(path) if path else None
        self._lock = threading.RLock()
        self._index: SimilarityIndex | None = None
        self._stamp: tuple | None = None
        self._file_seen: tuple | None = None  # (path, mtime_ns, size) of the file we hold
        self._dirty = False
        self.last_sync: dict = {}

    @property
    def path(self) -> Path:
        return self._path or index_path()

    @property
    def loaded(self) -> bool:
        return self._index is not None

    def current(self) -> SimilarityIndex:
        """The index, up to date with the database."""
        now = stamp()
        if self._index is not None and now == self._stamp and not self._dirty:
            return self._index
        with self._lock:
            if self._index is not None and now == self._stamp and not self._dirty:
                return self._index
            started = time.perf_counter()
            loaded = self._load_if_newer()
            changes = apply_difference(self._index, all_entries())
            self._stamp = now
            if changes or self._dirty or not self._on_disk():
                self._save()
            self._dirty = False
            self.last_sync = {
                "changes": changes,
                "loaded_file": loaded,
                "seconds": round(time.perf_counter() - started, 4),
            }
            return self._index

    def rebuild(self) -> SimilarityIndex:
        """A new index from the database (every entry encoded), saved, then used."""
        with self._lock:
            now = stamp()
            index = SimilarityIndex(embedder=default_embedder())
            index.add_many(all_entries())
            self._index, self._stamp, self._dirty = index, now, False
            self._save()
        bump_stamp()
        return index

    def apply(self, *, upsert: Entry | None = None, remove: str | None = None) -> None:
        """One committed change (from the signals): applied only if an index is held."""
        with self._lock:
            if self._index is None:
                return
            if remove and remove in self._index:
                self._index.remove(remove)
                self._dirty = True
            if upsert is not None and self._index.get(upsert.key) != upsert:
                self._index.add(upsert)
                self._dirty = True

    # --- the file -------------------------------------------------------------------------

    def _file_state(self) -> tuple | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (str(self.path), info.st_mtime_ns, info.st_size)

    def _on_disk(self) -> bool:
        return self._file_state() is not None

    def _load_if_newer(self) -> bool:
        state = self._file_state()
        if state is not None and state != self._file_seen:
            try:
                self._index = SimilarityIndex.load(self.path, embedder=default_embedder())
                self._file_seen = state
                return True
            except (IndexFormatError, OSError, EOFError, pickle.UnpicklingError) as exc:
                log.warning("theme index file %s not used: %s", self.path, exc)
        if self._index is None:
            self._index = SimilarityIndex(embedder=default_embedder())
        return False

    def _save(self) -> None:
        try:
            self._index.save(self.path)
            self._file_seen = self._file_state()
        except OSError as exc:  # a read-only data directory must not break the checks
            log.warning("theme index file %s not written: %s", self.path, exc)


_holder = IndexHolder()


def holder() -> IndexHolder:
    return _holder


def current_index() -> SimilarityIndex:
    return _holder.current()
