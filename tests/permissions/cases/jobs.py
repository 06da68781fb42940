"""Permission cases of background work: one's own jobs (only the owner sees a job, its progress
and its file; anyone else 404), the same through the API, and the failed tasks page of the roles
that run the platform."""

from django.core.files.base import ContentFile

from partybrand.core import clock
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from tests.permissions.cases import Case


def secretarys_job(w, **fields) -> Job:
    job = Job.objects.create(
        kind=JobKind.MEMBER_IMPORT,
        owner=w.secretary,
        org_path=w.branch_a.path,
        created_at=clock.now(),
        **fields,
    )
    job.result_file.save("errors.xlsx", ContentFile(b"PK-result"), save=True)
    return job


def job_kw(w):
    return {"pk": secretarys_job(w, state=JobState.DONE).pk}


def failed_job_kw(w):
    job = secretarys_job(w, state=JobState.FAILED, error="OperationalError", traceback="Trace")
    return {"pk": job.pk}


def _queued_again(w) -> bool:
    return Job.objects.filter(state=JobState.QUEUED, traceback="").exists()


def _index_rebuilt(w) -> bool:
    return Job.objects.filter(kind=JobKind.THEME_INDEX_REBUILD).exists()


OWNER_ONLY = {"allowed": "secretary", "readonly": None}

PERMISSION_CASES = [
    Case("jobs:job_list", allowed="member", outsider=None, readonly=None),
    Case("jobs:job_detail", job_kw, **OWNER_ONLY),
    Case("jobs:job_progress", job_kw, **OWNER_ONLY),
    Case("jobs:job_download", job_kw, **OWNER_ONLY),
    Case(
        "jobs:job_detail",
        job_kw,
        allowed="secretary",
        readonly=None,
        outsider="staff",
        note="not even the committee's staff",
    ),
    # The API: the same jobs to their owner; the result file too. The roles that run the work
    # (RUN_JOBS: staff) also see the jobs within their reach, but download no one else's file
    # (tests/jobs/test_jobs_api.py); they alone run a crashed job again (202 and the job).
    Case("api:job-list", allowed="member", outsider=None, readonly=None, api=True),
    Case("api:job-detail", job_kw, allowed="secretary", readonly=None, api=True),
    Case("api:job-download", job_kw, allowed="secretary", readonly="staff", api=True),
    Case(
        "api:job-rerun",
        failed_job_kw,
        method="post",
        content_type="json",
        allowed="staff",
        allowed_status=(202,),
        readonly="secretary",
        effect=_queued_again,
        api=True,
    ),
    # Failed tasks: the committee's administrators and 党建工作部 (not a 二级党委).
    Case("ops_failed_jobs", allowed="staff", readonly="mid_admin", outsider_status=(403,)),
    Case(
        "ops_failed_job_rerun",
        failed_job_kw,
        method="post",
        allowed="staff",
        allowed_status=(302,),
        readonly="mid_admin",
        outsider_status=(403,),
        effect=_queued_again,
    ),
    # The similarity index rebuilt at once: the same roles (the daily run does it otherwise).
    Case(
        "ops_theme_index_rebuild",
        method="post",
        allowed="staff",
        allowed_status=(302,),
        readonly="mid_admin",
        outsider_status=(403,),
        effect=_index_rebuilt,
    ),
]
