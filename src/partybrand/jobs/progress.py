"""Live progress of running work, kept in the shared cache (Redis, or the file cache of the
embedded default), never in the database: an import writes all its rows in one transaction, so a
progress row written inside it would be invisible to everyone else (and would block them on
SQLite). The page reads this while the work runs and the Job row once it has finished."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from django.core.cache import cache

KEEP_SECONDS = 24 * 3600


def _key(job_id: int) -> str:
    return f"jobs:progress:{job_id}"


def read(job_id: int) -> dict | None:
    return cache.get(_key(job_id))


def clear(job_id: int) -> None:
    cache.delete(_key(job_id))


class Progress:
    """What a job reports as it goes: `progress(done, total)` for the current pass over the rows.

    Work may pass over its rows more than once (an import checks every row, then writes them):
    `steps` names the passes, and a count going back down starts the next one.
    """

    def __init__(self, job_id: int, steps: tuple[str, ...] = ("处理",)):
        self.job_id = job_id
        self.steps = steps
        self.step = 0
        self.last_done = 0
        self.step_started = time.time()

    def phase(self) -> str:
        return self.steps[min(self.step, len(self.steps) - 1)]

    def __call__(self, done: int, total: int) -> None:
        if done < self.last_done:
            self.step += 1
            self.step_started = time.time()
        self.last_done = done
        self.write(done, total)

    def start(self, phase: str) -> None:
        """Work before the first count (reading the file)."""
        cache.set(
            _key(self.job_id),
            {"phase": phase, "done": 0, "total": 0, "percent": 0, "since": time.time()},
            KEEP_SECONDS,
        )

    def write(self, done: int, total: int) -> None:
        share = done / total if total else 0.0
        percent = round((self.step + share) / len(self.steps) * 100, 1)
        now = time.time()
        cache.set(
            _key(self.job_id),
            {
                "phase": self.phase(),
                "done": done,
                "total": total,
                "percent": min(percent, 100.0),
                "since": self.step_started,
                "at": now,
            },
            KEEP_SECONDS,
        )


def counting(rows: Iterable, total: int, progress: Progress, every: int = 500) -> Iterator:
    """The rows passed on one by one, the count reported every `every` rows and at the end: an
    export streams its rows through this into the workbook."""
    done = 0
    progress(0, total)
    for row in rows:
        yield row
        done += 1
        if done % every == 0:
            progress(done, max(total, done))
    progress(done, max(total, done))


def estimate(entry: dict, now: float | None = None) -> dict:
    """Rows a second in the current pass and seconds left in it, when they can be told."""
    now = time.time() if now is None else now
    elapsed = now - entry.get("since", now)
    done, total = entry.get("done", 0), entry.get("total", 0)
    if done <= 0 or elapsed <= 0:
        return {"rate": None, "left": None}
    rate = done / elapsed
    return {"rate": round(rate, 1), "left": round(max(total - done, 0) / rate)}
