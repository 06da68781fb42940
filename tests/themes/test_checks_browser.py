"""The secretary sees, on a candidate's page, a forbidden word with its category and reason and
the 千篇一律 warning, apart from the copy check."""

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def test_a_candidate_page_shows_forbidden_categories_and_the_generic_warning(
    live_server, live_world, page
):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/brands/{live_world.brand.pk}/")
    page.click("text=开始主题征集")
    page.click("text=添加候选")
    page.fill("#id_name", "铁血兄弟连·党建引领")
    page.fill("#id_slogan", "宇宙第一 拼命干到底")
    page.click("button:has-text('提交')")
    checks = page.locator("#checks")
    expect(checks).to_contain_text("千篇一律：名称中有常见说法")
    expect(checks).to_contain_text("江湖习气：名称中的“兄弟连”“铁血”（")
    expect(checks).to_contain_text("绝对化用语：口号中的“宇宙第一”（《广告法》")
    expect(checks).to_contain_text("安全红线：口号中的“拼命干”（")
    shot(page, "themes-candidate-forbidden-generic")
