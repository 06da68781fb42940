"""The survey's slow files as background work (registered in apps.py): all answers as .xlsx when
there are more than settings.SURVEY_EXPORT_JOB_ROWS of them (fewer are answered at once), and the
printable sheet of one-time answer codes, always (QR codes drawn slip by slip take seconds).

The job keeps the survey's id (and the public link the slips point to), never answers or codes:
the worker reads them again with the owner's rights as they are then. The result is downloaded
on the job's page by its owner only."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress, counting
from partybrand.jobs.registry import JobRefused, Outcome
from partybrand.jobs.services import job_start
from partybrand.surveys import code_sheet
from partybrand.surveys.access import access_survey
from partybrand.surveys.exports import responses_workbook
from partybrand.surveys.models import Survey

EXPORT_STEPS = ("导出答卷",)
CODES_STEPS = ("绘制作答码",)
GONE = "您已无权管理这份问卷，未导出。"
NO_CODES = "没有未使用的作答码，请先生成。"


def export_in_background(survey: Survey) -> bool:
    return survey.responses.count() > settings.SURVEY_EXPORT_JOB_ROWS


def export_name(survey: Survey) -> str:
    return f"{survey.title}-答卷.xlsx"


def codes_name(survey: Survey) -> str:
    return f"{survey.title}-一次性作答码.pdf"


def unused_codes(survey: Survey) -> list:
    return list(survey.codes.filter(used=False).order_by("number"))


def survey_job_start(*, actor, survey: Survey, kind: str, key: str, link: str = "") -> Job:
    params = {"survey": survey.pk, **({"link": link} if link else {})}
    return job_start(actor=actor, kind=kind, org_path=survey.org.path, key=key, params=params)


def _survey(job: Job) -> Survey:
    try:
        return access_survey(job.owner, job.params.get("survey"), for_edit=True)
    except (Http404, PermissionDenied) as gone:
        raise JobRefused(GONE) from gone


def run_export(job: Job, progress: Progress) -> Outcome:
    survey = _survey(job)
    total = survey.responses.count()
    content = responses_workbook(
        survey,
        list(survey.questions.all()),
        with_names=True,
        track=lambda found: counting(found, total, progress),
    )
    message = f"导出完成：共 {total} 份答卷。"
    return Outcome(message, {"rows": total}, export_name(survey), content)


def run_codes(job: Job, progress: Progress) -> Outcome:
    survey = _survey(job)
    codes = unused_codes(survey)
    if not codes:
        raise JobRefused(NO_CODES)
    total = len(codes)
    progress(0, total)
    content = code_sheet.render(
        codes,
        title=survey.title,
        org=survey.org.name,
        link=job.params.get("link", ""),
        done=lambda slips: progress(slips, total),
    )
    message = f"已生成作答码打印单：共 {total} 个未使用的作答码，请下载后用 A4 纸打印、沿虚线裁开。"
    return Outcome(message, {"rows": total}, codes_name(survey), content)


RUNNERS = {
    JobKind.SURVEY_EXPORT: (run_export, EXPORT_STEPS),
    JobKind.SURVEY_CODES: (run_codes, CODES_STEPS),
}
