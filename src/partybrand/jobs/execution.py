"""Running one job inside a worker: claimed once, run, retried on passing failures of the
database, the broker or a service the work calls (JobUnavailable) with a growing wait, and ended
exactly once (done or failed, with an audit row for a failure and the `job_finished` signal
either way).

A task delivered twice, or retried after its job ended, finds the job final and does nothing.
"""

from __future__ import annotations

import logging
import traceback as tb

import kombu.exceptions
import redis.exceptions
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, InterfaceError, OperationalError, transaction

from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.jobs import progress as live
from partybrand.jobs.choices import JobAudit, JobState
from partybrand.jobs.models import Job
from partybrand.jobs.registry import JobRefused, JobUnavailable, Outcome, runner_for
from partybrand.jobs.signals import job_finished

log = logging.getLogger(__name__)

# Failures that pass: the database or the broker unreachable for a moment, a lock waited out.
TRANSIENT = (
    OperationalError,
    InterfaceError,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
    TimeoutError,
)
ERROR_LENGTH = 500


class Retry(Exception):
    """The job should run again after `delay` seconds."""

    def __init__(self, delay: int, cause: BaseException):
        super().__init__(str(cause))
        self.delay = delay
        self.cause = cause


def retry_delay(attempt: int) -> int:
    """Seconds to wait after failed attempt `attempt` (1, 2, …): doubling, within a cap."""
    base = settings.JOBS_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempt - 1, 0), settings.JOBS_RETRY_MAX_SECONDS)


def execute(job_id: int) -> Job | None:
    """Run the job once; raise `Retry` when a passing failure leaves attempts to spare."""
    job = _claim(job_id)
    if job is None:
        return None
    runner = runner_for(job.kind)
    reporter = live.Progress(job.pk, runner.steps)
    reporter.start("读取文件")
    try:
        outcome = runner.run(job, reporter)
    except JobUnavailable as unavailable:
        if job.attempts < settings.JOBS_MAX_ATTEMPTS:
            _requeue(job, unavailable)
            raise Retry(retry_delay(job.attempts), unavailable) from unavailable
        return _refused(job, unavailable)
    except JobRefused as refused:
        return _refused(job, refused)
    except TRANSIENT as exc:
        if job.attempts < settings.JOBS_MAX_ATTEMPTS:
            _requeue(job, exc)
            raise Retry(retry_delay(job.attempts), exc) from exc
        return _failed(job, exc)
    except Exception as exc:
        return _failed(job, exc)
    return _done(job, outcome)


def _claim(job_id: int) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_final:
            return None
        job.state = JobState.RUNNING
        job.attempts += 1
        job.started_at = clock.now()
        job.phase = "读取文件"
        job.save(update_fields=["state", "attempts", "started_at", "phase"])
    return job


def _requeue(job: Job, exc: BaseException) -> None:
    log.warning("job %s attempt %s failed, will retry: %s", job.pk, job.attempts, exc)
    job.state = JobState.QUEUED
    job.phase = "等待重试"
    job.error = _short(exc)
    try:
        job.save(update_fields=["state", "phase", "error"])
    except DatabaseError:  # the database may be what failed; the retry tells again
        log.warning("job %s: could not record the retry", job.pk)


def _end(job: Job, state: str, fields: list[str]) -> Job:
    job.state = state
    job.finished_at = clock.now()
    job.phase = ""
    fields += ["state", "finished_at", "phase"]
    with transaction.atomic():  # the end and what it sets off (the notification) seen together
        job.save(update_fields=fields)
        job_finished.send(sender=Job, job=job)
    live.clear(job.pk)
    return job


def _drop_input(job: Job) -> list[str]:
    """The uploaded file holds personal data: it is kept only while the job may run again."""
    if job.input_file:
        job.input_file.delete(save=False)
        return ["input_file"]
    return []


def _keep_result(job: Job, outcome: Outcome | None) -> list[str]:
    if not outcome or not outcome.file_bytes:
        return []
    job.result_name = outcome.file_name
    job.result_file.save(outcome.file_name, ContentFile(outcome.file_bytes), save=False)
    return ["result_file", "result_name"]


def _done(job: Job, outcome: Outcome) -> Job:
    job.summary = {**outcome.summary, "message": outcome.message}
    job.done = job.total = int(outcome.summary.get("rows", 0))
    job.error = ""
    fields = ["summary", "done", "total", "error"]
    return _end(job, JobState.DONE, fields + _keep_result(job, outcome) + _drop_input(job))


def _refused(job: Job, refused: JobRefused) -> Job:
    job.summary = {"message": refused.message}
    job.failed_rows = refused.rows
    job.error = refused.message[:ERROR_LENGTH]
    job.traceback = ""
    fields = ["summary", "failed_rows", "error", "traceback"]
    fields += _keep_result(job, refused.outcome) + _drop_input(job)
    return _end(job, JobState.FAILED, fields)


def _failed(job: Job, exc: BaseException) -> Job:
    log.error("job %s failed", job.pk, exc_info=exc)
    job.error = _short(exc)
    job.traceback = "".join(tb.format_exception(exc)) or job.error
    job.summary = {"message": "任务执行出错，未完成。管理员已可在“失败任务”中查看并重新执行。"}
    changes = {"kind": job.kind, "attempts": job.attempts, "error": job.error}
    with transaction.atomic():
        _end(job, JobState.FAILED, ["error", "traceback", "summary"])
        audit_record(
            actor=None, action=JobAudit.JOB_FAILED, obj=job, org_path=job.org_path, changes=changes
        )
    return job


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]
