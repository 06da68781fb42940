"""The API 令牌 page in a browser, on a wide screen and on a phone: reached from the user menu,
a token created and its key shown once, the key calling the API, the token revoked."""

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def works(key) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/v1/brands/").status_code == 200


@pytest.mark.parametrize("width", [1366, 390])
def test_a_person_creates_sees_once_and_revokes_a_token(live_server, live_world, browser, width):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    sign_in(page, live_server, "secretary")
    if width < 1200:
        page.click(".navbar-toggler")
        # The menu slides open: a click on it while it moves can close it again.
        expect(page.locator(".navbar-collapse.show")).to_be_visible()
        expect(page.locator(".navbar-collapse.collapsing")).to_have_count(0)
    page.get_by_test_id("user-menu").click()
    expect(page.locator(".dropdown-menu.show")).to_be_visible()
    page.get_by_role("link", name="API 令牌").click()
    expect(page.get_by_role("heading", name="API 令牌")).to_be_visible()
    page.fill("#id_name", "党建数据同步脚本")
    page.get_by_test_id("create").click()
    new = page.get_by_test_id("new-token")
    expect(new).to_contain_text("离开本页后将无法再次查看")
    key = page.input_value("#new-token-key")
    assert key.startswith("pb_") and works(key)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"api-tokens-created-{width}")

    page.goto(f"{live_server.url}/tokens/")
    row = page.get_by_test_id("token")
    expect(row).to_contain_text("党建数据同步脚本")
    expect(row).to_contain_text("最近使用")  # the key was used above
    assert key not in page.content()
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_test_id("revoke").click()
    expect(page.locator(".alert-success")).to_contain_text("已撤销令牌")
    expect(page.get_by_test_id("token")).to_contain_text("已撤销")
    assert not works(key)
    shot(page, f"api-tokens-revoked-{width}")
