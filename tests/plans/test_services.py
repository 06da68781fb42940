"""Plans, phases and 三定 tasks through the services; colours as the clock moves."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from partybrand.core.models import AuditLog
from partybrand.notices.models import Notification
from partybrand.plans import services
from partybrand.plans.colours import COLOURS, colour_case, colour_q, task_colour
from partybrand.plans.models import Task
from tests.plans.helpers import START, pdf_bytes, template_plan

D = datetime.timedelta


@pytest.fixture
def plan(world):
    return template_plan(world)


def first_task(plan):
    return plan.tasks.select_related("plan", "owner", "checker").order_by("start", "id").first()


def test_template_builds_five_phases_with_tasks_and_relative_dates(world, plan):
    phases = list(plan.phases.all())
    assert [p.name for p in phases] == [
        "找准品牌定位",
        "提炼品牌主题",
        "突出工作重点",
        "建立良性机制",
        "强化推介管理",
    ]
    assert phases[0].start == START and phases[-1].end == START + D(days=365)
    assert plan.tasks.count() == 17 and all(p.criteria for p in phases)
    task = first_task(plan)
    assert task.title == "开展党员群众问卷调查" and task.deadline == START + D(days=20)
    assert [m.title for m in task.milestones.all()] == ["问卷发放", "回收汇总"]
    # owner and checker are told, once each
    assert Notification.objects.filter(user=world.member, kind="assigned").count() == 17
    assert Notification.objects.filter(user=world.branch_committee, kind="assigned").count() == 17


def test_owner_and_checker_rules(world, plan):
    task = first_task(plan)
    with pytest.raises(ValidationError, match="验收人不能是责任人本人"):
        services.task_update(actor=world.secretary, task=task, checker=world.member)
    with pytest.raises(ValidationError, match="责任人须是能查看本计划"):
        services.task_update(actor=world.secretary, task=task, owner=world.outsider)
    with pytest.raises(PermissionDenied):
        services.task_update(actor=world.member, task=task, title="改名")
    services.task_update(actor=world.secretary, task=task, owner=world.secretary)
    assert Notification.objects.filter(user=world.secretary, kind="assigned").count() == 1


def test_report_return_verify_close_flow(world, plan):
    task = first_task(plan)
    today = START + D(days=5)
    with pytest.raises(PermissionDenied, match="只有责任人"):
        services.task_report(actor=world.secretary, task=task, percent=50, text="x", today=today)
    evidence = SimpleUploadedFile("问卷.pdf", pdf_bytes(), content_type="application/pdf")
    services.task_report(
        actor=world.member, task=task, percent=100, text="问卷已回收", files=[evidence], today=today
    )
    task.refresh_from_db()
    assert task.status == "reported" and task.progress == 100
    assert task.updates.get().evidence.get().name == "问卷.pdf"
    assert Notification.objects.filter(user=world.branch_committee, kind="reported").exists()
    with pytest.raises(PermissionDenied, match="只有验收人"):
        services.task_verify(actor=world.member, task=task)
    with pytest.raises(ValidationError, match="退回理由"):
        services.task_return(actor=world.branch_committee, task=task, reason=" ")
    services.task_return(actor=world.branch_committee, task=task, reason="回收率不足80%")
    task.refresh_from_db()
    assert task.status == "returned" and task.progress == 100 and task.return_reason
    assert task_colour(task, today) == "yellow"  # sent back: poor quality shows yellow
    note = Notification.objects.get(user=world.member, kind="returned")
    assert "回收率不足80%" in note.body
    services.task_report(actor=world.member, task=task, percent=100, text="已补发", today=today)
    services.task_verify(actor=world.branch_committee, task=task, comment="合格")
    with pytest.raises(PermissionDenied):
        services.task_close(actor=world.member, task=task)
    services.task_close(actor=world.secretary, task=task)
    task.refresh_from_db()
    assert task.status == "closed" and task.closed_at and task.verified_at
    actions = set(AuditLog.objects.filter(object_id=str(task.pk)).values_list("action", flat=True))
    assert {"task_report", "task_return", "task_verify", "task_close"} <= actions


def colour_in_sql(task, today):
    return Task.objects.annotate(c=colour_case(today)).get(pk=task.pk).c


def test_colours_move_with_the_clock_and_sql_agrees(world, plan):
    task = first_task(plan)  # 2026-03-02 → 2026-03-22, near_days 7, margin 10
    assert task_colour(task, START - D(days=3)) == "green"
    assert task_colour(task, START + D(days=1)) == "green"  # 5% expected, within margin
    assert task_colour(task, START + D(days=6)) == "yellow"  # 30% expected, 0% done
    services.task_report(
        actor=world.member, task=task, percent=40, text="发放问卷", today=START + D(days=6)
    )
    task.refresh_from_db()
    assert task_colour(task, START + D(days=6)) == "green"
    assert task_colour(task, START + D(days=14)) == "yellow"  # 70% expected
    services.task_report(actor=world.member, task=task, percent=70, text="回收中", today=START)
    task.refresh_from_db()
    assert task_colour(task, START + D(days=14)) == "blue"  # 6 days left
    assert task_colour(task, START + D(days=21)) == "red"  # deadline passed
    for today in (START - D(days=3), START + D(days=6), START + D(days=14), START + D(days=21)):
        for t in plan.tasks.select_related("plan"):
            assert colour_in_sql(t, today) == task_colour(t, today)
    call_command("plans_daily", today=(START + D(days=21)).isoformat())
    task.refresh_from_db()
    assert task.was_overdue
    # the deadline is extended: it caught up, but shows yellow until closed
    services.task_update(
        actor=world.secretary, task=task, deadline=START + D(days=40), today=START + D(days=21)
    )
    task.refresh_from_db()
    assert task_colour(task, START + D(days=21)) == "yellow"
    services.task_report(actor=world.member, task=task, percent=100, text="完成", today=START)
    services.task_verify(actor=world.branch_committee, task=task)
    task.refresh_from_db()
    assert task_colour(task, START + D(days=22)) == "yellow"
    services.task_close(actor=world.branch_committee, task=task)
    task.refresh_from_db()
    assert task_colour(task, START + D(days=22)) == "done"


def test_thresholds_are_per_plan(world, plan):
    task = first_task(plan)
    today = START + D(days=10)  # 50% expected, 10 days left
    assert task_colour(task, today) == "yellow"
    services.plan_update(actor=world.secretary, plan=plan, behind_margin=60, near_days=10)
    task = first_task(plan)
    assert task_colour(task, today) == "blue"
    services.plan_update(actor=world.secretary, plan=plan, near_days=3)
    task = first_task(plan)
    assert task_colour(task, today) == "green"


def test_colour_q_matches_python_for_every_task_and_day(world, plan):
    tasks = list(plan.tasks.select_related("plan").order_by("id"))
    services.task_report(actor=world.member, task=tasks[1], percent=100, text="完成", today=START)
    services.task_verify(actor=world.branch_committee, task=tasks[1])
    services.task_report(actor=world.member, task=tasks[2], percent=60, text="过半", today=START)
    Task.objects.filter(pk=tasks[3].pk).update(was_overdue=True)
    services.task_report(actor=world.member, task=tasks[4], percent=100, text="完成", today=START)
    services.task_return(actor=world.branch_committee, task=tasks[4], reason="材料不全")
    for offset in (0, 8, 19, 33, 44, 120, 400):
        today = START + D(days=offset)
        python = {t.pk: task_colour(t, today) for t in plan.tasks.select_related("plan")}
        for colour in COLOURS:
            sql = set(plan.tasks.filter(colour_q(colour, today)).values_list("pk", flat=True))
            assert sql == {pk for pk, c in python.items() if c == colour}, (offset, colour)


def test_phase_closes_only_when_gate_met_or_committee_overrides(world, plan):
    phase = plan.phases.first()
    with pytest.raises(ValidationError, match="关口标准未达到"):
        services.phase_close(actor=world.secretary, phase=phase)
    with pytest.raises(ValidationError, match="越关理由"):
        services.phase_close(actor=world.mid_admin, phase=phase)
    for task in phase.tasks.all():
        services.task_report(actor=world.member, task=task, percent=100, text="完成", today=START)
        services.task_verify(actor=world.branch_committee, task=task)
    services.phase_check_gate(actor=world.secretary, phase=phase, checked=phase.criteria[:2])
    with pytest.raises(ValidationError, match="1 条关口标准未确认"):
        services.phase_close(actor=world.secretary, phase=phase)
    services.phase_check_gate(actor=world.secretary, phase=phase, checked=phase.criteria)
    services.phase_close(actor=world.secretary, phase=phase)
    phase.refresh_from_db()
    assert phase.status == "closed" and phase.closed_by == world.secretary
    second = plan.phases.get(position=2)
    services.phase_close(actor=world.mid_admin, phase=second, override_reason="上级决定合并推进")
    second.refresh_from_db()
    assert second.status == "closed" and second.override_reason == "上级决定合并推进"


def test_general_plan_without_brand(world):
    plan = services.plan_create(
        actor=world.mid_admin, org=world.committee_a, title="2026年党建工作计划", start=START
    )
    assert plan.kind == "general" and plan.brand is None
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=world.member, org=world.branch_a, title="x")
