"""In the browser: a 督办单 raised on a task, answered on a phone and closed; another one passes
its deadline and shows escalated; a 复盘 finding becomes an item the owner closes, and the next
meeting opens with what is still open; the bell shows the count."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from partybrand.supervision.models import RectificationItem, Ticket
from tests.browser import shot, sign_in
from tests.helpers import pdf_bytes
from tests.permissions.cases.supervision import make_plan, make_task, make_ticket, today

pytestmark = pytest.mark.browser

PDF = pdf_bytes()
PHONE = {"width": 360, "height": 760}


def phone_page(browser, live_server, username):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server, username)
    return context, page


def test_ticket_raised_answered_on_phone_closed_and_another_escalates(
    live_server, live_world, page, browser, tmp_path
):
    w = live_world
    task = make_task(w, title="建立党员责任区台账")
    evidence = tmp_path / "责任区台账.pdf"
    evidence.write_bytes(PDF)

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/supervision/tickets/new/?task={task.pk}")
    page.fill("#id_title", "党员责任区台账推进滞后")
    page.fill("#id_deadline", (today() + timedelta(days=5)).isoformat())
    page.click("button:has-text('下发')")
    expect(page.locator(".alert-success")).to_contain_text("已下发督办单")
    expect(page.locator("[data-testid=status]").first).to_have_text("已交办")
    ticket = Ticket.objects.get(title="党员责任区台账推进滞后")
    assert ticket.assignee == w.branch_committee and ticket.task == task

    context, phone = phone_page(browser, live_server, "branchcommittee")
    phone.goto(f"{live_server.url}/supervision/tickets/{ticket.pk}/")
    shot(phone, "supervision-ticket-phone")
    phone.click("[data-testid=to-feedback]")  # the form is below the sheet: one tap away
    expect(phone.locator("#id_text")).to_be_in_viewport()
    phone.fill("#id_text", "已完成 12 个党员责任区划分，台账已建立并公示。")
    phone.set_input_files("#id_files", str(evidence))
    phone.click("button:has-text('提交反馈')")
    expect(phone.locator(".alert-success")).to_contain_text("已反馈")
    expect(phone.locator("[data-testid=history]")).to_contain_text("责任区台账")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shot(phone, "supervision-ticket-feedback-phone")
    context.close()

    page.goto(f"{live_server.url}/")
    expect(page.locator("[data-testid=bell-count]")).to_have_text("1")  # the feedback
    page.goto(f"{live_server.url}/supervision/tickets/{ticket.pk}/")
    page.fill("#close-note", "经核查已落实。")
    page.click("[data-testid=close-ticket]")
    expect(page.locator("[data-testid=status]").first).to_have_text("已办结")
    shot(page, "supervision-ticket-closed")
    page.goto(f"{live_server.url}/supervision/tickets/{ticket.pk}/print/")
    expect(page.locator(".sheet-title")).to_have_text("督 办 单")
    expect(page.locator("[data-action=print]")).to_be_visible()
    page.emulate_media(media="print")  # what the printer gets: the sheet alone
    expect(page.locator("nav.navbar")).to_be_hidden()
    shot(page, "supervision-ticket-print")
    page.emulate_media(media="screen")

    late = make_ticket(w, deadline=today())
    call_command("supervision_daily", "--today", (today() + timedelta(days=1)).isoformat())
    page.goto(f"{live_server.url}/supervision/?f=escalated")
    row = page.locator("[data-testid=ticket-row]", has_text=late.title)
    expect(row.locator("[data-testid=escalated]")).to_contain_text("已升级至甲公司机关党总支")
    shot(page, "supervision-ticket-escalated")
    page.goto(f"{live_server.url}/supervision/tickets/{late.pk}/")
    expect(page.locator("[data-testid=history]")).to_contain_text("逾期升级")


def test_review_finding_becomes_item_owner_closes_next_meeting_shows_open(
    live_server, live_world, page, browser
):
    w = live_world
    plan = make_plan(w)
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/supervision/plans/{plan.pk}/meetings/new/")
    page.fill("#id_held_on", (today() - timedelta(days=20)).isoformat())
    page.check("label:has-text('赵支委')")
    page.check("label:has-text('李党员')")
    page.fill("#id_minutes", "对照三定任务清单查找短板。")
    page.click("button:has-text('保存会议')")
    expect(page.locator(".alert-success")).to_contain_text("已创建复盘会议")
    for finding in ("党员示范岗标识不统一", "微课堂活动记录不全"):
        page.fill("#id_finding", finding)
        page.select_option("#id_owner", label="赵支委")
        page.fill("#id_deadline", (today() + timedelta(days=10)).isoformat())
        page.click("button:has-text('登记为整改事项')")
        expect(page.locator("[data-testid=item]", has_text=finding)).to_contain_text("整改中")
    shot(page, "supervision-review-findings")

    context, phone = phone_page(browser, live_server, "branchcommittee")
    first = RectificationItem.objects.get(finding="党员示范岗标识不统一")
    phone.goto(f"{live_server.url}/supervision/meetings/{first.meeting_id}/")
    phone.fill(f"#done-{first.pk}", "21 个示范岗已统一挂牌。")
    phone.click(f"#item-{first.pk} button:has-text('申请销号')")
    expect(phone.locator(f"#item-{first.pk} [data-testid=item-status]")).to_have_text("待销号")
    shot(phone, "supervision-item-done-phone")
    context.close()

    page.reload()
    page.click(f"#item-{first.pk} button:has-text('核验销号')")
    expect(page.locator(f"#item-{first.pk} [data-testid=item-status]")).to_have_text("已销号")

    page.goto(f"{live_server.url}/supervision/plans/{plan.pk}/meetings/new/")
    carried = page.locator("[data-testid=carried-item]")
    expect(carried).to_have_count(1)
    expect(carried).to_contain_text("微课堂活动记录不全")
    page.fill("#id_title", "第二次复盘会")
    page.click("button:has-text('保存会议')")
    expect(page.locator("[data-testid=carried]")).to_contain_text("微课堂活动记录不全")
    expect(page.locator("[data-testid=carried]")).not_to_contain_text("党员示范岗")
    shot(page, "supervision-review-next-meeting")
    assert RectificationItem.objects.count() == 2

    context = browser.new_context()
    owner = context.new_page()
    sign_in(owner, live_server, "branchcommittee")
    bell = owner.locator("[data-testid=bell-count]")
    expect(bell).to_be_visible()
    # The meeting invitation, two items assigned and one closed: all unread.
    expect(bell).to_have_text("4")
    shot(owner, "supervision-bell")
    context.close()
