"""The main menu in a real browser: it opens on a desktop and folds behind the button on a phone,
for a branch secretary and for a member. The screenshots in test-screens/ are the ones to compare
when the menu's markup changes."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1366, "phone": 390}


@pytest.mark.parametrize("persona", ["secretary", "member"])
@pytest.mark.parametrize("screen", list(WIDTHS))
def test_the_menu_opens_for_each_persona(live_server, live_world, browser, persona, screen):
    width = WIDTHS[screen]
    # Without motion Bootstrap folds and unfolds at once, so each screenshot shows one state.
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        is_mobile=screen == "phone",
        reduced_motion="reduce",
    )
    page = context.new_page()
    sign_in(page, live_server, getattr(live_world, persona).username)
    shot(page, f"menu-{persona}-{width}")
    if screen == "phone":
        expect(page.locator("#mainnav")).to_be_hidden()
        page.click(".navbar-toggler")
        expect(page.locator("#mainnav")).to_have_class(re.compile(r"\bshow\b"))
    group = page.locator("#mainnav .nav-link.dropdown-toggle", has_text="创建推进")
    group.click()
    expect(page.locator("#mainnav .dropdown-menu.show")).to_have_count(1)
    expect(page.get_by_role("link", name="我的任务")).to_be_visible()
    expect(page.get_by_role("link", name="新建计划")).to_have_count(
        1 if persona == "secretary" else 0
    )
    shot(page, f"menu-{persona}-{width}-open")
    context.close()
