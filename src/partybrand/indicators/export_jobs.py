"""The indicator system's .xlsx as background work (registered in apps.py) when the system has
more than settings.EXPORT_JOB_ROWS indicators; a smaller one is answered at once.

The job keeps the system's id only: the worker reads the system again with the owner's rights as
they are then, and writes the same file the immediate export gives (it imports again as a new
version). The file is downloaded on the job's page by its owner only."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404

from partybrand.indicators.access import access_system
from partybrand.indicators.models import IndicatorSystem
from partybrand.indicators.xlsx_export import write_table
from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import JobRefused, Outcome
from partybrand.jobs.services import job_start

STEPS = ("导出指标",)
GONE = "该指标体系已不在您的查看范围内，未导出。"


def in_background(system: IndicatorSystem) -> bool:
    return system.indicators.count() > settings.EXPORT_JOB_ROWS


def file_name(system: IndicatorSystem) -> str:
    return f"{system.name}（第{system.version}版）.xlsx"


def export_start(*, actor, system: IndicatorSystem, key: str) -> Job:
    return job_start(
        actor=actor,
        kind=JobKind.INDICATOR_EXPORT,
        org_path=system.owner.path if system.owner_id else "",
        key=key,
        params={"system": system.pk},
    )


def run_export(job: Job, progress: Progress) -> Outcome:
    try:
        system = access_system(job.owner, job.params.get("system"))
    except Http404 as gone:
        raise JobRefused(GONE) from gone
    total = system.indicators.count()
    progress(0, total)
    content = write_table(system)
    progress(total, total)
    message = f"导出完成：共 {total} 项指标。"
    return Outcome(message, {"rows": total}, file_name(system), content)
