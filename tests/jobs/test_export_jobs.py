"""Large exports as background jobs (run in the request here, as settings_test queues them
eagerly): above settings.EXPORT_JOB_ROWS the export link leads to a job page whose file holds
exactly the rows, masked exactly, that the immediate export gives; only its owner downloads it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.notices.models import Notification
from partybrand.orgs.access import may_see_personal
from partybrand.orgs.models import Member
from tests.factories import make_member
from tests.helpers import client_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_rows(data: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def download(client, response) -> bytes:
    if response.get("Content-Type") == XLSX:
        return response.content
    job = Job.objects.latest("pk")
    got = client.get(reverse("jobs:job_download", args=[job.pk]))
    assert got.status_code == 200
    return b"".join(got.streaming_content)


def export(client, settings, url, threshold, capture):
    settings.EXPORT_JOB_ROWS = threshold
    with capture(execute=True):
        response = client.get(url)
    return response, download(client, response)


@pytest.mark.parametrize("persona", ["secretary", "mid_admin", "staff"])
def test_a_large_member_roll_is_exported_in_the_background_with_the_same_masked_rows(
    world, settings, django_capture_on_commit_callbacks, persona
):
    for number in range(12):
        make_member(world.branch_a, f"导出党员{number:02d}")
    client = client_for(getattr(world, persona))
    url = reverse("orgs:member_export") + "?is_active=true"

    at_once, immediate = export(client, settings, url, 100_000, django_capture_on_commit_callbacks)
    assert at_once["Content-Type"] == XLSX and not Job.objects.exists()
    later, background = export(client, settings, url, 5, django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert later.status_code == 302 and later["Location"] == job.get_absolute_url()
    assert (job.kind, job.state) == (JobKind.MEMBER_EXPORT, JobState.DONE)
    assert sheet_rows(background) == sheet_rows(immediate)
    members = len(sheet_rows(background)) - 1
    assert members >= 12 and job.done == job.total == members
    assert job.result_name == "党员名册.xlsx"
    status = client.get(reverse("jobs:job_progress", args=[job.pk])).json()
    assert status["final"] and status["percent"] == 100.0
    assert Notification.objects.filter(user=job.owner, kind="job_done").exists()


def test_the_background_roll_masks_what_the_reader_may_not_see(
    world, settings, django_capture_on_commit_callbacks
):
    member = Member.objects.exclude(phone="").select_related("org").first()
    assert member is not None
    settings.EXPORT_JOB_ROWS = 0
    client = client_for(world.mid_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("orgs:member_export"))
    rows = sheet_rows(download(client, response))
    phones = {row[7] for row in rows[1:]}
    from_roll = member.phone if may_see_personal(world.mid_admin, member) else member.phone_masked
    assert from_roll in phones


def test_only_the_owner_downloads_the_export(world, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_JOB_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.staff).get(reverse("orgs:member_export"))
    job = Job.objects.get()
    url = reverse("jobs:job_download", args=[job.pk])
    assert client_for(world.staff).get(url).status_code == 200
    for other in (world.mid_admin, world.secretary, world.committee_admin):
        assert client_for(other).get(url).status_code == 404


def test_an_organisation_export_in_the_background_lists_the_subtree(
    world, settings, django_capture_on_commit_callbacks
):
    client = client_for(world.staff)
    url = reverse("orgs:org_export", args=[world.branch_a.pk])
    _, immediate = export(client, settings, url, 100_000, django_capture_on_commit_callbacks)
    response, background = export(client, settings, url, 0, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.kind == JobKind.ORG_EXPORT
    assert sheet_rows(background) == sheet_rows(immediate)
    assert sheet_rows(background)[1][0] == world.branch_a.code
    assert job.result_name == "支部A-组织.xlsx"


def test_an_audit_export_in_the_background_has_the_filtered_rows(
    world, settings, django_capture_on_commit_callbacks
):
    client = client_for(world.staff)
    url = reverse("audit_export")
    _, immediate = export(client, settings, url, 100_000, django_capture_on_commit_callbacks)
    response, background = export(client, settings, url, 0, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.kind == JobKind.AUDIT_EXPORT
    rows = sheet_rows(background)
    assert rows[0][:3] == ("时间", "操作人", "操作")
    # Newest first: the audit row of the job itself, then every row the immediate file held.
    assert rows[1][2] == "开始后台任务"
    assert [rows[0], *rows[2:]] == sheet_rows(immediate)
    assert job.done == job.total == len(rows) - 1 > 0
