"""Counters of the file cache's machine: one byte appended per action, the count is the size.

Rate limits on a machine without Redis (core/ratelimit.py) counted in a file cache entry: every
anonymous survey answer read a pickled entry, wrote a temporary file and renamed it over the old
one, most of the answer's cost beyond the database. Here a count is a file that each action
appends one byte to: the kernel appends atomically, so the processes of one machine count
exactly, with no lock and no rewrite; what was taken back (a refused action) is a second file
counted the same way. A window's files carry the second it ends in their name and are removed
once it is over. Several machines share counts through Redis, never through these files (a
shared network folder does not append atomically).
"""

import contextlib
import os
import shutil
import threading
import time
from pathlib import Path

CULL_INTERVAL = 60.0  # seconds between two sweeps of finished windows by one process
BACK = ".back"


class FileCounters:
    def __init__(self, folder: Path):
        self.folder = folder
        self._lock = threading.Lock()
        self._next_cull = 0.0

    def _path(self, key: str, ends: int) -> str:
        return os.path.join(self.folder, f"{ends}-{key}")

    @staticmethod
    def _size(path: str) -> int:
        try:
            return os.stat(path).st_size
        except FileNotFoundError:
            return 0

    def _append(self, path: str) -> int:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except FileNotFoundError:
            os.makedirs(self.folder, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, b".")
            return os.fstat(fd).st_size
        finally:
            os.close(fd)

    def add(self, key: str, ends: int, now: float, *, allowed: int | None = None) -> int:
        """Count one action in the window ending at `ends`; the count, this action included.

        With `allowed`, a count within it is returned without reading what was taken back,
        which can only lower it: an action let in costs one file, not two (an anonymous survey
        answer counts in two windows on every submission)."""
        self._cull(now)
        path = self._path(key, ends)
        appended = self._append(path)
        if allowed is not None and appended <= allowed:
            return appended
        return appended - self._size(path + BACK)

    def take_back(self, key: str, ends: int) -> None:
        self._append(self._path(key, ends) + BACK)

    def count(self, key: str, ends: int) -> int:
        path = self._path(key, ends)
        return self._size(path) - self._size(path + BACK)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _cull(self, now: float) -> None:
        """Finished windows' files removed, by one thread of a process once a minute."""
        moment = time.monotonic()
        with self._lock:
            if moment < self._next_cull:
                return
            self._next_cull = moment + CULL_INTERVAL
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return
        for name in names:
            ends, _, _rest = name.partition("-")
            if ends.isdigit() and int(ends) < now:
                with contextlib.suppress(FileNotFoundError):  # another process swept it
                    os.unlink(os.path.join(self.folder, name))
