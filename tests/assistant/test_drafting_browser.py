"""Drafting help on a phone (390 px): from the 年度工作总结's page to a section's draft beside its
text, the draft edited and accepted, back on the document as a new version."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def test_a_secretary_accepts_a_drafted_section_on_a_phone(live_server, live_world, page):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/documents/brand/{live_world.brand.pk}/work-summary/")
    page.locator("a[data-testid=draft-help][href*='/overview/']").click()
    expect(page.locator("h1")).to_contain_text("起草建议：基本情况")
    draft = page.locator("[data-testid=draft-text]")
    expect(draft).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator("[data-testid=draft-findings]")).to_contain_text("公文格式检查")
    shot(page, "assistant-section-draft-390")
    draft.fill("加强宣传推介，及时总结提炼经验做法。")
    page.click("text=追加在原文后")
    page.click("[data-testid=accept-draft]")
    expect(page.locator(".alert-success")).to_contain_text("已采纳起草建议，保存为第1版")
    section = page.locator("textarea[name=section_overview]")
    expect(section).to_have_value(
        re.compile(r"红色引擎[\s\S]+\n加强宣传推介，及时总结提炼经验做法。$")
    )
