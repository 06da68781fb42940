"""The platform's similarity index: every brand name and slogan plus the benchmark library.

Entries are textsim `Entry(key, name, slogan, owner)` with keys "brand:<pk>" (owner: the
organisation's name) and "benchmark:<pk>" (owner: the benchmark's organisation / enterprise).
`current_index()` returns this process's index, brought up to date first.

One copy per node, shared by its processes
------------------------------------------
The database is the truth; the index is a cache of the expensive part (pinyin code strings,
LSH band hashes, sentence vectors). It lives as a *generation*: a folder of numpy arrays
(textsim/mapped.py) under DATA_DIR/theme-index/, named by a pointer file
(`index_path()`: index-<database>.current). Web processes open the generation read-only with
mmap, so the OS page cache holds it once per node however many workers map it; a string is
decoded only for a query's candidates. Each process keeps beside it only its *delta*: the rows
added, renamed or removed since the generation was written (a small SimilarityIndex-shaped
overlay in memory; removed base rows are a set of row numbers).

- Version stamp: `stamp()` = count, highest id and latest `updated_at` of brands, benchmarks and
  organisations (one aggregate query each), plus a counter in the shared cache that the signals
  bump after every committed change (it catches what the aggregates cannot see, e.g. a rename
  saved without `updated_at`). Bulk writes that send no signals (the benchmark import's
  `bulk_create`) still change the aggregates. The shared cache (Redis) reaches every node, so a
  brand added on one node is found by a check on another at that node's next check.
- Before each query a holder compares the stamp with the one it synced at. Equal: nothing to do
  (the common case costs three small queries). Different: it first opens the newest generation
  if the pointer names another one, then reads (key, name, slogan, owner) of every row — a cheap
  values() query — and `MappedIndex.sync` compares each with the generation by 64-bit hashes
  (no string of an unchanged row is decoded): entries gone are removed, new or changed ones are
  encoded in ONE batch into the delta. Because the difference against the database is always
  applied after opening, a generation that is behind (or was written by a transaction that
  later rolled back) can never make an answer wrong, only slower.
- When the delta outgrows `delta_limit()` (settings.THEME_INDEX_DELTA_LIMIT, or a tenth of a
  small index), `rebuild_due()` says so and the process writes generation + delta as the next
  generation (nothing re-encoded: the arrays are copied and the LSH arrays re-sorted), under a
  node-wide file lock, and switches to it; the others switch at their next sync. A scheduled
  task can call `rebuild_due(current_index())` the same way.
- Signals (themes/signals.py), after commit: bump the stamp and, if this process already holds
  an index, apply the one changed row to its delta at once (one encoding). A process that has
  never answered a check does nothing (the sentence encoder is loaded lazily, on the first
  check).
- `build_index()` builds everything from the database (every entry encoded), publishes it and
  bumps the stamp: the rebuild command, the restore, a process that finds no generation, and
  (once the task queue lands) a background task call it. Generations older than the last two
  are deleted; a process still mapping one keeps it until it switches.

Measured (bench/bench_index_memory.py, see docs/ARCHITECTURE.md "The similarity index"): the
memory each web process adds for the index, and query times, against the old copy per process.
"""

from __future__ import annotations

import hashlib
import logging
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
from partybrand.textsim.engine import Entry
from partybrand.textsim.mapped import (
    MappedIndex,
    build_in_memory,
    current_generation,
    publish,
    publishing,
)
from partybrand.textsim.normalize import core_parts
from partybrand.textsim.store import IndexFormatError

log = logging.getLogger(__name__)

STAMP_KEY = "themes:index-stamp"


def index_path() -> Path:
    """The pointer naming the current generation: settings.THEME_INDEX_PATH if set, else
    DATA_DIR/theme-index/index-<database>.current: one per database, so a test run (test
    database) never replaces the site's index."""
    configured = getattr(settings, "THEME_INDEX_PATH", None)
    if configured:
        return Path(configured)
    database = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
    tag = hashlib.sha256(database.encode()).hexdigest()[:10]
    return Path(settings.DATA_DIR) / "theme-index" / f"index-{tag}.current"


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


PART = "~"  # "benchmark:49~1": the first part of a compound name, as its own row
MAX_PARTS = 6


def with_parts(entry: Entry) -> list[Entry]:
    """The entry and, for a compound name (长征路上党旗红 银西铁路当先锋, 建证·军魂匠心), one
    row per part of two characters or more: a name equal to one part finds the brand first."""
    parts = [p for p in core_parts(entry.name) if len(p) >= 2][:MAX_PARTS]
    if len(parts) < 2:
        return [entry]
    keys = [f"{entry.key}{PART}{i}" for i in range(1, len(parts) + 1)]
    return [
        entry,
        *(Entry(key, part, "", entry.owner) for key, part in zip(keys, parts, strict=True)),
    ]


def part_keys(key: str) -> list[str]:
    return [f"{key}{PART}{i}" for i in range(1, MAX_PARTS + 1)]


def base_key(key: str) -> str:
    return key.split(PART, 1)[0]


def index_entries() -> list[Entry]:
    """The index's rows: every entry (all_entries) and the parts of compound names."""
    return [row for entry in all_entries() for row in with_parts(entry)]


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


# ---------------------------------------------------------------- one process's copy


def delta_limit(base_size: int) -> int:
    """How many changes a process may hold beside the generation: THEME_INDEX_DELTA_LIMIT,
    or a tenth of a small index (at least 100), whose rebuild is cheap."""
    return min(settings.THEME_INDEX_DELTA_LIMIT, max(base_size // 10, 100))


def rebuild_due(index: MappedIndex) -> bool:
    """Whether the changes held beside the generation have outgrown the limit."""
    return index.held_changes > delta_limit(index.base_size)


def build_index(pointer: Path | None = None) -> MappedIndex:
    """Build the index of every brand and benchmark from the database (every entry encoded),
    publish it as the node's new generation and tell every worker. The one function the
    rebuild command, the restore and (once the task queue lands) a background task call."""
    pointer = pointer or index_path()
    index = build_in_memory(index_entries(), embedder=default_embedder())
    folder = publish(index, pointer)
    bump_stamp()
    return MappedIndex.open(folder, embedder=default_embedder())


class IndexHolder:
    """One process's view of the node's index generation, synced with the database."""

    def __init__(self, path: Path | str | None = None) -> None:
        self._path = Path(path) if path else None
        self._lock = threading.RLock()
        self._index: MappedIndex | None = None
        self._stamp: tuple | None = None
        self.last_sync: dict = {}

    @property
    def path(self) -> Path:
        """The pointer file naming the current generation folder (beside it)."""
        return self._path or index_path()

    @property
    def loaded(self) -> bool:
        return self._index is not None

    def current(self) -> MappedIndex:
        """The index, up to date with the database."""
        now = stamp()
        if self._index is not None and now == self._stamp:
            return self._index
        with self._lock:
            if self._index is not None and now == self._stamp:
                return self._index
            started = time.perf_counter()
            loaded = self._open_if_newer()
            if self._index is None:
                self._index = build_index(self.path)
                now = stamp()
            changes = self._index.sync(index_entries())
            self._stamp = now
            published = rebuild_due(self._index) and self._publish()
            self.last_sync = {
                "changes": changes,
                "loaded_file": loaded,
                "published": published,
                "seconds": round(time.perf_counter() - started, 4),
            }
            return self._index

    def rebuild(self) -> MappedIndex:
        """A new generation from the database (every entry encoded), then used."""
        with self._lock:
            self._index = build_index(self.path)
            self._stamp = stamp()
        return self._index

    def apply(self, *, upsert: Entry | None = None, remove: str | None = None) -> None:
        """One committed change (from the signals): applied only if an index is held."""
        with self._lock:
            if self._index is None:
                return
            for key in [remove, *part_keys(remove)] if remove else []:
                if key in self._index:
                    self._index.remove(key)
            if upsert is None:
                return
            rows = with_parts(upsert)
            wanted = {row.key for row in rows}
            for key in part_keys(upsert.key):
                if key not in wanted and key in self._index:
                    self._index.remove(key)
            for row in rows:
                if self._index.get(row.key) != row:
                    self._index.add(row)

    # --- the generation files --------------------------------------------------------------

    def _open_if_newer(self) -> bool:
        folder = current_generation(self.path)
        if folder is None or (self._index is not None and self._index.folder == folder):
            return False
        try:
            self._index = MappedIndex.open(folder, embedder=default_embedder())
            return True
        except (IndexFormatError, OSError, ValueError) as exc:
            log.warning("theme index generation %s not used: %s", folder, exc)
            return False

    def _publish(self) -> bool:
        """Write what this process holds (the generation + its changes) as the next one."""
        try:
            with publishing(self.path) as mine:
                if not mine:  # another process of the node is writing one
                    return False
                folder = publish(self._index, self.path)
            self._index = MappedIndex.open(folder, embedder=default_embedder())
            return True
        except OSError as exc:  # a read-only data directory must not break the checks
            log.warning("theme index generation under %s not written: %s", self.path, exc)
            return False


_holder = IndexHolder()


def holder() -> IndexHolder:
    return _holder


def current_index() -> MappedIndex:
    return _holder.current()
