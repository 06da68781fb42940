"""A refused side form comes back on the page it was posted from, as typed: the page answers
400, the form holds what was typed, and the reason is shown (in the message and beside the
form). Before, these forms redirected to their page and what was typed was lost."""

import datetime
import re
from html import unescape

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from partybrand.core import clock
from partybrand.core.forms import attach_errors, form_action
from partybrand.plans import services as plan_services
from partybrand.supervision.models import Ticket
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services_workshops
from tests.helpers import client_for
from tests.permissions.cases.supervision import make_ticket
from tests.plans.helpers import START, template_plan

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


def textarea(page: str, name: str, action: str) -> str:
    """What the textarea `name` of the form posting to `action` holds."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', page, re.S)
    assert form, action
    area = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', form.group(0), re.S)
    assert area, name
    return unescape(area.group(1)).strip()


def not_a_pdf(name="扫描件.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a pdf", content_type="application/pdf")


@pytest.fixture
def workshop(world):
    ws = services_workshops.workshop_start(actor=world.secretary, brand=world.brand)
    for name in ("光耀电网", "银线先锋"):
        services_workshops.candidate_add(actor=world.secretary, workshop=ws, name=name)
    return ws


def reviewing(world, ws):
    services_votes.voting_open(
        actor=world.secretary,
        workshop=ws,
        opens_at=NOW - datetime.timedelta(hours=2),
        closes_at=NOW + datetime.timedelta(hours=2),
    )
    return services_votes.voting_close(actor=world.secretary, workshop=ws)


def test_a_refused_objection_comes_back_as_typed(world, workshop):
    ws = reviewing(world, workshop)
    ws = services_decision.decision_record(
        actor=world.secretary, workshop=ws, candidate=ws.candidates.first(), reason="支委会决定。"
    )
    action = reverse("themes:objection_add", args=[ws.pk])
    typed = "“光耀电网”与兄弟单位品牌相近，" * 200  # over the 2000 characters allowed
    response = client_for(world.member).post(action, {"text": typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert textarea(page, "text", action) == typed.strip()
    assert "未保存：异议内容：确保该变量包含不超过 2000 字符" in page
    assert not ws.objections.exists()


def test_a_refused_decision_keeps_its_reason(world, workshop):
    ws = reviewing(world, workshop)
    action = reverse("themes:decision_record", args=[ws.pk])
    reason = "投票“光耀电网”得票最多，支委会研究同意。"
    response = client_for(world.secretary).post(
        action, {"candidate": ws.candidates.first().pk, "reason": reason, "publicity_days": 99}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert textarea(page, "reason", action) == reason
    assert "未保存：公示天数：" in page
    ws.refresh_from_db()
    assert ws.decided_id is None


def test_a_refused_score_keeps_the_comment(world, workshop):
    candidate = workshop.candidates.first()
    action = reverse("themes:score_save", args=[candidate.pk])
    comment = "政治站位高，建议口号再凝练。"
    response = client_for(world.secretary).post(
        action, {"political": "9", "cultural": "4", "integration": "5", "comment": comment}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert textarea(page, "comment", action) == comment
    assert "未保存：政治味：" in page
    assert re.search(r'<option value="4" selected>', page)  # the other scores too
    assert not candidate.scores.exists()


def test_a_refused_feedback_keeps_the_text(world):
    ticket = make_ticket(world)
    action = reverse("supervision:ticket_feedback", args=[ticket.pk])
    text = "已完成党员责任区划分，台账上墙公示，附公示照片。"
    response = client_for(world.secretary).post(action, {"text": text, "files": [not_a_pdf()]})
    page = response.content.decode()
    assert response.status_code == 400
    assert textarea(page, "text", action) == text
    assert "未反馈：佐证材料“扫描件”未上传" in page
    assert Ticket.objects.get(pk=ticket.pk).status == "assigned"


def test_a_refused_progress_report_keeps_the_text(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START + datetime.timedelta(days=3))
    plan = template_plan(world)
    task = plan.tasks.get(title="开展党员群众问卷调查")
    action = reverse("plans:task_report", args=[task.pk])
    text = "问卷发放126份、回收118份，已形成分析报告。"
    response = client_for(world.member).post(
        action, {"percent": "60", "text": text, "files": [not_a_pdf()]}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert textarea(page, "text", action) == text
    assert 'value="60"' in page
    assert "未保存：佐证材料“扫描件.pdf”未上传" in page
    task.refresh_from_db()
    assert task.progress == 0 and not task.updates.exists()


def test_an_error_naming_a_field_is_shown_at_that_field(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START)
    plan = template_plan(world)
    response = client_for(world.secretary).post(
        reverse("plans:phase_add", args=[plan.pk]),
        {"name": "巩固提升", "start": "2026-09-01", "end": "2026-08-01"},
    )
    assert response.status_code == 400
    form = response.context["phase_form"]
    assert form.errors == {"end": ["结束日期不能早于开始日期。"]}
    assert 'value="巩固提升"' in response.content.decode()


def test_a_refused_button_goes_back_to_its_page(world):
    """Nothing typed is lost by a button: its refusal is a message on the page it came from."""
    plan = plan_services.plan_create(
        actor=world.secretary, org=world.branch_a, brand=world.brand, title="空计划", start=START
    )
    client = client_for(world.secretary)
    response = client.post(reverse("plans:plan_start", args=[plan.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    page = client.get(response["Location"]).content.decode()
    assert "未保存：" in page
    plan.refresh_from_db()
    assert plan.status == "draft"


class _Form(forms.Form):
    name = forms.CharField()


def test_attach_errors_puts_field_errors_on_fields_and_the_rest_above():
    form = _Form({"name": "x"})
    assert form.is_valid()
    attach_errors(form, ValidationError({"name": "重名。", "other": "别的问题。"}))
    assert form.errors["name"] == ["重名。"] and form.non_field_errors() == ["别的问题。"]
    form = _Form({"name": "x"})
    form.is_valid()
    attach_errors(form, ValidationError(["一。", "二。"]))
    assert form.non_field_errors() == ["一。", "二。"]


def test_form_action_refuses_a_function_done_without_a_page(rf: RequestFactory):
    with pytest.raises(TypeError):
        form_action(rf.post("/"), None, lambda _: None, success="", done=lambda r: r)
