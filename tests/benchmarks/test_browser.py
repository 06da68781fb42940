"""The benchmark library in a real browser: staff import the shared file, a branch secretary on a
phone searches it by word and by pinyin initials and records comparisons for the branch's brand."""

import pytest
from playwright.sync_api import expect

from partybrand.benchmarks.imports import SHARED_FILE
from partybrand.benchmarks.models import Benchmark, Comparison
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def test_staff_import_then_a_secretary_searches_and_records_comparisons(
    live_server, live_world, page, browser, tmp_path
):
    lines = SHARED_FILE.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",2024", ",明年")  # row 4: no year in it
    lines[9] = "," + lines[9].split(",", 1)[1]  # row 10: no name
    bad = tmp_path / "标杆品牌（有误）.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="gbk")
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/benchmarks/import/")
    page.set_input_files("input[type=file]", str(bad))
    page.click("text=检查并导入")
    rows = page.locator("#import-errors tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("第 4 行")
    expect(rows.nth(1)).to_contain_text("第 10 行")
    shot(page, "benchmarks-import-refused")
    assert not Benchmark.objects.exists()

    page.set_input_files("input[type=file]", str(SHARED_FILE))
    page.click("text=检查并导入")
    expect(page.locator(".alert-success")).to_contain_text("新增 131 个")
    expect(page.locator("#result-count")).to_contain_text("共 131 个标杆品牌")
    shot(page, "benchmarks-imported")
    assert Benchmark.objects.count() == 131

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    try:
        sign_in(phone, live_server, "secretary")
        phone.goto(f"{live_server.url}/benchmarks/")
        phone.fill("input[name=q]", "先锋")
        phone.press("input[name=q]", "Enter")
        results = phone.locator("#benchmark-results .benchmark-name")
        expect(results.first).to_have_text("先锋")  # the exact name ranks first
        expect(phone.locator("#benchmark-results")).to_contain_text("忠诚党办·服务先锋")
        expect(phone.locator("#benchmark-results")).to_contain_text("建证·军魂匠心/红色先锋")
        shot(phone, "benchmarks-search-word-phone")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the result list must fit a phone's width"

        phone.fill("input[name=q]", "hsyq")
        phone.press("input[name=q]", "Enter")
        expect(results).to_have_count(1)
        expect(results.first).to_have_text("红色引擎 登高引领")
        shot(phone, "benchmarks-search-initials-phone")

        results.first.click()
        expect(phone.get_by_test_id("benchmark-name")).to_have_text("红色引擎 登高引领")
        expect(phone.locator("text=中铁十一局集团有限公司党委").first).to_be_visible()
        shot(phone, "benchmarks-detail-phone")
        phone.click("#compare-link")  # 记入“红色引擎”的对标
        expect(phone.locator("#pick-results input[type=radio]:checked")).to_have_count(1)
        phone.fill("#id_learn", "学习“登高引领”：党员在急难险重任务中带头攀登")
        phone.fill("#id_differ", "我们面向供电服务一线，突出“引擎”带动业务")
        phone.click("text=保存对标")
        expect(phone.locator(".alert-success")).to_contain_text("红色引擎 登高引领")

        # A second benchmark through the search-as-you-type field.
        phone.fill("#pick-q", "fwxf")
        options = phone.locator("#pick-results label")
        expect(options).to_have_count(2)
        expect(options.first).to_contain_text("忠诚党办·服务先锋")
        options.first.locator("input").check()
        phone.fill("#id_learn", "党办服务一线的做法")
        phone.fill("#id_differ", "突出电力行业特色")
        shot(phone, "benchmarks-picker-phone")
        phone.click("text=保存对标")
        expect(phone.locator("#comparisons .comparison")).to_have_count(2)
        expect(phone.locator("#comparisons")).to_contain_text("党办服务一线的做法")
        shot(phone, "benchmarks-comparisons-phone")
        phone.click("#back-to-brand")
        expect(phone.get_by_test_id("brand-name")).to_have_text(live_world.brand.name)
    finally:
        context.close()
    recorded = Comparison.objects.filter(brand=live_world.brand).select_related("benchmark")
    assert {c.benchmark.name for c in recorded} == {"红色引擎 登高引领", "忠诚党办·服务先锋"}
    assert {c.created_by for c in recorded} == {live_world.secretary}
