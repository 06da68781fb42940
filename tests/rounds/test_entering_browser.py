"""Entering a round in a browser, on a phone: the secretary enters with the checklist in view,
the 党委 above returns the entry with comments, the secretary resubmits, the 党委 recommends and
the 党建工作部 passes 预审 with its 形式审查 checklist."""

import pytest
from playwright.sync_api import expect

from partybrand.rounds.models import Entry
from tests.browser import shot, sign_in
from tests.rounds.helpers import open_round

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _as(browser, live_server, username):
    page = browser.new_context(viewport=PHONE).new_page()
    sign_in(page, live_server, username)
    return page


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_enter_return_resubmit_recommend_and_prescreen(live_server, live_world, browser):
    w = live_world
    round_ = open_round(w)

    secretary = _as(browser, live_server, "secretary")
    secretary.goto(f"{live_server.url}/rounds/{round_.pk}/")
    _fits(secretary)
    secretary.locator("a[href*='/enter/']").click()
    expect(secretary.get_by_test_id("checklist")).to_contain_text("有名称")
    shot(secretary, "rounds-enter-phone")
    secretary.select_option("#id_tier", label="培育品牌（5名）")
    secretary.get_by_role("button", name="建立申报").click()
    expect(secretary.locator(".alert-success")).to_contain_text("已建立“红色引擎”的参评申报")
    secretary.get_by_role("button", name="提交申报").click()
    expect(secretary.locator(".alert-success")).to_contain_text("已提交")
    entry = Entry.objects.get()
    url = f"{live_server.url}/rounds/entries/{entry.pk}/"

    above = _as(browser, live_server, "midadmin")
    above.goto(url)
    above.get_by_label("退回修改").check()
    above.fill("#id_rec-comments", "请补充创建成效数据")
    above.get_by_role("button", name="确认").click()
    expect(above.locator(".alert-success")).to_contain_text("已退回")

    secretary.goto(url)
    expect(secretary.get_by_test_id("returned")).to_contain_text("请补充创建成效数据")
    _fits(secretary)
    shot(secretary, "rounds-returned-phone")
    secretary.get_by_role("button", name="修改后重新提交").click()
    expect(secretary.locator(".alert-success")).to_contain_text("已提交")

    above.goto(url)
    above.get_by_label("推荐", exact=True).check()
    above.fill("#id_rec-comments", "同意推荐，成效突出。")
    above.get_by_role("button", name="确认").click()
    expect(above.locator(".alert-success")).to_contain_text("已推荐")

    staff = _as(browser, live_server, "staff")
    staff.goto(url)
    staff.get_by_label("通过", exact=True).check()
    staff.get_by_role("button", name="确认").click()  # the 形式审查 is not ticked yet
    expect(staff.locator(".alert-danger").first).to_contain_text("形式审查尚有未通过的项目")
    for box in staff.locator("#prescreen input[type=checkbox]").all():
        box.check()
    staff.get_by_label("通过", exact=True).check()
    staff.get_by_role("button", name="确认").click()
    expect(staff.locator(".alert-success")).to_contain_text("预审通过")
    expect(staff.get_by_test_id("review")).to_have_count(3)
    _fits(staff)
    shot(staff, "rounds-prescreened-phone")

    staff.goto(f"{live_server.url}/rounds/{round_.pk}/?stage=passed")
    expect(staff.locator("[data-funnel=passed]")).to_contain_text("1")
    expect(staff.get_by_test_id("entry-row")).to_contain_text("红色引擎")
    _fits(staff)
    shot(staff, "rounds-funnel-phone")
