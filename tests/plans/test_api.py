"""The plans API: template plans, colour filters, the task workflow actions and progress reports
with evidence files."""

import datetime
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.plans.models import Plan, Task
from tests.helpers import api_client
from tests.plans.helpers import first_task, pdf_bytes

D = datetime.timedelta


def test_tasks_filtered_by_colour_and_workflow(world, plan):
    member = api_client(world.member)
    red = member.get("/api/v1/plan-tasks/", {"plan": plan.pk, "colour": "red"}).json()
    rows = red["results"] if isinstance(red, dict) else red
    assert [t["title"] for t in rows] == ["开展党员群众问卷调查"] and rows[0]["colour"] == "red"
    task_id = rows[0]["id"]
    done = member.post(
        f"/api/v1/plan-tasks/{task_id}/progress/", {"percent": 100, "text": "完成"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "reported"
    refused = member.post(f"/api/v1/plan-tasks/{task_id}/verify/", {}, format="json")
    assert refused.status_code == 403 and "验收人" in refused.json()["detail"]
    assert Task.objects.get(pk=task_id).status == "reported"
    checker = api_client(world.branch_committee)
    back = checker.post(
        f"/api/v1/plan-tasks/{task_id}/return/", {"reason": "缺报告"}, format="json"
    )
    assert back.json()["status"] == "returned" and back.json()["colour"] == "red"
    assert api_client(world.outsider).get(f"/api/v1/plan-tasks/{task_id}/").status_code == 404


def test_plan_from_template_over_api(world):
    response = api_client(world.secretary).post(
        "/api/v1/plans/",
        {
            "org": world.branch_a.pk,
            "brand": world.brand.pk,
            "start": "2026-03-02",
            "template": "five_parts",
            "owner": world.member.pk,
            "checker": world.secretary.pk,
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert len(body["phases"]) == 5 and body["phases"][0]["criteria"]
    same = api_client(world.secretary).post(
        "/api/v1/plans/",
        {
            "org": world.branch_a.pk,
            "start": "2026-03-02",
            "template": "five_parts",
            "owner": world.member.pk,
            "checker": world.member.pk,
        },
        format="json",
    )
    assert same.status_code == 400 and "验收人不能是责任人本人" in str(same.json())
    assert Plan.objects.count() == 1


def test_schema_lists_plan_actions(world):
    schema = (
        api_client(world.secretary).get(reverse("api:schema"), {"format": "json"}).content.decode()
    )
    for path in (
        "/api/v1/plan-tasks/{id}/verify/",
        "/api/v1/plan-tasks/{id}/return/",
        "/api/v1/plan-phases/{id}/close/",
        "/api/v1/plans/",
        "/api/v1/plans/{id}/start/",
    ):
        assert path in schema
    progress = json.loads(schema)["paths"]["/api/v1/plan-tasks/{id}/progress/"]["post"]
    assert "multipart/form-data" in progress["requestBody"]["content"]


def test_api_progress_accepts_evidence_files(world, plan):
    client = APIClient()
    client.force_authenticate(world.member)
    task = first_task(plan)
    url = f"/api/v1/plan-tasks/{task.pk}/progress/"
    upload = SimpleUploadedFile("问卷汇总.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(url, {"percent": 60, "text": "已回收问卷", "files": [upload]})
    assert response.status_code == 200 and response.json()["progress"] == 60
    assert task.updates.get().evidence.get().name == "问卷汇总.pdf"
    bad = SimpleUploadedFile("run.exe", b"MZ\x90\x00" * 10, content_type="application/x-msdos")
    refused = client.post(url, {"percent": 80, "text": "再报", "files": [bad]})
    assert refused.status_code == 400 and "run.exe" in str(refused.json())
    task.refresh_from_db()
    assert task.progress == 60 and task.updates.count() == 1
