"""Imports and exports of the rolls through the REST API, as on their pages: an import is checked
as a whole at once and then runs as a job (202, the job, its address in Location); an export of
up to settings.EXPORT_JOB_ROWS rows is the file at once, a larger one a job whose file holds the
same rows. Run through the real task path (settings_test queues tasks eagerly)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from partybrand.core.files import XLSX
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.orgs.models import Member, Organization
from tests.core.test_imports import ORG_HEADERS, make_upload
from tests.helpers import api_client, client_for
from tests.jobs.sheets import member_file, member_rows

pytestmark = pytest.mark.django_db


def upload(rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("党员.xlsx", member_file(rows))


def sheet_rows(data: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_a_member_import_answers_202_and_its_job_tells_the_outcome(
    world, django_capture_on_commit_callbacks
):
    client = api_client(world.secretary)
    before = Member.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("api:member-import"), {"file": upload(member_rows(30))}, format="multipart"
        )
    job = Job.objects.get()
    assert response.status_code == 202
    assert response["Location"].endswith(reverse("api:job-detail", args=[job.pk]))
    assert response.json()["kind"] == JobKind.MEMBER_IMPORT
    polled = client.get(response["Location"]).json()
    assert polled["state"] == "done" and (polled["done"], polled["total"]) == (30, 30)
    assert polled["message"] == "导入成功：新增党员 30 个，更新 0 个。"
    assert Member.objects.count() == before + 30


def test_a_member_import_with_wrong_rows_lists_them_and_imports_nothing(
    world, django_capture_on_commit_callbacks
):
    rows = member_rows(5)
    rows[1][0] = ""  # no name
    client = api_client(world.secretary)
    before = Member.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("api:member-import"), {"file": upload(rows)}, format="multipart"
        )
    assert response.status_code == 202
    polled = client.get(response["Location"]).json()
    assert polled["state"] == "failed" and polled["error_count"] >= 1
    assert {"row": 3, "column": "姓名"}.items() <= polled["errors"][0].items()
    errors = client.get(polled["result"]["url"])
    assert errors.status_code == 200 and errors["Content-Type"] == XLSX
    assert Member.objects.count() == before


def test_a_file_that_is_not_a_workbook_is_refused_at_once(world):
    response = api_client(world.secretary).post(
        reverse("api:member-import"),
        {"file": SimpleUploadedFile("党员.xlsx", b"not a zip")},
        format="multipart",
    )
    assert response.status_code == 400 and response.json()["file"]
    assert not Job.objects.exists()


def test_only_who_may_change_the_roll_imports(world):
    url = reverse("api:member-import")
    assert APIClient().post(url, {"file": upload(member_rows(1))}).status_code == 401
    refused = api_client(world.member).post(url, {"file": upload(member_rows(1))})
    assert refused.status_code == 403 and not Job.objects.exists()
    org_import = api_client(world.secretary).post(reverse("api:org-import"), {"file": upload([])})
    assert org_import.status_code == 403 and not Job.objects.exists()


def test_an_org_import_runs_as_a_job(world, django_capture_on_commit_callbacks):
    file = make_upload(ORG_HEADERS, [["T112", "检修二班党支部", "党支部", "T11"]])
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(world.staff).post(
            reverse("api:org-import"), {"file": file}, format="multipart"
        )
    assert response.status_code == 202
    assert Job.objects.get().kind == JobKind.ORG_IMPORT and response.json()["final"] is False
    assert Organization.objects.filter(code="T112", name="检修二班党支部").exists()


def test_a_large_roll_export_is_a_job_whose_file_holds_the_same_rows(
    world, settings, django_capture_on_commit_callbacks
):
    client = api_client(world.secretary)
    url = reverse("api:member-export") + f"?org={world.branch_a.pk}"
    settings.EXPORT_JOB_ROWS = 100_000
    at_once = client.post(url)
    assert at_once.status_code == 200 and at_once["Content-Type"] == XLSX
    assert not Job.objects.exists()

    settings.EXPORT_JOB_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        later = client.post(url)
    assert later.status_code == 202
    job = Job.objects.get()
    assert (job.kind, job.state) == (JobKind.MEMBER_EXPORT, JobState.DONE)
    polled = client.get(later["Location"]).json()
    assert polled["result"]["name"] == "支部A.xlsx"
    file = client.get(polled["result"]["url"])
    assert sheet_rows(b"".join(file.streaming_content)) == sheet_rows(at_once.content)


def test_the_roll_export_is_for_the_roles_that_see_the_roll(world, settings):
    settings.EXPORT_JOB_ROWS = 0
    # An expert from outside the organisations sees no roll (a member sees their own branch's).
    assert api_client(world.expert).post(reverse("api:member-export")).status_code == 403
    assert APIClient().post(reverse("api:member-export")).status_code == 401
    assert not Job.objects.exists()


def test_an_org_export_is_at_once_or_a_job_by_the_same_threshold(
    world, settings, django_capture_on_commit_callbacks
):
    client = api_client(world.staff)
    url = reverse("api:org-export", args=[world.committee_a.pk])
    settings.EXPORT_JOB_ROWS = 100_000
    at_once = client.post(url)
    assert at_once.status_code == 200 and at_once["Content-Type"] == XLSX
    settings.EXPORT_JOB_ROWS = 1
    with django_capture_on_commit_callbacks(execute=True):
        later = client.post(url)
    assert later.status_code == 202
    polled = client.get(later["Location"]).json()
    assert polled["state"] == "done" and polled["kind"] == JobKind.ORG_EXPORT
    file = client.get(polled["result"]["url"])
    assert sheet_rows(b"".join(file.streaming_content)) == sheet_rows(at_once.content)
    # An organisation out of reach is not there.
    assert api_client(world.outsider).post(url).status_code == 404
    assert Job.objects.count() == 1


def test_an_organisation_that_is_no_id_is_refused_not_a_server_error(world):
    # The fuzz sent ?org=null: the export looked it up as an id.
    url = reverse("api:member-export") + "?org=null"
    assert api_client(world.staff).post(url).status_code == 400
    page = client_for(world.staff).get(reverse("orgs:member_export") + "?org=null")
    assert page.status_code == 404
    assert not Job.objects.exists()
