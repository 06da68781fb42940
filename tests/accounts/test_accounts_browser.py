"""In a browser: the 党建工作部 gives a member a login and makes them 支委; the member signs in with
the temporary password, is made to change it and sees their sessions; the administrator withdraws
the role and resets the password by link; the member uses the link."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in
from tests.factories import make_member

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
OWN = "Hongqi-2026!"
AFTER_RESET = "Dangjian-Reset-7"


def sign_in_as(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


# The elements reaching past the right edge of the screen, to name them when a page does not fit.
OVERFLOWING = """w => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > w + 0.5)
  .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


def fits(page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(OVERFLOWING, width)
    assert scroll <= width, f"page is {scroll}px wide on a {width}px screen: {wide}"


def test_a_login_from_creation_to_reset(live_server, live_world, browser):
    make_member(live_world.branch_a, "张三", job_title="运行值班员")
    for name in ("王芳", "刘洋", "陈静"):
        make_member(live_world.branch_a, name)
    base = live_server.url

    admin = browser.new_context(viewport=DESKTOP).new_page()
    admin.on("dialog", lambda dialog: dialog.accept())
    sign_in(admin, live_server, "staff")
    admin.get_by_role("button", name="组织与党员").click()
    admin.get_by_role("link", name="账号管理").click()
    expect(admin.get_by_role("heading", name="账号管理")).to_be_visible()
    shot(admin, "accounts-list-desktop")

    admin.goto(f"{base}/accounts/members/?org={live_world.branch_a.pk}")
    expect(admin.get_by_test_id("member-table")).to_contain_text("张三")
    shot(admin, "accounts-member-logins-desktop")
    admin.locator("tr", has_text="张三").get_by_role("link", name="开通…").click()
    expect(admin.locator("#id_username")).to_have_value("zhangsan")
    shot(admin, "accounts-login-create-desktop")
    admin.get_by_test_id("create-submit").click()
    temporary = admin.get_by_test_id("issued-password").inner_text()
    assert len(temporary) == 12
    shot(admin, "accounts-issued-desktop")

    admin.get_by_role("link", name="张三").click()
    account_url = admin.url
    admin.select_option("#id_role", "branch_committee")
    admin.select_option("#id_org", str(live_world.branch_a.pk))
    admin.get_by_test_id("grant-submit").click()
    expect(admin.get_by_test_id("roles")).to_contain_text("支委")
    shot(admin, "accounts-detail-desktop")

    # The member signs in with the temporary password and must change it first.
    person = browser.new_context(viewport=DESKTOP).new_page()
    sign_in_as(person, live_server, "zhangsan", temporary)
    person.wait_for_url(f"{base}/accounts/me/password/")
    expect(person.get_by_test_id("must-change")).to_be_visible()
    person.goto(f"{base}/brands/")
    person.wait_for_url(f"{base}/accounts/me/password/")
    shot(person, "accounts-forced-change-desktop")
    person.fill("#id_old_password", temporary)
    person.fill("#id_new_password1", "demo12345")
    person.fill("#id_new_password2", "demo12345")
    person.get_by_test_id("password-submit").click()
    expect(person.locator("body")).to_contain_text("不能使用演示密码")
    person.fill("#id_old_password", temporary)
    person.fill("#id_new_password1", OWN)
    person.fill("#id_new_password2", OWN)
    person.get_by_test_id("password-submit").click()
    person.wait_for_url(f"{base}/accounts/me/")
    expect(person.get_by_text("密码已修改")).to_be_visible()

    # A second browser, on a phone: both sessions are listed, this one marked.
    phone_context = browser.new_context(viewport=PHONE, is_mobile=True)
    phone = phone_context.new_page()
    sign_in_as(phone, live_server, "zhangsan", OWN)
    phone.wait_for_url(f"{base}/")
    phone.goto(f"{base}/accounts/me/")
    expect(phone.get_by_test_id("sessions").locator("li")).to_have_count(2)
    expect(phone.get_by_test_id("current-session")).to_have_count(1)
    fits(phone, PHONE["width"])
    shot(phone, "accounts-my-account-phone")
    person.reload()
    expect(person.get_by_test_id("sessions").locator("li")).to_have_count(2)
    shot(person, "accounts-my-account-desktop")

    # The administrator withdraws the role and issues a reset link.
    admin.goto(account_url)
    admin.get_by_test_id("withdraw-branch_committee").click()
    expect(admin.get_by_test_id("roles")).not_to_contain_text("支委")
    admin.get_by_test_id("reset-link").click()
    link = admin.get_by_test_id("reset-url").input_value()
    assert re.match(rf"{re.escape(base)}/accounts/reset/[^/]+/[^/]+/$", link)
    shot(admin, "accounts-reset-link-desktop")

    # The member opens the link signed out and sets a new password.
    stranger = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    stranger.goto(link)
    expect(stranger.get_by_test_id("reset-submit")).to_be_visible()
    assert "set-password" in stranger.url  # the token left the address bar
    fits(stranger, PHONE["width"])
    shot(stranger, "accounts-reset-confirm-phone")
    stranger.fill("#id_new_password1", AFTER_RESET)
    stranger.fill("#id_new_password2", AFTER_RESET)
    stranger.get_by_test_id("reset-submit").click()
    stranger.wait_for_url(re.compile(r".*/login/$"))
    expect(stranger.get_by_text("新密码已设置")).to_be_visible()
    sign_in_as(stranger, live_server, "zhangsan", AFTER_RESET)
    stranger.wait_for_url(f"{base}/")
    stranger.goto(link)
    expect(stranger.get_by_test_id("reset-invalid")).to_be_visible()  # used once
    # the reset ended the sessions the member had before
    phone.goto(f"{base}/accounts/me/")
    assert "/login/" in phone.url

    # Pages of account management fit a phone too.
    admin_phone = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(admin_phone, live_server, "staff")
    for url, name in [(f"{base}/accounts/", "list"), (account_url, "detail")]:
        admin_phone.goto(url)
        fits(admin_phone, PHONE["width"])
        shot(admin_phone, f"accounts-{name}-phone")
