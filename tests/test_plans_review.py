"""Found in review: starting a plan, the board menu, the overdue list by organisation, evidence
over the API, long boards in the PDF, typed text kept after a refused report, subtask cycles."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from partybrand.core.models import AuditLog
from partybrand.plans import clock, services
from partybrand.plans.models import Plan, ProgressUpdate, Task
from tests.factories import PASSWORD
from tests.plans.helpers import START, pdf_bytes, template_plan

D = datetime.timedelta


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def plan(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START + D(days=25))
    return template_plan(world)


def first_task(plan) -> Task:
    return plan.tasks.order_by("start", "id").first()


def add_task(plan, actor, title, *, owner, checker, start=START, days=30) -> Task:
    return services.task_create(
        actor=actor, plan=plan, title=title, duty="按计划推进。", standard="按期完成。",
        owner=owner, checker=checker, start=start, deadline=start + D(days=days),
    )  # fmt: skip


# ---------------------------------------------------------------- 启动计划


def test_plan_start_service_moves_a_draft_into_execution_with_an_audit_row(world, plan):
    assert plan.status == "draft"
    with pytest.raises(PermissionDenied):
        services.plan_start(actor=world.member, plan=plan)
    services.plan_start(actor=world.secretary, plan=plan)
    plan.refresh_from_db()
    assert plan.status == "active"
    row = AuditLog.objects.get(action="plan_start", object_id=str(plan.pk))
    assert row.changes["status"] == ["draft", "active"]
    with pytest.raises(ValidationError, match="只有草拟状态的计划可以启动"):
        services.plan_start(actor=world.secretary, plan=plan)
    empty = services.plan_create(actor=world.secretary, org=world.branch_a, title="空白计划")
    with pytest.raises(ValidationError, match="请先分派至少一项任务"):
        services.plan_start(actor=world.secretary, plan=empty)


def test_start_button_on_the_plan_page_for_editors_only(world, plan):
    url = reverse("plans:plan_detail", args=[plan.pk])
    member_page = login(world.member).get(url).content.decode()
    assert 'data-testid="plan-draft"' in member_page and "plan-start" not in member_page
    secretary = login(world.secretary)
    assert 'data-testid="plan-start"' in secretary.get(url).content.decode()
    page = secretary.post(reverse("plans:plan_start", args=[plan.pk]), follow=True)
    html = page.content.decode()
    assert "计划已启动" in html and 'data-testid="plan-draft"' not in html
    assert Plan.objects.get(pk=plan.pk).status == "active"


def test_a_template_plan_can_start_at_once_from_the_create_form(world):
    response = login(world.secretary).post(
        reverse("plans:plan_create"),
        {"org": world.branch_a.pk, "brand": world.brand.pk, "template": "five_parts",
         "start": "2026-03-02", "owner": world.member.pk, "checker": world.branch_committee.pk,
         "activate": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    plan = world.brand.plans.get()
    assert plan.status == "active" and plan.tasks.count() == 17
    assert AuditLog.objects.filter(action="plan_start", object_id=str(plan.pk)).exists()


# ---------------------------------------------------------------- the board menu


def test_board_menu_chooses_among_plans_active_first(world, plan):
    other = services.plan_create(
        actor=world.secretary, org=world.branch_a, title="支部年度党建工作计划", start=START
    )
    add_task(other, world.secretary, "组织生活会", owner=world.member, checker=world.secretary)
    services.plan_start(actor=world.secretary, plan=other)
    page = login(world.member).get(reverse("plans:board_home"))
    html = page.content.decode()
    assert page.status_code == 200 and html.count('data-testid="board-choice"') == 2
    assert html.index("支部年度党建工作计划") < html.index("红色引擎创建计划")  # in execution first
    assert reverse("plans:board", args=[plan.pk]) in html
    nothing = login(world.outsider).get(reverse("plans:board_home")).content.decode()
    assert "暂无可查看的计划" in nothing and "红色引擎" not in nothing


# ---------------------------------------------------------------- overdue by organisation


def test_overdue_list_filters_by_an_organisation_subtree(world, plan):
    other = services.plan_create(
        actor=world.outsider, org=world.branch_b, title="支部B工作计划", start=START
    )
    add_task(other, world.outsider, "支部B台账整理", owner=world.outsider, checker=world.staff,
             days=5)  # fmt: skip
    admin = login(world.committee_admin)
    url = reverse("plans:overdue")
    everything = admin.get(url).content.decode()
    assert "开展党员群众问卷调查" in everything and "支部B台账整理" in everything
    a_only = admin.get(url, {"org": world.committee_a.pk}).content.decode()
    assert "开展党员群众问卷调查" in a_only and "支部B台账整理" not in a_only
    b_only = admin.get(url, {"org": world.committee_b.pk}).content.decode()
    assert "支部B台账整理" in b_only and "开展党员群众问卷调查" not in b_only
    # the choice lists only organisations the user supervises
    mid = login(world.mid_admin).get(url, {"org": world.committee_b.pk}).content.decode()
    assert "甲公司党委" in mid and "乙公司党委" not in mid and "支部B台账整理" not in mid


# ---------------------------------------------------------------- the API


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


# ---------------------------------------------------------------- the board


def test_board_keeps_percent_out_of_the_bars(world, plan):
    html = login(world.member).get(reverse("plans:board", args=[plan.pk])).content.decode()
    bars = re.findall(r'<a class="pb-board-bar[^"]*"[^>]*>(.*?)</a>', html, re.S)
    assert bars and not any("%" in re.sub(r"<[^>]+>", "", bar) for bar in bars)
    assert html.count('data-testid="board-pct"') == 17


def test_long_board_pdf_splits_onto_a3_pages_with_every_title(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START + D(days=30))
    plan = services.plan_create(
        actor=world.secretary, org=world.branch_a, title="六十项任务计划", start=START
    )
    titles = [f"专项任务第{n:02d}项" for n in range(1, 61)]
    for n, title in enumerate(titles):  # one owner: the group runs over the page break
        add_task(plan, world.secretary, title, owner=world.member, checker=world.secretary,
                 start=START + D(days=n), days=20)  # fmt: skip
    response = login(world.member).get(reverse("plans:board_pdf", args=[plan.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        box = page.mediabox
        assert round(float(box.width)) == 1191 and round(float(box.height)) == 842
    texts = [page.extract_text() for page in reader.pages]
    assert f"第 1/{len(texts)} 页" in texts[0].replace("\n", " ")
    joined = "".join(texts)
    assert all(title in joined for title in titles)
    assert "李党员（续）" in texts[1]  # a group cut by the page repeats its heading


# ---------------------------------------------------------------- forms keep what was typed


def test_refused_report_keeps_the_typed_text(world, plan):
    task = first_task(plan)
    bad = SimpleUploadedFile("run.exe", b"MZ\x90\x00" * 10, content_type="application/x-msdos")
    response = login(world.member).post(
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
    response = login(world.branch_committee).post(
        reverse("plans:task_return", args=[task.pk]), {"reason": "  "}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "未退回：退回理由" in html
    assert 'name="reason"' in html and 'data-testid="return-submit"' in html
    task.refresh_from_db()
    assert task.status == "reported"


# ---------------------------------------------------------------- subtasks


def test_subtasks_cannot_form_a_cycle(world, plan):
    a, b, c = plan.tasks.order_by("start", "id")[:3]
    services.task_update(actor=world.secretary, task=b, parent=a)
    services.task_update(actor=world.secretary, task=c, parent=b)
    with pytest.raises(ValidationError, match="上级任务不能是任务本身或其子任务"):
        services.task_update(actor=world.secretary, task=a, parent=c)


def test_a_done_milestone_keeps_its_date(world, plan, monkeypatch):
    milestone = first_task(plan).milestones.order_by("due").first()
    client = login(world.member)
    url = reverse("plans:milestone_done", args=[milestone.pk])
    client.post(url)
    milestone.refresh_from_db()
    first = milestone.done_on
    assert first == START + D(days=25)
    monkeypatch.setattr(clock, "today", lambda: START + D(days=40))
    page = client.post(url, follow=True).content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on == first and "该节点已确认完成" in page


def test_refused_phase_keeps_what_was_typed(world, plan):
    response = login(world.secretary).post(
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


def test_task_list_xlsx_never_turns_a_title_into_a_formula(world, plan):
    from openpyxl import load_workbook

    services.plan_update(actor=world.secretary, plan=plan, title='=HYPERLINK("http://x","点我")')
    response = login(world.member).get(reverse("plans:export_xlsx", args=[plan.pk]))
    cell = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active["A1"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_a_task_reported_complete_is_not_behind_after_its_deadline(world, plan):
    from partybrand.plans.colours import colour_case, task_colour

    task = first_task(plan)  # 03-02 → 03-22, margin 10
    services.task_report(actor=world.member, task=task, percent=100, text="完成", today=START)
    task = Task.objects.select_related("plan").get(pk=task.pk)
    for offset in (21, 25, 60):  # waiting for the checker after the deadline
        today = START + D(days=offset)
        sql = Task.objects.annotate(c=colour_case(today)).get(pk=task.pk).c
        assert task_colour(task, today) == sql == "green", offset
