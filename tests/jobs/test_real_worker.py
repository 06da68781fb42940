"""A real worker process, on each broker production may use (the database queue of the embedded
default, Redis, RabbitMQ): a member import queued through the upload page is taken by the
worker, its progress moves on the job's page, and the result and the notification appear. One
worker per broker for the whole module, started side by side; each on a queue of its own."""

import time

import pytest
from django.urls import reverse

from partybrand.core import requestid
from partybrand.jobs.choices import JobState
from partybrand.jobs.models import Job
from partybrand.notices.models import Notification
from partybrand.orgs.models import Member
from tests.factories import build_world
from tests.helpers import client_for
from tests.jobs.sheets import member_rows
from tests.jobs.test_import_jobs import post_import
from tests.jobs.worker import RABBITMQ_URL, Worker, queuing_to, started

pytestmark = pytest.mark.slow(seconds=50)

# Enough rows that the import outlasts several polls even on an idle machine (500 could be
# imported between two of them, and the bar was never seen moving).
ROWS = 4000
FINISH_SECONDS = 180


BROKERS = ("database", "redis", "rabbitmq")


@pytest.fixture(scope="module")
def workers(django_db_setup, django_db_blocker, tmp_path_factory, redis_url):
    folder = tmp_path_factory.mktemp("workers")
    urls = {
        "database": f"sqla+sqlite:///{folder / 'queue.sqlite3'}",
        "redis": redis_url,
        "rabbitmq": RABBITMQ_URL,
    }
    each = {name: Worker(urls[name], folder / name) for name in BROKERS}
    for name in BROKERS:
        (folder / name).mkdir()
    with django_db_blocker.unblock(), started(list(each.values())):
        yield each


@pytest.fixture(params=BROKERS)
def shared(request, workers, settings):
    """The broker's worker, this process queuing to it and seeing its uploads and progress."""
    worker = workers[request.param]
    settings.MEDIA_ROOT = worker.media
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(worker.cache),
        }
    }
    with queuing_to(worker):
        yield worker


def follow(client, job) -> tuple[dict, list[tuple]]:
    """Poll the job's progress address as its page does, until the job has ended."""
    url = reverse("jobs:job_progress", args=[job.pk])
    seen = []
    deadline = time.monotonic() + FINISH_SECONDS
    while time.monotonic() < deadline:
        status = client.get(url).json()
        seen.append((status["state"], status["phase"], status["done"], status["total"]))
        if status["final"]:
            return status, seen
        time.sleep(0.05)
    raise AssertionError(f"the job did not end within {FINISH_SECONDS} s: {seen[-5:]}")


def test_a_member_import_runs_on_a_real_worker(shared, transactional_db):
    world = build_world()
    client = client_for(world.secretary)
    before = Member.objects.count()
    response = post_import(client, member_rows(ROWS))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    # the id of the upload's request travels with the task (the same id its log lines carry)
    assert requestid.acceptable(response["X-Request-ID"])
    assert job.request_id == response["X-Request-ID"]

    status, seen = follow(client, job)

    assert status["state"] == JobState.DONE, shared.log.read_text()[-3000:]
    running = {entry for entry in seen if entry[0] == JobState.RUNNING}
    assert len(running) >= 2, seen  # the bar moved while the worker was at it
    assert any(total == ROWS for _state, _phase, _done, total in running)
    assert Member.objects.count() == before + ROWS
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"导入成功：新增党员 {ROWS} 个" in page
    notice = Notification.objects.get(user=world.secretary, kind="job_done")
    assert notice.url == job.get_absolute_url()
