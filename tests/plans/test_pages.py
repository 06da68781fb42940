"""Plan pages: the plan with its colours, my tasks, the plan list in constant queries, creating
from the template, the menu per role, the gate override, and the daily command."""

import datetime

from django.urls import reverse

from partybrand.core import clock
from partybrand.plans import services
from partybrand.plans.models import Task
from tests.helpers import assert_queries_flat, client_for
from tests.plans.helpers import START

D = datetime.timedelta


def test_plan_page_shows_phases_tasks_and_colours(world, plan):
    page = client_for(world.secretary).get(reverse("plans:plan_detail", args=[plan.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "找准品牌定位" in html and "开展党员群众问卷调查" in html and "关口未达标" in html
    assert 'data-colour="red"' in html  # 问卷调查 ended on day 20
    member_page = client_for(world.member).get(reverse("plans:plan_detail", args=[plan.pk])).content
    assert "分派任务".encode() not in member_page


def test_member_reports_from_my_tasks_and_checker_sees_it(world, plan):
    member = client_for(world.member)
    mine = member.get(reverse("plans:my_tasks")).content.decode()
    assert mine.count('data-testid="my-task"') == 17
    task = Task.objects.get(plan=plan, title="召开座谈会和走访调研")
    response = member.post(
        reverse("plans:task_report", args=[task.pk]), {"percent": 100, "text": "三场座谈会已开"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "reported"
    checker = client_for(world.branch_committee)
    waiting = checker.get(reverse("plans:my_tasks"), {"role": "checker"}).content.decode()
    assert "1 待验收" in waiting
    checker.post(reverse("plans:task_return", args=[task.pk]), {"reason": "缺少走访记录"})
    page = member.get(reverse("plans:task", args=[task.pk])).content.decode()
    assert "缺少走访记录" in page and "已退回" in page


def test_plan_list_constant_queries(world, plan):
    client = client_for(world.staff)

    def three_more():
        for n in range(3):
            services.plan_create(actor=world.mid_admin, org=world.committee_a, title=f"工作计划{n}")

    assert_queries_flat(three_more, lambda: client.get(reverse("plans:plan_list")))
    html = client.get(reverse("plans:plan_list")).content.decode()
    assert html.count('data-testid="plan-row"') == 4
    assert '<span class="badge pb-colour-red">1</span>' in html  # 问卷调查 is overdue
    assert "0/17" in html


def test_create_from_template_page(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START)
    client = client_for(world.secretary)
    assert client.get(reverse("plans:plan_create"), {"brand": world.brand.pk}).status_code == 200
    response = client.post(
        reverse("plans:plan_create"),
        {
            "org": world.branch_a.pk,
            "brand": world.brand.pk,
            "template": "five_parts",
            "start": "2026-03-02",
            "owner": world.member.pk,
            "checker": world.branch_committee.pk,
        },
    )
    assert response.status_code == 302
    plan = world.brand.plans.get()
    assert plan.tasks.count() == 17 and plan.template_code == "five_parts"
    brand_page = client.get(reverse("brands:brand_detail", args=[world.brand.pk])).content
    assert "创建计划".encode() in brand_page and "找准品牌定位".encode() in brand_page


def test_nav_menu_per_role(world, plan):
    # a draft plan is on the board too: the menu's 挂图作战 leads to it
    client = client_for(world.member)
    member = client.get(reverse("plans:my_tasks")).content.decode()
    assert "创建推进" in member and "我的任务" in member
    assert reverse("plans:board_home") in member
    board = client.get(reverse("plans:board_home"))
    assert board.status_code == 302 and board.url == reverse("plans:board", args=[plan.pk])
    assert "逾期督办" not in member and "新建计划" not in member
    secretary = client_for(world.secretary).get(reverse("plans:my_tasks")).content.decode()
    assert "逾期督办" in secretary and "新建计划" in secretary
    expert = client_for(world.expert).get(reverse("plans:my_tasks")).content.decode()
    assert "创建推进" not in expert


def test_gate_override_on_the_plan_page(world, plan):
    phase = plan.phases.get(position=1)
    url = reverse("plans:phase_close", args=[phase.pk])
    secretary = client_for(world.secretary)
    page = secretary.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "关闭阶段（越关）" not in page  # the branch cannot skip its own gate
    refused = secretary.post(url, {"override_reason": "想跳过"}, follow=True).content.decode()
    assert "关口标准未达到" in refused
    mid = client_for(world.mid_admin)
    page = mid.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "关闭阶段（越关）" in page
    mid.post(url, {"override_reason": "与第二阶段合并推进"})
    phase.refresh_from_db()
    assert phase.status == "closed" and phase.override_reason == "与第二阶段合并推进"


def test_daily_command_reports_what_it_latched(world, plan):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("plans_daily", "--today", "2026-03-25", stdout=out)
    assert "新标记逾期任务 1 项" in out.getvalue()  # 问卷调查 ended on 03-22
    call_command("plans_daily", "--today", "2026-03-25", stdout=out)
    assert "新标记逾期任务 0 项" in out.getvalue()
