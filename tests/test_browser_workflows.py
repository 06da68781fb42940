"""Whole workflows in a real browser: importing organisations, and a brand from draft to review."""

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from partybrand.brands.models import Brand
from partybrand.orgs.exports import org_template_workbook
from partybrand.orgs.models import Organization
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser

LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120">'
    '<circle cx="60" cy="60" r="56" fill="#C8102E"/>'
    '<text x="60" y="78" font-size="48" text-anchor="middle" fill="#FFD700">引</text></svg>'
)


def filled_template(tmp_path: Path, rows: list[list]) -> Path:
    """The downloadable template, filled in below its header as a user would."""
    workbook = openpyxl.load_workbook(io.BytesIO(org_template_workbook()))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)  # the user replaces the example row with real rows
    for row in rows:
        sheet.append(row)
    path = tmp_path / "组织.xlsx"
    workbook.save(path)
    return path


def test_import_refuses_a_bad_file_row_by_row_then_accepts_the_fixed_one(
    live_server, live_world, page, tmp_path
):
    before = Organization.objects.count()
    bad = filled_template(
        tmp_path,
        [
            ["T112", "检修二班党支部", "党支部", "T11"],
            ["T113", "", "党支部", "T11"],  # no name
            ["T114", "营销党支部", "党委", "T11"],  # unknown kind
            ["T115", "外部党支部", "党支部", "T21"],  # outside the user's reach
        ],
    )
    sign_in(page, live_server, "midadmin")
    page.goto(f"{live_server.url}/orgs/import/")
    page.set_input_files("input[type=file]", str(bad))
    page.click("text=检查并导入")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(3)
    expect(page.locator("#import-errors")).to_contain_text("第 3 行")
    expect(page.locator("#import-errors")).to_contain_text("第 4 行")
    expect(page.locator("#import-errors")).to_contain_text("第 5 行")
    shot(page, "import-refused")
    assert Organization.objects.count() == before  # nothing half-imported

    good = filled_template(
        tmp_path,
        [
            ["T112", "检修二班党支部", "党支部", "T11"],
            ["T1121", "检修二班第一党小组", "党小组", "T112"],
        ],
    )
    page.set_input_files("input[type=file]", str(good))
    page.click("text=检查并导入")
    expect(page.locator(".alert-success")).to_contain_text("新增组织 2 个")
    assert Organization.objects.count() == before + 2

    page.goto(f"{live_server.url}/orgs/")
    page.click(f"[aria-label='展开 {live_world.committee_a.name}']")
    page.click(f"[aria-label='展开 {live_world.general_branch.name}']")
    expect(page.locator("#org-tree")).to_contain_text("检修二班党支部")
    shot(page, "tree-after-import")


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
