"""The 登录锁定 page in a browser: a member locked out by failures, the 党建工作部 lifting the lock
on a wide screen and on a phone, and the member signing in afterwards."""

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _try(page, live_server, username, password):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


@pytest.mark.parametrize("width", [1366, 390])
def test_staff_lift_a_lock_and_the_member_signs_in(live_server, live_world, browser, width):
    visitor = browser.new_context(viewport={"width": width, "height": 900})
    locked = visitor.new_page()
    for _ in range(5):
        _try(locked, live_server, "member", "wrong-password")
    _try(locked, live_server, "member", PASSWORD)
    expect(locked.locator(".alert-danger")).to_contain_text("登录失败次数过多，请 15 分钟后再试")
    shot(locked, f"login-locked-{width}")

    staff = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    sign_in(staff, live_server, "staff")
    staff.goto(f"{live_server.url}/security/locks/")
    row = staff.get_by_test_id("lock")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("member")
    expect(row).to_contain_text("还剩 15 分钟")
    assert staff.evaluate("document.documentElement.scrollWidth") <= width
    shot(staff, f"login-locks-{width}")
    staff.once("dialog", lambda dialog: dialog.accept())
    row.get_by_test_id("lift").click()
    expect(staff.locator(".alert-success")).to_contain_text("已解除“用户名 member”的登录锁定")
    expect(staff.get_by_test_id("lock")).to_have_count(0)
    shot(staff, f"login-locks-lifted-{width}")

    sign_in(locked, live_server, "member")
