"""In a browser: a member's home on a phone shows their own work first and fits the screen; a
secretary's checklist leads to the page that does the next step."""

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in
from tests.permissions.cases.supervision import make_task

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_members_home_on_a_phone(live_server, live_world, browser):
    make_task(live_world, owner=live_world.member, title="整理党员责任区台账")
    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(page, live_server, "member")
    expect(page.locator("#home-member")).to_be_visible()
    expect(page.locator("#my-tasks")).to_contain_text("整理党员责任区台账")
    assert page.locator("#home-cockpit").count() == 0
    top = page.evaluate("document.querySelector('#home-member').getBoundingClientRect().top")
    assert top < 844, "the member's own work is on the first screen"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the home page is {width} px wide on a 390 px phone"
    shot(page, "home-member-390")
    page.click("#my-tasks >> text=整理党员责任区台账")
    expect(page.locator("body")).to_contain_text("整理党员责任区台账")
    assert "/tasks/" in page.url


def test_a_secretary_follows_the_next_step(live_server, live_world, browser):
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, live_server, "secretary")
    expect(page.locator("[data-testid=checklist]")).to_contain_text("红色引擎")
    shot(page, "home-secretary-1366")
    page.click("[data-testid=next-step]")
    assert f"brand={live_world.brand.pk}" in page.url
