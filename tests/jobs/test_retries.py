"""Failures: a passing failure of the database is tried again with a growing wait and then
succeeds; an error of the platform ends the job failed (audited, the details for administrators
only) and an administrator may run it again, once however often the button is pressed."""

from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

from partybrand.core import requestid
from partybrand.core.models import AuditLog
from partybrand.jobs import registry
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.execution import retry_delay
from partybrand.jobs.registry import Outcome
from partybrand.jobs.services import job_start
from partybrand.jobs.tasks import run_job
from partybrand.notices.models import Notification
from partybrand.orgs.selectors import user_org_path
from tests.helpers import client_for


def use_runner(monkeypatch, run):
    monkeypatch.setitem(registry._runners, JobKind.ORG_IMPORT, registry.Runner(run))


def start(world, capture):
    with capture(execute=True):
        job = job_start(
            actor=world.mid_admin, kind=JobKind.ORG_IMPORT, org_path=user_org_path(world.mid_admin)
        )
    job.refresh_from_db()
    return job


@override_settings(JOBS_RETRY_BASE_SECONDS=10, JOBS_RETRY_MAX_SECONDS=60)
def test_the_wait_between_attempts_doubles_up_to_the_cap():
    assert [retry_delay(n) for n in range(1, 7)] == [10, 20, 40, 60, 60, 60]


def test_a_passing_database_failure_is_tried_again_then_succeeds(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def flaky(job, progress):
        calls.append(job.attempts)
        if len(calls) < 3:
            raise OperationalError("database is locked")
        return Outcome("完成", {"rows": 1})

    use_runner(monkeypatch, flaky)
    job = start(world, django_capture_on_commit_callbacks)
    assert calls == [1, 2, 3]
    assert (job.state, job.attempts, job.error) == (JobState.DONE, 3, "")
    assert not AuditLog.objects.filter(action="job_failed").exists()


@override_settings(JOBS_MAX_ATTEMPTS=2)
def test_a_failure_that_does_not_pass_ends_after_the_last_attempt(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    def down(job, progress):
        raise OperationalError("could not connect to server")

    use_runner(monkeypatch, down)
    job = start(world, django_capture_on_commit_callbacks)
    assert (job.state, job.attempts) == (JobState.FAILED, 2) and job.crashed
    assert AuditLog.objects.get(action="job_failed").changes["attempts"] == 2


def test_a_failed_job_is_shown_to_administrators_and_run_again_once(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(job, progress):
        raise RuntimeError("程序错误 division by zero")

    use_runner(monkeypatch, broken)
    job = start(world, django_capture_on_commit_callbacks)
    assert job.state == JobState.FAILED and "RuntimeError" in job.traceback
    assert AuditLog.objects.filter(action="job_failed", object_id=str(job.pk)).count() == 1

    owner_page = client_for(world.mid_admin).get(job.get_absolute_url()).content.decode()
    assert "任务执行出错" in owner_page and "Traceback" not in owner_page
    staff = client_for(world.staff)
    listing = staff.get(reverse("ops_failed_jobs")).content.decode()
    assert "导入组织" in listing and "division by zero" in listing and "Traceback" in listing

    use_runner(monkeypatch, lambda job, progress: Outcome("导入成功", {"rows": 2}))
    rerun = reverse("ops_failed_job_rerun", args=[job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(rerun).status_code == 302
        assert staff.post(rerun).status_code == 302  # a second click
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.summary["message"] == "导入成功"
    assert AuditLog.objects.filter(action="job_rerun").count() == 1
    assert "division by zero" not in staff.get(reverse("ops_failed_jobs")).content.decode()
    assert Notification.objects.filter(user=world.mid_admin, kind="job_done").exists()


def test_a_task_delivered_again_after_its_job_ended_does_nothing(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    runs = []
    use_runner(monkeypatch, lambda job, progress: runs.append(1) or Outcome("完成", {"rows": 1}))
    job = start(world, django_capture_on_commit_callbacks)
    run_job.apply(args=[job.pk])
    run_job.apply(args=[job.pk])
    job.refresh_from_db()
    assert runs == [1] and job.attempts == 1
    assert Notification.objects.filter(user=world.mid_admin).count() == 1


def test_a_refused_import_is_not_an_administrators_matter(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    def refused(job, progress):
        raise registry.JobRefused("导入被拒绝：共 1 处错误，未导入任何数据。", [{"row": 2}])

    use_runner(monkeypatch, refused)
    job = start(world, django_capture_on_commit_callbacks)
    assert job.state == JobState.FAILED and not job.crashed
    staff = client_for(world.staff)
    assert f"#{job.pk}" not in staff.get(reverse("ops_failed_jobs")).content.decode()
    staff.post(reverse("ops_failed_job_rerun", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == JobState.FAILED and not AuditLog.objects.filter(action="job_rerun")


def test_the_request_that_started_a_job_is_named_by_it_and_while_it_runs(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    seen = []
    use_runner(
        monkeypatch, lambda job, progress: seen.append(requestid.current()) or Outcome("完成")
    )
    token = requestid.bind("req-0123456789")
    try:
        job = start(world, django_capture_on_commit_callbacks)
    finally:
        requestid.reset(token)
    assert job.request_id == "req-0123456789" and seen == ["req-0123456789"]
