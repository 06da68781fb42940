"""Issue #11's lost update in a real browser: two people open the brand's edit page, A saves a
new slogan, B saves a new name; B is refused with A's change shown, keeps what B typed, and
saves again over A's change without losing it."""

import pytest
from playwright.sync_api import expect

from partybrand.brands.models import Brand
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def _person(browser, live_server, username, width=1366):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    sign_in(page, live_server, username)
    return page


def test_the_second_of_two_open_edit_pages_is_refused_with_the_first_change_shown(
    live_server, live_world, browser
):
    edit_url = f"{live_server.url}/brands/{live_world.brand.pk}/edit/"
    a = _person(browser, live_server, "secretary")
    b = _person(browser, live_server, "branchcommittee")
    a.goto(edit_url)
    b.goto(edit_url)

    a.fill("#id_slogan", "党建引领 动力澎湃")
    a.click("button:has-text('保存')")
    expect(a.locator(".alert-success")).to_contain_text("品牌理念已保存")

    b.fill("#id_name", "红色先锋")
    b.click("button:has-text('保存')")

    conflict = b.locator("[data-testid=conflict]")
    expect(conflict).to_be_visible()
    expect(b.locator(".alert-danger").first).to_contain_text("这条记录在您打开后已被他人修改")
    expect(conflict).to_contain_text("王书记")
    expect(conflict).to_contain_text("修改品牌信息")
    expect(conflict.locator(".pb-conflict-field")).to_contain_text("品牌口号")
    expect(conflict.locator(".pb-conflict-theirs")).to_have_text("党建引领 动力澎湃")
    expect(conflict.locator(".pb-conflict-yours")).to_have_text("党建引领")
    expect(b.locator("#id_name")).to_have_value("红色先锋")  # what B typed is kept
    brand = Brand.objects.get(pk=live_world.brand.pk)
    assert (brand.name, brand.slogan) == ("红色引擎", "党建引领 动力澎湃")

    b.set_viewport_size({"width": 1366, "height": 900})
    shot(b, "brand-edit-conflict-1366")
    b.set_viewport_size({"width": 390, "height": 844})
    expect(conflict).to_be_visible()
    shot(b, "brand-edit-conflict-390")

    # B takes A's slogan over into the form and saves: both changes stand.
    b.fill("#id_slogan", "党建引领 动力澎湃")
    b.click("button:has-text('保存')")
    expect(b.locator(".alert-success")).to_contain_text("品牌理念已保存")
    brand.refresh_from_db()
    assert (brand.name, brand.slogan) == ("红色先锋", "党建引领 动力澎湃")
