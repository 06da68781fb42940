"""A notification when one's background work ends (jobs.signals.job_finished), linking to the
job's page where the result is."""

from django.db import models

from partybrand.jobs.choices import JobState
from partybrand.notices.services import notify


class JobNotice(models.TextChoices):
    JOB_DONE = "job_done", "后台任务完成"
    JOB_FAILED = "job_failed", "后台任务未完成"


def job_finished_notice(sender, job, **_signal) -> None:
    done = job.state == JobState.DONE
    label = job.get_kind_display()
    notify(
        user=job.owner,
        kind=JobNotice.JOB_DONE if done else JobNotice.JOB_FAILED,
        # each end of the job once: a re-run ending within the same second is a new end
        key=f"job:{job.pk}:{job.state}:{job.finished_at.timestamp():.6f}",
        title=f"{label}{'已完成' if done else '未完成'}",
        body=job.summary.get("message", "") or job.error,
        url=job.get_absolute_url(),
        org_path=job.org_path,
    )
