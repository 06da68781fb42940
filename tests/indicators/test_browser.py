"""The 党建工作部 imports a hand-made indicator table in the browser, reads the refusal for a
table that does not add up, balances the points in the editor, publishes and starts version 2."""

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from partybrand.indicators.models import IndicatorSystem
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser

ROWS = [
    ["体系名称", "甲公司党支部工作考评标准"],
    ["总分", "100分"],
    ["星级标准", "五星级党支部≥95；四星级党支部≥90；三星级党支部≥80"],
    [],
    ["编码", "一级指标", "二级指标", "分值", "计分方式", "评分标准", "佐证材料", "评价方式"],
    ["1", "组织建设", "", "40", "扣分", "", "", ""],
    ["1.1", "", "支委会健全", "20", "扣分", "委员缺额未增补扣 5 分", "换届批复", "查资料"],
    ["1.2", "", "党小组设置", "20分", "扣分", "未划分党小组扣 10 分", "", "查资料、现场查看"],
    ["2", "组织生活", "", "60", "扣分", "", "", ""],
    ["2.1", "", "三会一课", "30", "扣分", "每缺 1 次扣 1 分", "会议记录", "查台账"],
    ["2.2", "", "主题党日", "30", "扣分", "每缺 1 次扣 2 分", "活动记录", "查台账、平台数据"],
]


def write_table(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return str(path)


def test_import_balance_publish_and_new_version(live_server, live_world, page, tmp_path):
    bad_rows = [list(r) for r in ROWS]
    bad_rows[9][3] = "28"  # 2.1 三会一课: the 一级 on row 9 no longer adds up
    bad = write_table(tmp_path / "考评标准-有误.xlsx", bad_rows)
    good = write_table(tmp_path / "考评标准.xlsx", ROWS)
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in(page, live_server, "committeeadmin")
    page.click("text=重点建设")
    page.click(".dropdown-menu >> text=指标体系")
    page.click("text=从 Excel 导入")
    page.select_option("#id_owner", label="甲公司党委")
    page.set_input_files("#id_file", bad)
    page.click("#import-button")
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("第 9 行")
    expect(errors).to_contain_text(
        "一级指标“2 组织生活”分值 60 分，其下二级指标合计 58 分，相差 2 分。"
    )
    shot(page, "indicators-import-refused")
    assert not IndicatorSystem.objects.exists()

    page.select_option("#id_owner", label="甲公司党委")
    page.set_input_files("#id_file", good)
    page.click("#import-button")
    expect(page.locator(".alert-success")).to_contain_text("已导入")
    tree = page.locator("#tree")
    expect(tree).to_contain_text("支委会健全")
    expect(tree).to_contain_text("每缺 1 次扣 2 分")
    expect(page.locator("#balance")).to_have_attribute("data-state", "ok")

    # A new item under 组织建设 puts it 5 points over; the panel says where.
    page.click("li[data-code='1'] > details.ind-add summary")
    page.locator("li[data-code='1'] > details.ind-add input[name=name]").fill("发展党员")
    page.locator("li[data-code='1'] > details.ind-add input[name=points]").fill("5")
    page.locator("li[data-code='1'] > details.ind-add button").click()
    expect(page.locator("#balance")).to_have_attribute("data-state", "off")
    expect(page.locator("#problems")).to_contain_text(
        "一级指标“1 组织建设”分值 40 分，其下二级指标合计 45 分，相差 5 分。"
    )
    page.click("#publish-button")
    expect(page.locator(".alert-danger")).to_contain_text("未发布")
    shot(page, "indicators-editor-off")

    # Take the 5 points from 党小组设置 until the panel is green.
    page.click("li[data-code='1.2'] a[aria-label^='修改']")
    expect(page.locator("#points-hint")).to_contain_text("本项为 15 分时与上级指标相符")
    page.fill("#id_points", "17")  # the panel beside the form follows as the points are typed
    expect(page.locator("#balance")).to_contain_text("合计 42 分，相差 2 分")
    page.fill("#id_points", "15")
    expect(page.locator("#balance")).to_have_attribute("data-state", "ok")
    expect(page.locator("#balance")).to_contain_text("尚未保存")
    shot(page, "indicators-item-edit")
    page.click("button:has-text('保存')")
    expect(page.locator("#balance")).to_have_attribute("data-state", "ok")
    expect(page.locator("#balance-badge")).to_have_text("全部相符")
    shot(page, "indicators-editor-ok")

    page.click("#publish-button")
    expect(page.locator(".alert-success")).to_contain_text("已发布")
    expect(page.locator("#system-head")).to_contain_text("已发布")
    page.click("#new-version-button")
    expect(page.locator("h1")).to_contain_text("第 2 版")
    expect(page.locator("#system-head")).to_contain_text("草稿")

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    expect(page.locator("#tree")).to_contain_text("发展党员")
    shot(page, "indicators-phone")
    system = IndicatorSystem.objects.get(version=2)
    assert system.indicators.get(name="党小组设置").points == 15
