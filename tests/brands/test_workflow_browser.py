"""A brand in a real browser from draft to review: its identity, logo and KPIs entered, sent up,
and returned by the level above with a comment."""

import pytest
from playwright.sync_api import expect

from partybrand.brands.models import Brand
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser

LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120">'
    '<circle cx="60" cy="60" r="56" fill="#C8102E"/>'
    '<text x="60" y="78" font-size="48" text-anchor="middle" fill="#FFD700">引</text></svg>'
)


def test_a_brand_is_shaped_charted_and_sent_up_for_review(live_server, live_world, page, tmp_path):
    brand_url = f"{live_server.url}/brands/{live_world.brand.pk}/"
    sign_in(page, live_server, "secretary")
    page.goto(brand_url)
    page.click("text=编辑理念")
    page.fill("#id_slogan", "红色引擎 动力澎湃")
    page.fill("#id_meaning", "以党建“红色引擎”驱动检修提质增效。")
    page.fill("input[name='phrases-0-phrase']", "红色")
    page.fill("textarea[name='phrases-0-explanation']", "坚持党的全面领导，把牢政治方向。")
    page.fill("input[name='phrases-1-phrase']", "引擎")
    page.fill("textarea[name='phrases-1-explanation']", "以党员先锋带动班组攻坚。")
    page.click("button:has-text('保存')")
    expect(page.locator("#identity")).to_contain_text("把牢政治方向")

    logo = tmp_path / "logo.svg"
    logo.write_text(LOGO_SVG, encoding="utf-8")
    page.set_input_files("#logo-file", str(logo))
    page.click("#logo button:has-text('上传')")
    expect(page.locator(".alert-success")).to_contain_text("标识已更新")
    expect(page.locator("img.pb-logo")).to_be_visible()

    page.click("text=添加指标")
    page.fill("#kpis #id_name", "故障抢修平均时长")
    page.fill("#kpis #id_unit", "小时")
    page.select_option("#kpis #id_direction", "down")
    page.fill("#kpis #id_baseline", "4.5")
    page.fill("#kpis #id_baseline_on", "2025-01-01")
    page.fill("#kpis #id_target", "3")
    page.click("#kpis button:has-text('添加')")
    kpi_form = page.locator("#kpis form").first
    kpi_form.locator("input[name=measured_on]").fill("2025-06-30")
    kpi_form.locator("input[name=value]").fill("3.6")
    kpi_form.locator("button:has-text('记录')").click()
    expect(page.locator("#kpis canvas")).to_have_count(1)

    page.click("#lifecycle button:has-text('提交申报')")
    page.click("button:has-text('确认提交申报')")
    expect(page.locator(".alert-success")).to_contain_text("已申报")
    shot(page, "brand-submitted")

    page.context.clear_cookies()
    sign_in(page, live_server, "midadmin")
    page.goto(brand_url)
    page.click("#lifecycle button:has-text('退回')")
    page.click("button:has-text('确认退回')")  # no comment: the browser keeps the form open
    page.fill("#comment-return", "请补充三定任务清单")
    page.click("button:has-text('确认退回')")
    expect(page.locator("#timeline")).to_contain_text("请补充三定任务清单")
    assert Brand.objects.get(pk=live_world.brand.pk).status == "draft"
    shot(page, "brand-returned")
