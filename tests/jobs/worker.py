"""A real `celery worker` process for the tests: on the test database (its settings handed over
in the environment), on its own queue of the broker under test, sharing the test's upload folder
and a file cache (live progress, heartbeat) with the test process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from celery import current_app
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from kombu import Connection, Queue

from partybrand.jobs.health import HEARTBEAT_KEY

RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"
STARTUP_SECONDS = 60


def database_url() -> str:
    """The test database as the worker must reach it (settings_dict is the test database's once
    pytest-django has set it up)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def unique_queue() -> str:
    return f"partybrand-test-{uuid.uuid4().hex[:12]}"


def _heartbeat_seen(cache_dir: Path) -> bool:
    return FileBasedCache(str(cache_dir), {}).get(HEARTBEAT_KEY) is not None


@contextmanager
def running_worker(broker_url: str, folder: Path):
    """Start the worker, wait for its first heartbeat, point this process's task queue at the
    same broker and queue; afterwards stop the worker and put everything back."""
    queue = unique_queue()
    media, cache_dir = folder / "media", folder / "cache"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partybrand.settings_test",
        "DATABASE_URL": database_url(),
        "PARTYBRAND_BROKER_URL": broker_url,
        "PARTYBRAND_QUEUE_NAME": queue,
        "PARTYBRAND_TASKS_EAGER": "false",
        "PARTYBRAND_MEDIA_ROOT": str(media),
        "PARTYBRAND_TEST_CACHE_DIR": str(cache_dir),
        "PARTYBRAND_JOBS_RETRY_BASE_SECONDS": "1",
    }
    log = (folder / "worker.log").open("w")
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "partybrand",
        "worker",
        "-P",
        "solo",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-l",
        "warning",
    ]
    worker = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    conf = current_app.conf
    before = (conf.broker_url, conf.task_default_queue, conf.task_always_eager)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _heartbeat_seen(cache_dir):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("worker did not start:\n" + (folder / "worker.log").read_text())
            time.sleep(0.2)
        conf.update(broker_url=broker_url, task_default_queue=queue, task_always_eager=False)
        current_app._after_fork()  # drop connections to the broker of before
        yield {"queue": queue, "media": media, "cache": cache_dir, "log": folder / "worker.log"}
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
        conf.update(broker_url=before[0], task_default_queue=before[1], task_always_eager=before[2])
        current_app._after_fork()
        _delete_queue(broker_url, queue)
        shutil.rmtree(cache_dir, ignore_errors=True)


def _delete_queue(broker_url: str, queue: str) -> None:
    """Leave nothing behind on a broker other processes share."""
    if broker_url.startswith("sqla+"):
        return
    with Connection(broker_url) as broker:
        Queue(queue).bind(broker.default_channel).delete()
