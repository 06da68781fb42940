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
STARTUP_SECONDS = 240  # loading the project on a busy CI machine


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


class Worker:
    """One worker process on `broker_url`, with its queue, upload folder, cache and log."""

    def __init__(self, broker_url: str, folder: Path):
        self.broker_url = broker_url
        self.queue = unique_queue()
        self.media, self.cache, self.log = folder / "media", folder / "cache", folder / "worker.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "partybrand.settings_test",
            "DATABASE_URL": database_url(),
            "PARTYBRAND_BROKER_URL": self.broker_url,
            "PARTYBRAND_QUEUE_NAME": self.queue,
            "PARTYBRAND_TASKS_EAGER": "false",
            "PARTYBRAND_MEDIA_ROOT": str(self.media),
            "PARTYBRAND_TEST_CACHE_DIR": str(self.cache),
            "PARTYBRAND_JOBS_RETRY_BASE_SECONDS": "1",
        }
        command = [
            str(Path(sys.executable).with_name("celery")),
            *("-A", "partybrand", "worker", "-P", "solo", "-Q", self.queue),
            *("-n", f"{self.queue}@%h", "--without-gossip", "--without-mingle"),
            *("--without-heartbeat", "-l", "warning"),
        ]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)

    def wait_ready(self) -> None:
        """Until the worker's first heartbeat (written once it is ready for tasks)."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _heartbeat_seen(self.cache):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("worker did not start:\n" + self.log.read_text())
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
        _delete_queue(self.broker_url, self.queue)
        shutil.rmtree(self.cache, ignore_errors=True)


@contextmanager
def started(workers: list[Worker]):
    """Start the workers side by side (each takes a while to load the project), wait for all."""
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.wait_ready()
        yield workers
    finally:
        for worker in workers:
            worker.stop()


@contextmanager
def queuing_to(worker: Worker):
    """This process's task queue pointed at the worker's broker and queue, then put back."""
    conf = current_app.conf
    before = (conf.broker_url, conf.task_default_queue, conf.task_always_eager)
    conf.update(broker_url=worker.broker_url, task_default_queue=worker.queue)
    conf.task_always_eager = False
    current_app._after_fork()  # drop connections to the broker of before
    try:
        yield worker
    finally:
        conf.update(broker_url=before[0], task_default_queue=before[1])
        conf.task_always_eager = before[2]
        current_app._after_fork()


def _delete_queue(broker_url: str, queue: str) -> None:
    """Leave nothing behind on a broker other processes share."""
    if broker_url.startswith("sqla+"):
        return
    with Connection(broker_url) as broker:
        Queue(queue).bind(broker.default_channel).delete()
