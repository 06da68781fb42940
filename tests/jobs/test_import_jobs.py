"""The member and organisation imports as background jobs (run in the request here, as
settings_test queues them eagerly): the upload page starts a job and leads to its page, which
shows the result; the owner is told in the notification centre; nobody else sees the job."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.notices.models import Notification
from partybrand.orgs.models import Member, Organization
from tests.core.test_imports import ORG_HEADERS, make_upload
from tests.helpers import client_for
from tests.jobs.sheets import member_file, member_rows


def post_import(client, rows, *, submission="t-1", url="orgs:member_import"):
    upload = SimpleUploadedFile("党员.xlsx", member_file(rows))
    return client.post(reverse(url), {"file": upload, "submission_token": submission})


def test_a_member_import_runs_as_a_job_and_its_page_shows_the_result(
    world, django_capture_on_commit_callbacks
):
    client = client_for(world.secretary)
    before = Member.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_import(client, member_rows(30))

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.state, job.done, job.total) == (
        JobKind.MEMBER_IMPORT,
        "done",
        30,
        30,
    )  # rows of the file
    assert Member.objects.count() == before + 30
    assert not job.input_file  # the personal data uploaded is not kept once imported
    page = client.get(job.get_absolute_url()).content.decode()
    assert "导入成功：新增党员 30 个，更新 0 个。" in page
    status = client.get(reverse("jobs:job_progress", args=[job.pk])).json()
    assert status["final"] and status["percent"] == 100.0
    notice = Notification.objects.get(user=world.secretary, kind="job_done")
    assert notice.url == job.get_absolute_url() and notice.title == "导入党员已完成"
    assert "批量党员" not in str(job.params)  # parameters hold no personal data


def test_a_refused_file_shows_every_error_on_the_job_page_and_imports_nothing(
    world, django_capture_on_commit_callbacks
):
    rows = member_rows(5)
    rows[1][0] = ""  # no name
    rows[3][5] = "T999"  # no such organisation
    client = client_for(world.secretary)
    before = Member.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        post_import(client, rows)

    job = Job.objects.get()
    assert job.state == JobState.FAILED and not job.crashed
    assert Member.objects.count() == before
    assert {(e["row"], e["column"]) for e in job.failed_rows} >= {(3, "姓名"), (5, "所在组织编码")}
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'id="import-errors"' in page and "第 3 行" in page and "第 5 行" in page
    download = client.get(reverse("jobs:job_download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert Notification.objects.get(user=world.secretary).kind == "job_failed"


def test_a_double_submit_starts_one_job(world, django_capture_on_commit_callbacks):
    client = client_for(world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        first = post_import(client, member_rows(3), submission="same")
        second = post_import(client, member_rows(3), submission="same")
    assert Job.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_nobody_else_sees_a_job_or_its_file(world, django_capture_on_commit_callbacks):
    rows = member_rows(2)
    rows[0][0] = ""
    with django_capture_on_commit_callbacks(execute=True):
        post_import(client_for(world.secretary), rows)
    job = Job.objects.get()
    for other in (world.staff, world.member, world.outsider):
        client = client_for(other)
        for name in ("jobs:job_detail", "jobs:job_progress", "jobs:job_download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_an_org_import_runs_as_a_job(world, django_capture_on_commit_callbacks):
    upload = make_upload(ORG_HEADERS, [["T112", "检修二班党支部", "党支部", "T11"]])
    client = client_for(world.mid_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orgs:org_import"), {"file": upload})
    job = Job.objects.get(kind=JobKind.ORG_IMPORT)
    assert response["Location"] == job.get_absolute_url() and job.state == JobState.DONE
    assert Organization.objects.filter(code="T112").exists()
    assert "新增组织 1 个" in client.get(job.get_absolute_url()).content.decode()


def test_a_file_that_is_not_a_workbook_is_refused_on_the_upload_page(world):
    client = client_for(world.secretary)
    upload = SimpleUploadedFile("党员.xlsx", b"not a zip")
    response = client.post(reverse("orgs:member_import"), {"file": upload})
    assert response.status_code == 400 and 'id="import-errors"' in response.content.decode()
    assert not Job.objects.exists()


def test_a_file_with_many_errors_lists_the_first_200_and_offers_the_whole_list(
    world, django_capture_on_commit_callbacks
):
    rows = member_rows(250)
    for row in rows:
        row[5] = "T999"  # no such organisation, on every row
    client = client_for(world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        post_import(client, rows)

    job = Job.objects.get()
    assert len(job.failed_rows) == 250
    page = client.get(job.get_absolute_url()).content.decode()
    assert "共 250 处错误需要修改" in page and "下面列出前 200 处" in page
    assert "第 201 行" in page and "第 202 行" not in page  # rows 2 to 201 of the sheet
    assert reverse("jobs:job_download", args=[job.pk]) in page
