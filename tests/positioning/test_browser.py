"""The branch secretary takes stock, writes the positioning conclusion, prints and exports."""

import re

import docx
import pytest
from docx.oxml.ns import qn
from playwright.sync_api import expect

from partybrand.positioning.models import PositioningNote, Practice
from tests.browser import SHOTS, shot, sign_in
from tests.helpers import pdf_bytes
from tests.positioning.helpers import benchmark_compared, survey_with_answers

pytestmark = pytest.mark.browser

EVIDENCE_PDF = pdf_bytes()


def outline_level(paragraph) -> str | None:
    level = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    return None if level is None else level.get(qn("w:val"))


def test_secretary_takes_stock_concludes_prints_and_exports(
    live_server, live_world, page, tmp_path
):
    survey_with_answers(
        live_world,
        [
            ("安全生产，匠心检修", ("匠心检修", "精益检修 匠心守护")),
            ("党员带头攻坚", ("红色引擎", "")),
        ],
    )
    benchmark_compared(
        live_world, learn="党员责任区划分清楚", differ="我们突出检修技能和设备可靠性"
    )
    evidence = tmp_path / "三个一台账.pdf"
    evidence.write_bytes(EVIDENCE_PDF)

    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/brands/{live_world.brand.pk}/")
    page.click("#positioning >> text=内部梳理")
    expect(page.locator("h1")).to_contain_text("内部梳理")

    page.fill("#id_name", "“三个一”安全工作法")
    page.fill("#id_description", "每天一次安全提醒、每周一次隐患排查、每月一次案例复盘。")
    page.fill("#id_since", "2021")
    page.fill("#id_effect", "连续 1000 天无人身伤害事故。")
    page.check("#id_is_method_candidate")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("#practice-add button:has-text('添加做法')")
    expect(page.locator(".alert-success")).to_contain_text("已添加做法")
    expect(page.locator("#practices")).to_contain_text("工作法候选")
    expect(page.locator("#practices a:has-text('三个一台账')")).to_be_visible()

    for side, category, text in [
        ("strength", "team", "青年骨干多，技术过硬"),
        ("weakness", "business", "做法与生产指标结合不紧"),
    ]:
        page.click("#swot-add summary")
        page.select_option("#id_side", side)
        page.select_option("#id_category", category)
        page.fill("#id_text", text)
        page.click("#swot-add button:has-text('添加')")
        expect(page.locator(f"#swot-{side}")).to_contain_text(text)
    expect(page.locator("[data-testid=score-placeholder]")).to_contain_text("尚无已评定的测评")
    shot(page, "positioning-inventory")

    page.click("text=定位报告")
    page.fill(
        "#id_conclusion",
        "立足检修主业，以“匠心”为品牌内核。\n把“三个一”安全工作法提炼为品牌工作法。",
    )
    page.click("button:has-text('保存定位结论')")
    expect(page.locator("[data-testid=conclusion-text]")).to_contain_text("以“匠心”为品牌内核")
    expect(page.locator("#surveys")).to_contain_text("答卷 2 份")
    expect(page.locator("#benchmarks")).to_contain_text("我们突出检修技能和设备可靠性")
    shot(page, "positioning-summary")
    assert PositioningNote.objects.get(brand=live_world.brand).conclusion.startswith("立足检修主业")

    with page.expect_download() as info:
        page.click("[data-testid=export-docx]")
    download = info.value
    assert download.suggested_filename == "红色引擎-品牌定位报告.docx"
    saved = SHOTS / "positioning-summary.docx"
    download.save_as(saved)
    document = docx.Document(str(saved))
    headings = [p.text for p in document.paragraphs if outline_level(p) == "0"]
    assert headings == [
        "一、基本情况",
        "二、调研情况",
        "三、内部梳理",
        "四、标杆对比",
        "五、定位结论",
    ]
    assert "“三个一”安全工作法" in document.tables[0].rows[1].cells[1].text

    page.goto(f"{live_server.url}/positioning/brand/{live_world.brand.pk}/inventory/")
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("button:has-text('打印')")).to_be_hidden()
    expect(page.locator("#practice-add")).to_be_hidden()
    expect(page.locator("#practices")).to_contain_text("三个一台账")
    shot(page, "positioning-inventory-print")
    pdf = page.pdf(format="A4", path=str(SHOTS / "positioning-inventory-print.pdf"))
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 3  # 做法 · 荣誉与评分 · 优势与不足, each section on its own page
    assert Practice.objects.get().evidence.count() == 1
