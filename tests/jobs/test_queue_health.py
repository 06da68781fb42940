"""What operations see of the queue: readiness fails when the broker cannot be reached, a worker
not seen lately is reported without failing it, the counts for metrics, and the daily jobs
scheduled by beat in the order and at the times of docs/OPERATIONS.md."""

from datetime import timedelta

from celery import current_app
from celery.schedules import crontab
from django.conf import settings
from django.test import Client
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from partybrand.core import clock
from partybrand.core.models import SubmissionToken
from partybrand.jobs import health, selectors
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.ops.tasks import forget_submissions


def checks():
    response = Client().get(reverse("readyz"))
    return response.status_code, response.json()["checks"]


def test_a_node_whose_broker_is_unreachable_is_not_ready(db, monkeypatch):
    health.beat()
    monkeypatch.setattr(current_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    current_app._after_fork()
    try:
        status, result = checks()
    finally:
        monkeypatch.undo()
        current_app._after_fork()
    assert status == 503
    assert result["queue"] == {"ok": False, "error": "任务队列不可用", "ms": result["queue"]["ms"]}
    assert result["queue"]["ms"] < 5000


def test_no_worker_seen_is_reported_but_the_node_stays_ready(db):
    status, result = checks()
    assert status == 200
    assert result["worker"]["ok"] is False and result["worker"]["advisory"] is True
    assert "心跳" in result["worker"]["error"]


def test_queue_depth_and_durations_for_metrics(world):
    now = clock.now()
    for state in (JobState.QUEUED, JobState.QUEUED, JobState.DONE):
        Job.objects.create(
            kind=JobKind.MEMBER_IMPORT,
            owner=world.secretary,
            state=state,
            created_at=now,
            started_at=now - timedelta(seconds=42) if state == JobState.DONE else None,
            finished_at=now if state == JobState.DONE else None,
        )
    assert selectors.queue_depth() == {"queued": 2, "running": 0, "done": 1, "failed": 0}
    [finished] = selectors.recent_durations()
    assert finished == {"kind": "member_import", "state": "done", "seconds": 42.0}

    # the same figures on /metrics, whichever node Prometheus asks
    samples = {}
    for family in text_string_to_metric_families(Client().get(reverse("metrics")).content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    assert samples[("partybrand_jobs", (("state", "queued"),))] == 2
    assert samples[("partybrand_jobs", (("state", "failed"),))] == 0
    kind = (("kind", "member_import"),)
    assert samples[("partybrand_job_seconds_count", kind)] == 1
    assert samples[("partybrand_job_seconds_sum", kind)] == 42.0
    assert (
        samples[("partybrand_job_seconds_bucket", (("kind", "member_import"), ("le", "30")))] == 0
    )
    assert (
        samples[("partybrand_job_seconds_bucket", (("kind", "member_import"), ("le", "60")))] == 1
    )


def test_the_daily_jobs_run_from_beat_in_the_documented_order():
    schedule = settings.CELERY_BEAT_SCHEDULE
    times = [(entry["schedule"].hour, entry["schedule"].minute) for entry in schedule.values()]
    assert list(schedule) == [
        "rebuild_theme_index",
        "plans_daily",
        "supervision_daily",
        "send_digest",
        "forget_submissions",
        "forget_sign_ins",
        "clearsessions",
        "health_recompute",  # after the plans' and supervision's daily marks it reads
    ]
    assert times == sorted(times)
    assert schedule["plans_daily"]["schedule"] == crontab(hour=6, minute=10)
    for entry in schedule.values():
        assert entry["task"] in current_app.tasks


def test_a_daily_task_does_what_its_command_does(world):
    old = SubmissionToken.objects.create(user=world.member, token="old-token", path="/")
    SubmissionToken.objects.filter(pk=old.pk).update(created_at=clock.now() - timedelta(days=9))
    forget_submissions.apply()
    assert not SubmissionToken.objects.filter(pk=old.pk).exists()
