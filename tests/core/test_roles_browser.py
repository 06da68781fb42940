"""Every role signs in through a real browser; an outsider meets 404; phones get a usable page."""

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in
from tests.factories import make_member

pytestmark = pytest.mark.browser

PERSONAS = {
    "secretary": "支部A · 支部书记",
    "member": "支部A · 党员",
    "branch_committee": "支部A · 支委",
    "mid_admin": "甲公司党委 · 二级党委/党总支管理员",
    "staff": "测试集团党委 · 党建工作部",
    "committee_admin": "测试集团党委 · 上级党委管理员",
    "outsider": "支部B · 支部书记",
    "expert": "测试集团党委 · 评审专家",
}


# What each role's home shows first: its own work (workbench/home.py), not the group's figures.
FIRST_SECTION = {
    "secretary": "#home-next-steps",  # the brand's next steps through the five parts
    "branch_committee": "#home-next-steps",
    "mid_admin": "#home-cockpit",  # a committee's own cockpit figures
    "staff": "#home-cockpit",
    "committee_admin": "#home-cockpit",
}
ANY_SECTION = "#home-cockpit, #home-next-steps, #home-member, #todos, #nothing-yours"


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_each_role_signs_in_and_sees_its_workbench(live_server, live_world, page, persona):
    sign_in(page, live_server, getattr(live_world, persona).username)
    expect(page.get_by_text(PERSONAS[persona])).to_be_visible()
    expect(page.locator(FIRST_SECTION.get(persona, ANY_SECTION)).first).to_be_visible()
    if persona not in {"mid_admin", "staff", "committee_admin"}:
        expect(page.locator("#home-cockpit")).to_have_count(0)  # no committee figures
    shot(page, f"home-{persona}")


def test_outsider_gets_not_found_for_another_branchs_pages(live_server, live_world, page):
    sign_in(page, live_server, "outsider")
    for path in [
        f"/brands/{live_world.brand.pk}/",
        f"/orgs/{live_world.branch_a.pk}/",
        f"/orgs/members/{live_world.member_a.pk}/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 404, path
    page.goto(live_server.url + "/brands/")
    expect(page.get_by_text("红色引擎")).to_have_count(0)


def test_wrong_password_is_refused_in_chinese(live_server, live_world, page):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "secretary")
    page.fill("#id_password", "not-the-password")
    page.click("button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text("请输入一个正确的")


def test_member_list_on_a_phone_masks_and_fits(live_server, live_world, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    make_member(live_world.branch_a, "周同志", phone="13566667777")
    page = context.new_page()
    sign_in(page, live_server, "member")
    page.goto(f"{live_server.url}/orgs/members/")
    expect(page.get_by_text("135****7777")).to_be_visible()  # a colleague's phone is masked
    expect(page.get_by_text("13812345678")).to_be_visible()  # one's own is not
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"
    expect(page.locator(".navbar-toggler")).to_be_visible()
    shot(page, "phone-member-list")
    context.close()
