"""Background jobs through the REST API: a caller sees its own jobs (the roles that run the
platform's work also those started within their reach), each with what its page shows; the
result file goes to its owner only; a failed job is run again by those roles. An endpoint whose
work becomes a job (a large round's results) answers 202 with the job to poll."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.core import clock
from partybrand.core.models import AuditLog
from partybrand.jobs import progress as live
from partybrand.jobs.choices import JobAudit, JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.notices.models import Notification
from partybrand.rounds.models import Entry, ScoreSheet
from partybrand.rounds.services import scoring
from tests.helpers import api_client, assert_queries_flat
from tests.rounds.panel_helpers import full_marks, panel_round

pytestmark = pytest.mark.django_db


def make_job(owner, org, **fields) -> Job:
    fields.setdefault("state", JobState.DONE)
    return Job.objects.create(
        kind=fields.pop("kind", JobKind.MEMBER_IMPORT),
        owner=owner,
        org_path=org.path,
        created_at=clock.now(),
        **fields,
    )


def refused_import(world) -> Job:
    """The secretary's import refused for two wrong rows, with its error list to download."""
    job = make_job(
        world.secretary,
        world.branch_a,
        state=JobState.FAILED,
        summary={"message": "文件中有 2 处错误，未导入任何数据。"},
        failed_rows=[
            {"row": 3, "column": "姓名", "message": "不能为空"},
            {"row": None, "column": "", "message": "缺少“性别”列"},
        ],
        error="文件中有 2 处错误，未导入任何数据。",
    )
    job.result_name = "错误清单.xlsx"
    job.result_file.save("errors.xlsx", ContentFile(b"PK-errors"), save=True)
    return job


def detail_url(job) -> str:
    return reverse("api:job-detail", args=[job.pk])


def test_a_caller_lists_its_own_jobs_and_not_anothers(world):
    own = make_job(world.secretary, world.branch_a)
    other = make_job(world.outsider, world.branch_b)
    listed = api_client(world.secretary).get(reverse("api:job-list")).json()
    assert [row["id"] for row in listed["results"]] == [own.pk]
    assert APIClient().get(reverse("api:job-list")).status_code == 401
    assert api_client(world.outsider).get(detail_url(own)).status_code == 404
    assert api_client(world.secretary).get(detail_url(other)).status_code == 404


def test_the_roles_that_run_the_work_see_the_jobs_within_their_reach(world):
    job = refused_import(world)
    staff = api_client(world.staff)
    listed = staff.get(reverse("api:job-list"), {"state": "failed"}).json()
    assert job.pk in [row["id"] for row in listed["results"]]
    seen = staff.get(detail_url(job)).json()
    assert (seen["owner"], seen["owner_name"]) == (world.secretary.pk, str(world.secretary))
    # The page lets the owner alone download the result; so does the API.
    assert seen["result"] is None
    assert staff.get(reverse("api:job-download", args=[job.pk])).status_code == 403
    # A 二级党委's administrator does not run the platform's work: the job is not theirs to see.
    assert api_client(world.mid_admin).get(detail_url(job)).status_code == 404


def test_a_refused_import_tells_what_its_page_tells_and_gives_its_error_list(world):
    job = refused_import(world)
    client = api_client(world.secretary)
    answer = client.get(detail_url(job)).json()
    assert answer["state"] == "failed" and answer["state_label"] == "失败" and answer["final"]
    assert answer["kind_label"] == "导入党员"
    assert answer["message"] == "文件中有 2 处错误，未导入任何数据。"
    assert answer["error_count"] == 2
    assert answer["errors"][0] == {"row": 3, "column": "姓名", "message": "不能为空"}
    assert answer["errors"][1]["row"] is None
    assert answer["page"] == job.get_absolute_url() and answer["next"] is None
    assert answer["result"]["name"] == "错误清单.xlsx"
    download = client.get(answer["result"]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"PK-errors"
    assert "错误清单.xlsx" in unquote(download["Content-Disposition"])
    assert download["Cache-Control"] == "private, no-store"


def test_a_job_without_a_file_has_nothing_to_download(world):
    job = make_job(world.secretary, world.branch_a)
    response = api_client(world.secretary).get(reverse("api:job-download", args=[job.pk]))
    assert response.status_code == 404 and response.json()["detail"]


def test_a_running_job_shows_its_live_counts_and_the_time_left(world, monkeypatch):
    job = make_job(world.secretary, world.branch_a, state=JobState.RUNNING, phase="读取文件")
    reporter = live.Progress(job.pk, ("检查数据", "写入数据"))
    monkeypatch.setattr(live.time, "time", lambda: 1000.0)
    reporter.step_started = 990.0
    reporter(400, 1000)  # 400 rows in 10 seconds: 40 a second, 15 seconds left
    answer = api_client(world.secretary).get(detail_url(job)).json()
    assert (answer["phase"], answer["done"], answer["total"]) == ("检查数据", 400, 1000)
    assert answer["percent"] == 20.0 and not answer["final"]
    assert (answer["rate"], answer["seconds_left"]) == (40.0, 15)
    assert answer["message"] == "" and answer["result"] is None
    live.clear(job.pk)


def test_the_list_makes_as_many_queries_for_many_jobs_as_for_few(world):
    make_job(world.secretary, world.branch_a)
    client = api_client(world.staff)
    make_job(world.staff, world.branch_a)

    def many():
        for n in range(12):
            owner = world.secretary if n % 2 else world.staff
            make_job(owner, world.branch_a, state=JobState.FAILED, traceback="Trace")

    count = assert_queries_flat(many, lambda: client.get(reverse("api:job-list")))
    assert count <= 6


def crashed_job(world) -> Job:
    return make_job(
        world.secretary,
        world.branch_a,
        state=JobState.FAILED,
        error="OperationalError: gone",
        traceback="Traceback …",
        attempts=3,
        finished_at=clock.now(),
    )


def test_the_roles_that_run_the_work_run_a_crashed_job_again(world):
    job = crashed_job(world)
    url = reverse("api:job-rerun", args=[job.pk])
    refused = api_client(world.secretary).post(url)
    assert refused.status_code == 403
    assert Job.objects.get(pk=job.pk).state == JobState.FAILED
    response = api_client(world.staff).post(url)
    assert response.status_code == 202
    assert response["Location"].endswith(detail_url(job))
    assert response.json()["state"] == "queued"
    job.refresh_from_db()
    assert (job.state, job.attempts, job.traceback) == (JobState.QUEUED, 0, "")
    assert AuditLog.objects.filter(action=JobAudit.JOB_RERUN, object_id=str(job.pk)).count() == 1
    # A job refused for its own data is the owner's to fix, not to run again.
    data_fault = refused_import(world)
    again = api_client(world.staff).post(reverse("api:job-rerun", args=[data_fault.pk]))
    assert again.status_code == 400 and "修改文件" in again.json()["detail"]


# A large round's results: 202 and the job -------------------------------------------------------


def scored_round(world):
    """A round the panel has scored in full: six sheets, results not yet computed."""
    round_, entries, members = panel_round(world)
    for member in members:
        for entry in entries:
            scoring.sheet_save(
                actor=member.user,
                sheet=ScoreSheet.objects.get(assignment__member=member, entry=entry),
                items=full_marks(round_, "0.9"),
                submit=True,
            )
    return round_


def test_a_small_rounds_results_are_computed_at_once(world, settings):
    round_ = scored_round(world)
    settings.ROUND_RESULTS_JOB_SHEETS = 100
    response = api_client(world.staff).post(reverse("api:round-result-compute", args=[round_.pk]))
    assert response.status_code == 200 and "Location" not in response
    assert response.json()["entries"][0]["rank"] == 1
    assert not Job.objects.exists()


def test_a_large_rounds_results_answer_202_with_the_job_that_computes_them(
    world, settings, django_capture_on_commit_callbacks
):
    round_ = scored_round(world)
    url = reverse("api:round-result-compute", args=[round_.pk])
    client = api_client(world.staff)
    settings.ROUND_RESULTS_JOB_SHEETS = 100
    client.post(url)
    at_once = list(Entry.objects.filter(round=round_).order_by("rank").values_list("pk", "rank"))
    Entry.objects.filter(round=round_).update(rank=None)

    settings.ROUND_RESULTS_JOB_SHEETS = 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = Job.objects.get()
    assert response.status_code == 202
    assert response["Location"] == f"http://testserver{detail_url(job)}"
    assert response.json()["id"] == job.pk and response.json()["kind"] == "round_results"
    polled = client.get(response["Location"]).json()
    assert polled["final"] and polled["state"] == "done" and polled["percent"] == 100.0
    assert polled["message"].startswith("已计算") and polled["next"] == reverse(
        "rounds:results", args=[round_.pk]
    )
    assert list(Entry.objects.filter(round=round_).order_by("rank").values_list("pk", "rank")) == (
        at_once
    )
    assert Notification.objects.filter(user=world.staff, kind="job_done").exists()


def test_asking_again_while_the_job_waits_answers_the_same_job(world, settings):
    round_ = scored_round(world)
    settings.ROUND_RESULTS_JOB_SHEETS = 1
    url = reverse("api:round-result-compute", args=[round_.pk])
    client = api_client(world.staff)
    first = client.post(url)  # its job waits for the worker (nothing commits in a test)
    second = client.post(url)
    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json()["id"] == second.json()["id"] and Job.objects.count() == 1


def test_a_large_round_is_not_started_by_who_does_not_run_it(world, settings):
    round_ = scored_round(world)
    settings.ROUND_RESULTS_JOB_SHEETS = 1
    url = reverse("api:round-result-compute", args=[round_.pk])
    assert APIClient().post(url).status_code == 401
    # The published round is seen by every branch, run by the 党建工作部 alone (as the page).
    for persona in ("outsider", "secretary", "member"):
        assert api_client(getattr(world, persona)).post(url).status_code == 403
    assert not Job.objects.exists()


def test_the_schema_documents_the_jobs_and_the_202(world):
    schema = api_client(world.member).get(reverse("api:schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert {"/api/v1/jobs/", "/api/v1/jobs/{id}/", "/api/v1/jobs/{id}/download/"} <= set(paths)
    compute = paths["/api/v1/round-results/{id}/compute/"]["post"]["responses"]
    assert {"200", "202"} <= compute.keys()
    assert "Location" in compute["202"]["headers"]
    assert compute["202"]["content"]["application/json"]["schema"]["$ref"].endswith("/Job")
    assert "202" in paths["/api/v1/jobs/{id}/rerun/"]["post"]["responses"]
