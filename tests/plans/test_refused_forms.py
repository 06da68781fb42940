"""Refused plan forms show the form again with what was typed and store nothing: a progress
report, a return without a reason, a phase whose dates are the wrong way round."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.plans import services
from partybrand.plans.models import ProgressUpdate
from tests.helpers import client_for
from tests.plans.helpers import START, first_task

D = datetime.timedelta


def test_refused_report_keeps_the_typed_text(world, plan):
    task = first_task(plan)
    bad = SimpleUploadedFile("run.exe", b"MZ\x90\x00" * 10, content_type="application/x-msdos")
    response = client_for(world.member).post(
        reverse("plans:task_report", args=[task.pk]),
        {"percent": 40, "text": "问卷已发放126份，正在回收。", "files": [bad]},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "问卷已发放126份，正在回收。" in html and "run.exe" in html
    assert not ProgressUpdate.objects.filter(task=task).exists()


def test_refused_return_shows_the_form_again(world, plan):
    task = first_task(plan)
    services.task_report(actor=world.member, task=task, percent=100, text="完成", today=START)
    response = client_for(world.branch_committee).post(
        reverse("plans:task_return", args=[task.pk]), {"reason": "  "}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "未退回：退回理由" in html
    assert 'name="reason"' in html and 'data-testid="return-submit"' in html
    task.refresh_from_db()
    assert task.status == "reported"


def test_refused_phase_keeps_what_was_typed(world, plan):
    response = client_for(world.secretary).post(
        reverse("plans:phase_add", args=[plan.pk]),
        {
            "name": "巩固提升阶段",
            "goal": "形成长效机制",
            "start": "2027-06-30",
            "end": "2027-03-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and "结束日期不能早于开始日期" in html
    assert 'value="巩固提升阶段"' in html and "形成长效机制" in html
    assert not plan.phases.filter(name="巩固提升阶段").exists()
