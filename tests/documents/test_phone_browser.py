"""The document page on a phone (390 px): the sections are textareas within the screen, a save
makes a version, the checker's findings are listed, the Word export downloads."""

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def test_a_secretary_edits_and_exports_a_document_on_a_phone(live_server, live_world, page):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/documents/org/{live_world.branch_a.pk}/")
    page.click("text=关于开展党建品牌创建工作的通知")
    aims = page.locator("textarea[name=section_aims]")
    expect(aims).to_be_visible()
    box = aims.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "documents-detail-phone-390")
    aims.fill("（一）总的要求\n坚持党建引领，共有 12 个支部参加。")
    page.click("text=保存新版本")
    expect(page.locator(".alert-success")).to_contain_text("已保存为第1版")
    expect(page.locator("[data-testid=findings]")).to_contain_text("不加空格")
    with page.expect_download() as download:
        page.click("[data-testid=export-docx]")
    assert download.value.suggested_filename.endswith(".docx")
    shot(page, "documents-detail-saved-390")
