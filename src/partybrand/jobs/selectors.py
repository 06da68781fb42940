"""What the job pages and the metrics read."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count

from partybrand.core import clock
from partybrand.jobs import progress as live
from partybrand.jobs.choices import JobState
from partybrand.jobs.models import Job


def job_list(user):
    """One's own jobs, newest first."""
    return Job.objects.filter(owner_id=user.pk).only(
        "kind", "state", "phase", "done", "total", "created_at", "finished_at", "summary", "error"
    )


def job_status(job: Job) -> dict:
    """What the progress endpoint answers: the row's state, and while the job runs, the live
    counts from the cache, with the rate and the time left when they can be told."""
    status = {
        "state": job.state,
        "state_label": job.get_state_display(),
        "final": job.is_final,
        "phase": job.phase,
        "done": job.done,
        "total": job.total,
        "percent": 100.0 if job.state == JobState.DONE else 0.0,
        "rate": None,
        "left": None,
    }
    entry = live.read(job.pk) if job.state == JobState.RUNNING else None
    if entry:
        status.update(
            {k: entry[k] for k in ("phase", "done", "total", "percent") if k in entry},
            **live.estimate(entry),
        )
    return status


def queue_depth() -> dict[str, int]:
    """Jobs per state, every state present (for metrics)."""
    counts = dict(Job.objects.values_list("state").annotate(n=Count("pk")).order_by())
    return {state: counts.get(state, 0) for state in JobState.values}


def recent_durations(*, hours: int = 24, limit: int = 500) -> list[dict]:
    """Seconds from start to end of the jobs finished in the last `hours`, newest first, with
    their kind and state (for metrics)."""
    since = clock.now() - timedelta(hours=hours)
    rows = (
        Job.objects.filter(finished_at__gte=since, started_at__isnull=False)
        .order_by("-finished_at")
        .values_list("kind", "state", "started_at", "finished_at")[:limit]
    )
    return [
        {"kind": kind, "state": state, "seconds": (end - start).total_seconds()}
        for kind, state, start, end in rows
    ]
