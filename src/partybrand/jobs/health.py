"""Is the queue usable: the broker answers, and a worker was seen lately (each worker writes a
heartbeat to the shared cache every few seconds, see apps.py)."""

from __future__ import annotations

import logging
import threading
import time

from celery import current_app
from django.core.cache import cache

log = logging.getLogger(__name__)

HEARTBEAT_KEY = "jobs:worker-heartbeat"
HEARTBEAT_EVERY = 10  # seconds
SEEN_WITHIN = 60  # a worker silent longer than this counts as gone


def broker_reachable(timeout: float = 2.0) -> None:
    """Raise when the broker cannot be connected to within `timeout` seconds."""
    with current_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=timeout)


def beat() -> None:
    cache.set(HEARTBEAT_KEY, time.time(), SEEN_WITHIN * 10)


def worker_last_seen() -> float | None:
    """Seconds since a worker last wrote its heartbeat; None if none ever did (or long ago)."""
    seen = cache.get(HEARTBEAT_KEY)
    return None if seen is None else max(time.time() - seen, 0.0)


def start_heartbeat(**_signal) -> None:
    """Connected to Celery's worker_ready: a daemon thread beats while the worker lives."""

    def loop() -> None:
        while True:
            try:
                beat()
            except Exception as exc:  # the cache away for a moment: try again next time
                log.warning("worker heartbeat not written: %s", exc)
            time.sleep(HEARTBEAT_EVERY)

    threading.Thread(target=loop, name="partybrand-heartbeat", daemon=True).start()
