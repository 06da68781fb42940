"""The shared cache of a machine without Redis: Django's file cache, listing its folder less often.

Django's file cache makes room (culls) on every write by listing every file of its folder, even
when the folder is far below its limit. On the anonymous survey path each answer rewrites one
entry (the address's counts, core/ratelimit.py, which now counts in `counters` instead), so the
listing was about a fifth of a submission's cost. Here a process lists the folder at most once
every CULL_INTERVAL seconds; in
between, the folder may grow past its MAX_ENTRIES by the entries written meanwhile, then it is
culled as before (entries past their timeout are never read in any case).
"""

import threading
import time
from pathlib import Path

from django.core.cache.backends.filebased import FileBasedCache

from partybrand.core.filecounters import FileCounters

CULL_INTERVAL = 10.0  # seconds


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._cull_lock = threading.Lock()
        self._next_cull = 0.0
        # Rate-limit counts (core/ratelimit.py), in a folder the cache's own listing skips.
        self.counters = FileCounters(Path(dir).resolve() / "counters")

    def clear(self):
        super().clear()
        self.counters.clear()

    def _cull(self):
        now = time.monotonic()
        with self._cull_lock:
            if now < self._next_cull:
                return
            self._next_cull = now + CULL_INTERVAL
        super()._cull()  # type: ignore[misc]  # private in the type stubs, present in Django
