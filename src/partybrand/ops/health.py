"""What the readiness probe checks: the database answers a query, the cache stores and returns a
value, the disks of the data and upload folders have room, the upload folder takes a new file,
the task queue's broker answers within 2 s; whether a worker was seen lately is reported too but
does not decide readiness.
Each check says only whether it passed, how long it took and, when it failed, a short reason: the
probe is public, so no address, path, exception text or personal data is shown (the details go to
the log as a warning)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from partybrand.jobs import health as queue

log = logging.getLogger(__name__)


class CheckFailed(Exception):
    """A check's own verdict, with the reason the probe may show."""


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise CheckFailed("数据库查询结果不正确")


def check_cache() -> None:
    key, value = f"ops:readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    try:
        if cache.get(key) != value:
            raise CheckFailed("缓存写入后读不到原值")
    finally:
        cache.delete(key)


def check_disk() -> None:
    minimum = settings.READY_MIN_FREE_MB
    for label, folder in (("数据文件夹", settings.DATA_DIR), ("上传文件夹", settings.MEDIA_ROOT)):
        path = Path(folder)
        while not path.exists() and path != path.parent:  # the upload folder may not exist yet
            path = path.parent
        free = shutil.disk_usage(path).free // (1024 * 1024)
        if free < minimum:
            raise CheckFailed(f"{label}所在磁盘剩余 {free} MB，低于下限 {minimum} MB")


def check_media() -> None:
    folder = Path(settings.MEDIA_ROOT)
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".readyz-") as probe:
        probe.write(b"ok")
        probe.flush()


def check_queue() -> None:
    queue.broker_reachable(timeout=2.0)


def check_worker() -> None:
    seen = queue.worker_last_seen()
    if seen is None or seen > queue.SEEN_WITHIN:
        raise CheckFailed(f"{queue.SEEN_WITHIN} 秒内没有后台任务进程的心跳")


CHECKS: dict[str, tuple[Callable[[], None], str]] = {
    "database": (check_database, "数据库不可用"),
    "cache": (check_cache, "缓存不可用"),
    "disk": (check_disk, "无法读取磁盘剩余空间"),
    "media": (check_media, "上传文件夹不可写"),
    "queue": (check_queue, "任务队列不可用"),
    "worker": (check_worker, "无法读取后台任务进程的心跳"),
}
# Reported but not failing readiness: without a worker a web node still serves every page and
# queues work (it waits until a worker comes back); an alert on this belongs to monitoring.
ADVISORY = {"worker"}


def readiness() -> tuple[bool, dict]:
    """(ready, each check's result): {"ok", "ms"} and, when it failed, "error"."""
    results = {}
    for name, (check, failure) in CHECKS.items():
        started = time.perf_counter()
        result: dict = {"ok": True}
        try:
            check()
        except CheckFailed as exc:
            result = {"ok": False, "error": str(exc)}
        except Exception as exc:  # any failure of a dependency means "not ready", never a 500
            log.warning("readiness check %s failed: %s: %s", name, type(exc).__name__, exc)
            result = {"ok": False, "error": failure}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        if name in ADVISORY:
            result["advisory"] = True
        results[name] = result
    ready = all(result["ok"] for name, result in results.items() if name not in ADVISORY)
    return ready, results
