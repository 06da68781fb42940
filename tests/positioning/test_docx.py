"""The positioning summary exported as .docx, read back with python-docx as Word would read it."""

import io
import re
from urllib.parse import unquote

import docx
from django.urls import reverse
from docx.oxml.ns import qn

from partybrand.brands.services import honour_add
from partybrand.core.docx_helpers import OfficialDocument, chinese_number
from partybrand.positioning import services
from tests.helpers import login
from tests.permissions.cases.positioning import make_practice
from tests.positioning.helpers import benchmark_compared, survey_with_answers

CJK = re.compile(r"[\u4e00-\u9fff]")


def exported(world, persona="member") -> tuple[docx.document.Document, object]:
    response = login(world, persona).get(
        reverse("positioning:summary_export", args=[world.brand.pk])
    )
    assert response.status_code == 200
    content = response.content
    return docx.Document(io.BytesIO(content)), response


def filled_world(world):
    survey_with_answers(
        world,
        [("安全生产，匠心", ("匠心检修", "精益检修")), ("安全生产", ("匠心检修", ""))],
    )
    make_practice(world)
    services.practice_update(
        actor=world.secretary, practice=world.brand.practices.get(), is_method_candidate=True
    )
    honour_add(
        actor=world.secretary, brand=world.brand, title="先进基层党组织", level="group", year=2024
    )
    services.swot_create(
        actor=world.secretary,
        brand=world.brand,
        side="strength",
        category="team",
        text="青年骨干多",
    )
    services.swot_create(
        actor=world.secretary, brand=world.brand, side="weakness", text="品牌载体少"
    )
    benchmark_compared(world, learn="责任区划分清楚", differ="我们突出检修技能")
    services.conclusion_save(
        actor=world.secretary, brand=world.brand, conclusion="立足检修主业。\n突出“匠心”特色。"
    )


def table_with(document, header: list[str]):
    for table in document.tables:
        if [cell.text for cell in table.rows[0].cells] == header:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table headed {header}")


def all_runs(document):
    for paragraph in document.paragraphs:
        yield from paragraph.runs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield from paragraph.runs
    for section in document.sections:
        for paragraph in section.footer.paragraphs:
            yield from paragraph.runs


def test_the_export_is_a_word_file_named_after_the_brand(world):
    _, response = exported(world)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "红色引擎-品牌定位报告.docx" in unquote(response["Content-Disposition"])


def outline_level(paragraph) -> str | None:
    """Headings carry their outline level (the navigation pane of Word and WPS)."""
    level = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    return None if level is None else level.get(qn("w:val"))


def test_the_document_has_the_title_and_numbered_headings_in_order(world):
    filled_world(world)
    document, _ = exported(world)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "“红色引擎”党建品牌定位报告"
    headings = [p.text for p in document.paragraphs if outline_level(p) == "0"]
    assert headings == [
        "一、基本情况",
        "二、调研情况",
        "三、内部梳理",
        "四、标杆对比",
        "五、定位结论",
    ]
    subheadings = [p.text for p in document.paragraphs if outline_level(p) == "1"]
    assert subheadings[0] == "（一）“红色引擎”品牌创建意见征集"
    assert subheadings[1:] == [
        "（一）已有做法与工作法",
        "（二）荣誉",
        "（三）优势与不足",
        "（四）标准化建设评分",
    ]
    body = "\n".join(texts)
    assert "党组织：支部A" in body and "品牌口号：党建引领" in body
    assert "共收到答卷2份，目标人群10人，参与率20%" in body
    assert "意见高频词：安全生产（2）" in body and "名称建议：“匠心检修”2人" in body
    assert "尚无已评定的测评" in body
    assert "立足检修主业。" in texts and "突出“匠心”特色。" in texts


def test_the_tables_hold_the_practices_honours_swot_and_benchmarks(world):
    filled_world(world)
    document, _ = exported(world)
    practice = table_with(document, ["序号", "做法名称", "主要做法", "取得成效"])
    assert practice[0][0] == "1" and "“三个一”安全工作法" in practice[0][1]
    assert "★工作法候选" in practice[0][1] and "（2021年起）" in practice[0][1]
    assert "佐证材料1份" in practice[0][3]
    assert table_with(document, ["年份", "荣誉名称", "级别", "授予单位"]) == [
        ["2024", "先进基层党组织", "集团级", "—"]
    ]
    assert table_with(document, ["类型", "方面", "要点", "说明"]) == [
        ["优势", "队伍建设", "青年骨干多", "—"],
        ["不足", "其他", "品牌载体少", "—"],
    ]
    assert table_with(document, ["标杆品牌", "学什么", "我们的差异"]) == [
        ["红色先锋\n（某省电力公司）", "责任区划分清楚", "我们突出检修技能"]
    ]


def test_tables_have_borders_a_repeated_header_and_rows_that_do_not_split(world):
    filled_world(world)
    document, _ = exported(world)
    for table in document.tables:
        tbl_pr = table._tbl.tblPr
        borders = tbl_pr.find(qn("w:tblBorders"))
        assert {child.get(qn("w:val")) for child in borders} == {"single"} and len(borders) == 6
        tags = [child.tag for child in tbl_pr]
        assert tags.index(qn("w:tblBorders")) < tags.index(qn("w:tblLook"))  # schema order
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_every_run_with_chinese_text_names_its_east_asian_font(world):
    filled_world(world)
    document, _ = exported(world)
    checked = 0
    for run in all_runs(document):
        if not CJK.search(run.text) and run.text.strip() not in ("—", "— ", " —"):
            continue
        fonts = run._element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) in (
            "方正小标宋简体",
            "黑体",
            "仿宋_GB2312",
            "楷体_GB2312",
            "宋体",
        ), run.text
        assert fonts.get(qn("w:eastAsiaTheme")) is None
        checked += 1
    assert checked > 40
    heading = next(p for p in document.paragraphs if p.text == "二、调研情况")
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_the_page_is_a4_with_official_margins_and_page_numbers(world):
    document, _ = exported(world)
    section = document.sections[0]
    size = section._sectPr.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")  # Word's A4, twips
    assert size.get(qn("w:orient")) in (None, "portrait")
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    footer = section.footer.paragraphs[0]
    assert footer.text == "— 1 —"
    assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))


def test_an_empty_summary_still_exports_and_says_what_is_missing(world):
    document, _ = exported(world)
    body = "\n".join(p.text for p in document.paragraphs)
    assert "尚未开展问卷调研" in body and "尚未梳理已有做法" in body
    assert "尚未选取标杆品牌进行对比" in body and "定位结论尚未填写" in body
    assert not document.tables


def test_headings_count_in_chinese():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 35)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "三十五",
    ]
    doc = OfficialDocument(title="测试")
    doc.heading("甲")
    doc.subheading("子")
    doc.heading("乙")
    assert doc.subheading("丑").text == "（一）丑"
    assert [p.text for p in doc.doc.paragraphs] == ["一、甲", "（一）子", "二、乙", "（一）丑"]
