"""Handing a job to the task queue, with the id of the request that started it."""

from __future__ import annotations

import logging
import traceback

from celery import current_app

from partybrand.core import clock
from partybrand.jobs.choices import JobState
from partybrand.jobs.models import Job
from partybrand.jobs.requests import HEADER as REQUEST_ID_HEADER
from partybrand.jobs.tasks import run_job

log = logging.getLogger(__name__)


def enqueue(job_id: int, request_id: str) -> None:
    """Queue the job on the configured queue; when the broker cannot be reached the job is marked
    failed (an administrator may run it again from the failed tasks page), never left waiting."""
    try:
        run_job.apply_async(
            args=[job_id],
            queue=current_app.conf.task_default_queue,
            headers={REQUEST_ID_HEADER: request_id},
        )
    except Exception as exc:  # the broker down: the user's page must still answer
        if current_app.conf.task_always_eager:
            raise
        log.error("job %s could not be queued", job_id, exc_info=exc)
        Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.FAILED,
            finished_at=clock.now(),
            error=f"无法提交到任务队列：{type(exc).__name__}"[:500],
            traceback="".join(traceback.format_exception(exc)),
            summary={"message": "任务未能提交到任务队列，请稍后重试或联系管理员。"},
        )
