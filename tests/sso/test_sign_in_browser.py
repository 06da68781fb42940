"""Signing in as a person of the company would, in Chromium: with the directory's password
(a real slapd), through the single sign-on provider (a real oidc-provider in another process),
and with a second factor whose code the test computes like an authenticator app."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser import shot, sign_in
from tests.factories import PASSWORD
from tests.sso.conftest import configure_oidc, make_rolls
from tests.sso.provider import start_provider
from tests.sso.totp import code_from_secret, let_throttle_pass

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture(scope="session")
def live_provider(live_server):
    running = start_provider(live_server.url)
    yield running
    running.stop()


@pytest.fixture
def live_rolls(live_world):
    return make_rolls(live_world)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_directory_person_signs_in_with_the_directory_password(
    live_server, live_rolls, ldap_on, browser
):
    for name, options in (("1366", DESKTOP), ("390", PHONE)):
        page = browser.new_context(**options).new_page()
        page.goto(f"{live_server.url}/login/")
        expect(page.get_by_text("可使用单位统一账号（域账号）和密码登录。")).to_be_visible()
        shot(page, f"sso-login-ldap-{name}")
        assert fits(page)
        page.context.close()

    page = browser.new_context(**DESKTOP).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "wangwu")
    page.fill("#id_password", "dir-pass-ww")
    page.click("button[type=submit]")
    expect(page.get_by_test_id("login-refusal")).to_contain_text(
        "党员名册中没有与您的工号或身份证号对应"
    )
    shot(page, "sso-ldap-refused-1366")

    page.fill("#id_username", "zhangsan")
    page.fill("#id_password", "dir-pass-zs")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".navbar")).to_contain_text("张三")
    shot(page, "sso-ldap-signed-in-1366")


def test_a_person_signs_in_through_the_single_sign_on_provider(
    live_server, live_rolls, live_provider, settings, browser
):
    configure_oidc(settings, live_provider.issuer)
    for name, options in (("1366", DESKTOP), ("390", PHONE)):
        page = browser.new_context(**options).new_page()
        page.goto(f"{live_server.url}/login/")
        button = page.get_by_role("link", name="统一身份认证登录")
        expect(button).to_be_visible()
        shot(page, f"sso-login-oidc-{name}")
        assert fits(page)
        page.context.close()

    page = browser.new_context(**DESKTOP).new_page()
    page.goto(f"{live_server.url}/login/?next=/orgs/")
    page.get_by_role("link", name="统一身份认证登录").click()
    page.wait_for_url(f"{live_provider.issuer}/interaction/**")
    expect(page.get_by_text("集团统一身份认证")).to_be_visible()
    page.fill("#login", "lisi")
    page.fill("#password", "dir-pass-ls")
    shot(page, "sso-oidc-provider-1366")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/orgs/")
    expect(page.locator(".navbar")).to_contain_text("李四")
    shot(page, "sso-oidc-signed-in-1366")

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(f"{live_provider.issuer}/session/end**")
    expect(page.get_by_text("退出集团统一身份认证？")).to_be_visible()


def test_a_role_that_needs_codes_enrols_and_then_signs_in_with_a_code(
    live_server, live_world, settings, browser
):
    settings.TOTP_ROLES = ["party_office"]
    for name, options in (("390", PHONE), ("1366", DESKTOP)):
        page = browser.new_context(**options).new_page()
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "staff")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/sso/totp/enrol/**")
        expect(page.get_by_test_id("totp-qr").locator("svg")).to_be_visible()
        shot(page, f"sso-totp-enrol-{name}")
        assert fits(page)
        if name == "390":
            page.context.close()
            continue
        secret = page.get_by_test_id("totp-secret").inner_text()
        page.fill("#id_code", "000000")
        page.get_by_role("button", name="完成绑定").click()
        expect(page.get_by_text("动态口令不正确")).to_be_visible()
        let_throttle_pass(live_world.staff)
        page.fill("#id_code", code_from_secret(secret))
        page.get_by_role("button", name="完成绑定").click()
        page.wait_for_url(f"{live_server.url}/")
        expect(page.get_by_text("动态口令已启用")).to_be_visible()
        page.get_by_test_id("user-menu").click()
        page.get_by_role("button", name="退出").click()

        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "staff")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/sso/totp/verify/**")
        shot(page, "sso-totp-verify-1366")
        page.fill("#id_code", code_from_secret(secret, 1))
        page.get_by_role("button", name="验证并登录").click()
        page.wait_for_url(f"{live_server.url}/")
        expect(page.locator(".navbar")).to_contain_text("孙干事")
        page.context.close()

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{live_server.url}/login/")
    phone.fill("#id_username", "staff")
    phone.fill("#id_password", PASSWORD)
    phone.click("button[type=submit]")
    phone.wait_for_url(f"{live_server.url}/sso/totp/verify/**")
    shot(phone, "sso-totp-verify-390")
    assert fits(phone)


def test_an_administrator_resets_a_second_factor_from_the_member_page(
    live_server, live_world, browser
):
    TOTPDevice.objects.create(user=live_world.member, name="动态口令", confirmed=True)
    for name, options in (("390", PHONE), ("1366", DESKTOP)):
        page = browser.new_context(**options).new_page()
        sign_in(page, live_server, "secretary")
        page.goto(f"{live_server.url}/orgs/members/{live_world.member_a.pk}/")
        expect(page.get_by_test_id("member-totp")).to_contain_text("已启用")
        shot(page, f"sso-member-totp-{name}")
        assert fits(page)
        if name == "1366":
            page.on("dialog", lambda dialog: dialog.accept())
            page.get_by_role("button", name="重置动态口令").click()
            expect(page.get_by_text("已重置“李党员”的动态口令")).to_be_visible()
            expect(page.get_by_test_id("member-totp")).to_contain_text("未启用")
        page.context.close()


def test_ones_own_second_factor_page(live_server, live_world, browser):
    for name, options in (("1366", DESKTOP), ("390", PHONE)):
        page = browser.new_context(**options).new_page()
        sign_in(page, live_server, "member")
        page.goto(f"{live_server.url}/sso/totp/")
        expect(page.get_by_test_id("totp-status")).to_have_text("未启用")
        shot(page, f"sso-totp-settings-{name}")
        assert fits(page)
        page.context.close()
