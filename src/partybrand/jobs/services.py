"""Starting background work and running failed work again; every change audited."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partybrand.core import clock, requestid
from partybrand.core.audit import audit_record
from partybrand.jobs.choices import JobAudit, JobState
from partybrand.jobs.models import Job
from partybrand.jobs.queueing import enqueue


def job_start(
    *,
    actor,
    kind: str,
    org_path: str = "",
    key: str = "",
    params: dict | None = None,
    input_file=None,
) -> Job:
    """Create the job and queue it once the transaction commits. The same `key` (the page's
    submission token) from the same person gives the job already started: a double submit starts
    one job."""
    key = (key or "")[:100]
    if key and (existing := Job.objects.filter(owner=actor, key=key).first()):
        return existing
    rid = requestid.current()
    job = Job(
        kind=kind,
        owner=actor,
        org_path=org_path,
        key=key,
        params=params or {},
        created_at=clock.now(),
        request_id=rid[:64],
    )
    if input_file is not None:
        job.input_file.save(f"{kind}.xlsx", input_file, save=False)
    try:
        with transaction.atomic():
            job.save(force_insert=True)
            audit_record(
                actor=actor,
                action=JobAudit.JOB_START,
                obj=job,
                org_path=org_path,
                changes={"kind": kind},
            )
    except IntegrityError:  # the same key won a race a moment ago
        if job.input_file:
            job.input_file.delete(save=False)
        return Job.objects.get(owner=actor, key=key)
    transaction.on_commit(partial(enqueue, job.pk, rid))
    return job


def job_rerun(*, actor, job: Job) -> Job:
    """Queue a job that failed through an error of the platform once more. Idempotent: a job
    already queued again (a second click) is left as it is."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.state in (JobState.QUEUED, JobState.RUNNING, JobState.DONE):
            return job
        if not job.crashed:
            raise ValidationError("该任务因数据有误而未完成，应由发起人修改文件后重新提交。")
        error = job.error
        job.state = JobState.QUEUED
        job.phase = ""
        job.error = ""
        job.traceback = ""
        job.finished_at = None
        job.summary = {}
        previous_attempts, job.attempts = job.attempts, 0
        job.save(
            update_fields=[
                "state",
                "phase",
                "error",
                "traceback",
                "finished_at",
                "summary",
                "attempts",
            ]
        )
        audit_record(
            actor=actor,
            action=JobAudit.JOB_RERUN,
            obj=job,
            org_path=job.org_path,
            changes={"kind": job.kind, "attempts": previous_attempts, "error": error},
        )
        transaction.on_commit(partial(enqueue, job.pk, requestid.current()))
    return job
