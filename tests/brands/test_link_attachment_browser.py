"""On the brand page, choosing 视频链接 brings up the link field; the link is added and opens."""

import pytest
from playwright.sync_api import expect

from partybrand.brands.models import Attachment
from tests.browser import SHOTS, sign_in

pytestmark = pytest.mark.browser

VIDEO = "https://v.example.cn/party/red-engine.mp4"


def test_a_video_link_is_added_from_the_brand_page(live_server, live_world, browser):
    page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/brands/{live_world.brand.pk}/")
    page.click("#attachments summary")
    link = page.locator("#attachments input[name=url]")
    expect(link).to_be_hidden()  # 申报书 is a file
    page.select_option("#attachments select[name=kind]", "video")
    expect(link).to_be_visible()
    page.fill("#attachments input[name=title]", "主题党日视频")
    link.fill("ftp://files.example.cn/a.mp4")
    page.click("#attachments button:has-text('上传')")
    expect(page.locator("#attachments")).to_contain_text("链接须是以 http:// 或 https:// 开头")
    expect(page.locator("#attachments input[name=url]")).to_have_value(
        "ftp://files.example.cn/a.mp4"
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#attachments").screenshot(path=str(SHOTS / "brand-link-refused-390.png"))
    page.locator("#attachments input[name=url]").fill(VIDEO)
    page.click("#attachments button:has-text('上传')")
    expect(page.locator(".alert-success")).to_contain_text("已添加附件")
    expect(page.locator(f"#attachments a[href='{VIDEO}']")).to_have_text("主题党日视频")
    page.locator("#attachments").screenshot(path=str(SHOTS / "brand-link-added-390.png"))
    assert Attachment.objects.get(brand=live_world.brand).url == VIDEO
