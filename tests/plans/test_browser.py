"""A plan from the template run through its first phase in a browser: tasks assigned, progress
reported from a phone, one task sent back and one verified, colours changing as the clock
moves, and the board printed to an A3 PDF that we render and look at."""

import datetime

import pypdfium2
import pytest
from playwright.sync_api import expect

from partybrand.core import clock
from partybrand.plans import services
from partybrand.plans.models import Task
from tests.browser import SHOTS, shot, sign_in
from tests.plans.helpers import START, pdf_bytes

pytestmark = pytest.mark.browser
D = datetime.timedelta


def test_plan_runs_through_a_phase(live_server, live_world, browser, monkeypatch):
    w = live_world
    today = {"value": START + D(days=3)}
    monkeypatch.setattr(clock, "today", lambda: today["value"])

    # the secretary creates the brand plan from the five-part template
    desk = browser.new_page(viewport={"width": 1400, "height": 900})
    sign_in(desk, live_server, "secretary")
    desk.goto(f"{live_server.url}/plans/new/?brand={w.brand.pk}")
    desk.fill("#id_start", START.isoformat())
    desk.select_option("#id_owner", str(w.member.pk))
    desk.select_option("#id_checker", str(w.branch_committee.pk))
    desk.click("[data-testid=plan-create-submit]")
    expect(desk.get_by_text("计划已创建")).to_be_visible()
    expect(desk.locator("[data-testid=phase]")).to_have_count(5)
    shot(desk, "plans-01-plan-created")

    survey = Task.objects.get(plan__brand=w.brand, title="开展党员群众问卷调查")
    talks = Task.objects.get(plan__brand=w.brand, title="召开座谈会和走访调研")

    # the member reports progress from a phone, with a photo of the survey forms as evidence
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    sign_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/plans/mine/")
    expect(phone.locator("[data-testid=my-task]")).to_have_count(17)
    shot(phone, "plans-02a-my-tasks-on-phone")
    phone.locator("[data-testid=my-task]", has_text="开展党员群众问卷调查").click()
    phone.fill("#id_percent", "100")
    phone.fill("#id_text", "问卷发放126份、回收118份，回收率93.7%，已形成分析报告。")
    phone.set_input_files(
        "#id_files",
        files=[{"name": "问卷分析报告.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}],
    )
    shot(phone, "plans-02-member-reports-on-phone")
    phone.click("[data-testid=report-submit]")
    expect(phone.get_by_text("已上报完成，等待验收人验收")).to_be_visible()
    expect(phone.locator("[data-testid=task-status]")).to_have_text("待验收")
    phone.goto(f"{live_server.url}/plans/tasks/{talks.pk}/")
    phone.fill("#id_percent", "100")
    phone.fill("#id_text", "召开党员、职工座谈会各1场，走访班组2个。")
    phone.click("[data-testid=report-submit]")
    expect(phone.locator("[data-testid=task-status]")).to_have_text("待验收")

    # the checker verifies one and sends the other back with a reason
    checker = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(checker, live_server, "branchcommittee")
    checker.goto(f"{live_server.url}/plans/mine/?role=checker")
    expect(checker.get_by_text("2 待验收")).to_be_visible()
    checker.goto(f"{live_server.url}/plans/tasks/{survey.pk}/")
    checker.click("[data-testid=verify-submit]")
    expect(checker.locator("[data-testid=task-status]")).to_have_text("已验收")
    checker.goto(f"{live_server.url}/plans/tasks/{talks.pk}/")
    checker.fill("textarea[name=reason]", "座谈会不少于3场，缺少服务对象座谈记录。")
    checker.click("[data-testid=return-submit]")
    expect(checker.locator("[data-testid=task-status]")).to_have_text("已退回")

    # the member sees why it came back
    phone.goto(f"{live_server.url}/plans/tasks/{talks.pk}/")
    expect(phone.locator("[data-testid=return-reason]")).to_contain_text("服务对象座谈记录")
    shot(phone, "plans-03-returned-on-phone")

    # the clock moves: day 31, the returned task is past its deadline (day 30) → red
    board_url = f"{live_server.url}/plans/{talks.plan_id}/board/"
    desk.goto(board_url)
    talks_row = desk.locator("[data-testid=board-task]", has_text="召开座谈会和走访调研")
    expect(talks_row).to_have_attribute("data-colour", "yellow")  # sent back: poor quality
    today["value"] = START + D(days=31)
    desk.goto(board_url)
    expect(talks_row).to_have_attribute("data-colour", "red")
    survey_row = desk.locator("[data-testid=board-task]", has_text="开展党员群众问卷调查")
    expect(survey_row).to_have_attribute("data-colour", "done")
    shot(desk, "plans-04-board-day31")
    desk.goto(board_url + "?colour=red")
    expect(desk.locator("[data-testid=board-task]")).to_have_count(1)  # only the returned one

    desk.goto(f"{live_server.url}/plans/{talks.plan_id}/gantt/")
    expect(desk.locator("[data-testid=board-task]")).to_have_count(17)
    shot(desk, "plans-05-gantt-day31")

    # the owner catches up: reported again, it shows yellow (was overdue) until closed
    phone.goto(f"{live_server.url}/plans/tasks/{talks.pk}/")
    phone.fill("#id_percent", "100")
    phone.fill("#id_text", "已补开服务对象座谈会，记录已上传。")
    phone.click("[data-testid=report-submit]")
    expect(phone.locator("[data-testid=task-colour]")).to_have_attribute("data-colour", "yellow")

    # the board printed as an A3 PDF, rendered and looked at
    with desk.expect_download() as info:
        desk.goto(board_url)
        desk.click("[data-testid=board-pdf]")
    path = info.value.path()
    document = pypdfium2.PdfDocument(str(path))
    width, height = document[0].get_size()
    assert round(width) == 1191 and round(height) == 842
    SHOTS.mkdir(parents=True, exist_ok=True)
    document[0].render(scale=1.2).to_pil().save(SHOTS / "plans-06-board-a3.png")
    document.close()

    # the phase is run through: the checker verifies the late task, the rest of the phase is
    # reported and verified, the secretary ticks the gate criteria and closes the phase
    checker.goto(f"{live_server.url}/plans/tasks/{talks.pk}/")
    checker.click("[data-testid=verify-submit]")
    expect(checker.locator("[data-testid=task-colour]")).to_have_attribute(
        "data-colour", "yellow"
    )  # verified, but it was overdue: yellow until closed (销号)
    checker.on("dialog", lambda dialog: dialog.accept())  # 确认销号？
    checker.click("[data-testid=close-submit]")
    expect(checker.locator("[data-testid=task-colour]")).to_have_attribute("data-colour", "done")
    for task in Task.objects.filter(phase__position=1, plan__brand=w.brand, status="todo"):
        services.task_report(actor=w.member, task=task, percent=100, text="已完成", today=START)
        services.task_verify(actor=w.branch_committee, task=task)
    desk.goto(f"{live_server.url}/plans/{talks.plan_id}/")
    first = desk.locator("[data-testid=phase]").first
    for box in first.locator("input[name=criteria]").all():
        box.check()
    first.get_by_role("button", name="保存关口确认").click()
    first = desk.locator("[data-testid=phase]").first
    expect(first.get_by_text("关口已达标")).to_be_visible()
    desk.on("dialog", lambda dialog: dialog.accept())  # 确定关闭该阶段？
    first.locator("[data-testid=phase-close]").click()
    expect(desk.get_by_text("阶段“找准品牌定位”已关闭")).to_be_visible()
    shot(desk, "plans-07-phase-closed")
