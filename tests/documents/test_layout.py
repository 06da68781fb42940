"""The .docx of a 公文 and of a working paper, read as XML the way Word and WPS read it."""

import io

import docx
import PIL.Image
import pytest

from partybrand.documents.layout import render_docx
from partybrand.documents.layout.blocks import column_widths
from partybrand.documents.spec import Column, Image, Masthead, Table
from tests.documents.sample import NS, notice, paper, parts, text_of, w

FACES = {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}


@pytest.fixture(scope="module")
def gongwen():
    return render_docx(notice())


def body_paragraphs(content: bytes):
    return parts(content)["word/document.xml"].iter(w("p"))


def paragraph_with(content: bytes, text: str, *, exact: bool = False):
    return next(
        p
        for p in body_paragraphs(content)
        if (text_of(p) == text if exact else text_of(p).startswith(text))
    )


def east_asia_of(paragraph) -> set[str]:
    return {f.get(w("eastAsia")) for f in paragraph.iter(w("rFonts"))}


def test_the_page_is_a4_with_the_standard_margins(gongwen):
    document = docx.Document(io.BytesIO(gongwen))
    for section in document.sections:
        if section.page_width < section.page_height:
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
            assert round(section.top_margin.mm) == 37
            assert round(section.bottom_margin.mm) == 35
            assert round(section.left_margin.mm) == 28
            assert round(section.right_margin.mm) == 26
            assert round(section.page_width.mm - 28 - 26) == 156


def test_every_run_names_its_east_asian_face_and_no_theme_font(gongwen):
    xml = parts(gongwen)
    drawn = {
        n: p
        for n, p in xml.items()
        if n == "word/styles.xml" or n.startswith(("word/document", "word/footer", "word/header"))
    }  # noqa: E501
    fonts = [f for part in drawn.values() for f in part.iter(w("rFonts"))]
    assert fonts
    for rfonts in fonts:
        assert rfonts.get(w("eastAsia")), rfonts.attrib
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in rfonts.attrib)
    document = xml["word/document.xml"]
    for run in document.iter(w("r")):
        if run.find(w("t")) is not None and text_of(run).strip():
            face = run.find("w:rPr/w:rFonts", NS)
            assert face is not None and face.get(w("eastAsia")) in FACES
            assert face.get(w("ascii")) == "Times New Roman"


def test_title_body_and_headings_use_the_faces_of_each_level(gongwen):
    assert east_asia_of(paragraph_with(gongwen, "关于开展党建品牌创建工作的通知")) == {
        "方正小标宋简体"
    }
    assert east_asia_of(paragraph_with(gongwen, "一、第1部分")) == {"黑体"}
    assert east_asia_of(paragraph_with(gongwen, "（一）工作目标")) == {"楷体_GB2312"}
    three = paragraph_with(gongwen, "1.分级创建")
    assert east_asia_of(three) == {"仿宋_GB2312"} and three.find(".//w:b", NS) is not None
    assert paragraph_with(gongwen, "（1）细化要求").find(".//w:b", NS) is not None
    body = paragraph_with(gongwen, "为深入贯彻落实")
    assert east_asia_of(body) == {"仿宋_GB2312"}
    spacing = body.find("w:pPr/w:spacing", NS)
    assert (spacing.get(w("lineRule")), spacing.get(w("line"))) == ("exact", "560")  # 28 pt
    assert body.find("w:pPr/w:ind", NS).get(w("firstLine")) == "640"  # two 三号 characters
    assert body.find(".//w:sz", NS).get(w("val")) == "32"  # 三号 16 pt


def test_headings_and_the_signature_are_kept_with_what_follows(gongwen):
    for start in ("一、第1部分", "（一）工作目标", "1.分级创建", "（1）细化要求"):
        assert paragraph_with(gongwen, start).find("w:pPr/w:keepNext", NS) is not None
    signature = paragraph_with(gongwen, "中共测试集团有限公司委员会", exact=True)
    assert signature.find("w:pPr/w:keepNext", NS) is not None
    last_before = paragraph_with(gongwen, "2. 推荐名额分配表")
    assert last_before.find("w:pPr/w:keepNext", NS) is not None


def test_page_numbers_are_on_odd_pages_right_and_even_pages_left(gongwen):
    xml = parts(gongwen)
    assert xml["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    document = xml["word/document.xml"]
    refs = {
        ref.get(w("type")): ref.get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        )
        for ref in document.iter(w("footerReference"))
    }
    assert {"default", "even"} <= set(refs)
    footers = [part for name, part in xml.items() if name.startswith("word/footer")]
    aligns = set()
    for footer in footers:
        instr = "".join(t.text for t in footer.iter(w("instrText")))
        if "PAGE" not in instr:
            continue
        text = text_of(footer).replace(" PAGE ", "")
        assert text.startswith("— ") and text.endswith(" —")
        assert {f.get(w("eastAsia")) for f in footer.iter(w("rFonts"))} == {"宋体"}
        assert footer.find(".//w:sz", NS).get(w("val")) == "28"  # 四号
        aligns.add(footer.find(".//w:jc", NS).get(w("val")))
    assert aligns == {"left", "right"}


def test_the_gongwen_has_its_masthead_and_imprint(gongwen):
    mark = paragraph_with(gongwen, "中共测试集团有限公司委员会文件")
    assert east_asia_of(mark) == {"方正小标宋简体"}
    assert mark.find(".//w:color", NS).get(w("val")) == "E60012"
    number = paragraph_with(gongwen, "测试党委〔2026〕3号")
    assert number.find("w:pPr/w:pBdr/w:bottom", NS).get(w("color")) == "E60012"
    assert paragraph_with(gongwen, "各二级党委、直属党支部：") is not None
    attachment = paragraph_with(gongwen, "附件：1. 党建品牌创建实施方案")
    ind = attachment.find("w:pPr/w:ind", NS)
    assert int(ind.get(w("hanging"))) > 0  # later lines hang under the title
    text = text_of(parts(gongwen)["word/document.xml"])
    assert "抄送：集团公司纪委。" in text
    assert "中共测试集团有限公司委员会党建工作部\t" in text or "2026年9月3日印发" in text
    imprint = next(
        t for t in parts(gongwen)["word/document.xml"].iter(w("tbl")) if "印发" in text_of(t)
    )
    position = imprint.find("w:tblPr/w:tblpPr", NS)
    assert position.get(w("tblpYSpec")) == "bottom"  # at the foot of the last page


def test_appendices_start_on_a_new_page_with_their_label_in_heiti(gongwen):
    label = paragraph_with(gongwen, "附件1")
    assert east_asia_of(label) == {"黑体"}
    previous = label.getprevious()
    assert previous.find(".//w:br", NS).get(w("type")) == "page"
    assert paragraph_with(gongwen, "附件2") is not None


def test_dates_are_written_without_zero_padding(gongwen):
    text = text_of(parts(gongwen)["word/document.xml"])
    assert "2026年9月3日" in text
    assert "2026年09月" not in text and "月03日" not in text


def test_tables_fit_the_text_block_with_a_repeated_header(gongwen):
    document = parts(gongwen)["word/document.xml"]
    tables = [t for t in document.iter(w("tbl")) if t.find("w:tblPr/w:tblpPr", NS) is None]
    assert tables
    for table in tables:
        widths = [int(c.get(w("w"))) for c in table.iter(w("gridCol"))]
        assert sum(widths) * 25.4 / 1440 <= 156.01
        assert table.find("w:tblPr/w:tblLayout", NS).get(w("type")) == "fixed"
        assert table.find("w:tr/w:trPr/w:tblHeader", NS) is not None
        sizes = {s.get(w("val")) for s in table.iter(w("sz")) if s.getparent().tag == w("rPr")}
        assert sizes == {"24"}  # 小四


def test_a_working_paper_has_no_masthead_or_imprint():
    content = render_docx(paper())
    text = text_of(parts(content)["word/document.xml"])
    assert "红色引擎党建品牌创建实施方案" in text
    assert "印发" not in text and "抄送" not in text
    document = parts(content)["word/document.xml"]
    assert not any(c.get(w("val")) == "E60012" for c in document.iter(w("color")))
    assert "2026年12月6日" in text


def test_python_docx_opens_both_layouts():
    for spec in (notice(), paper()):
        document = docx.Document(io.BytesIO(render_docx(spec)))
        assert document.paragraphs[0].text


def test_a_wide_table_gets_landscape_pages_of_its_own():
    spec = paper()
    wide = Table(
        columns=[Column("序号", 14)] + [Column(f"第{n}周", 20) for n in range(1, 13)],
        rows=[["1"] + ["√"] * 12],
        landscape=True,
    )
    spec.sections[0].blocks.append(wide)
    document = docx.Document(io.BytesIO(render_docx(spec)))
    orientations = [(round(s.page_width.mm), round(s.page_height.mm)) for s in document.sections]
    assert orientations == [(210, 297), (297, 210), (210, 297)]
    landscape = document.sections[1]
    text_width = landscape.page_width.mm - landscape.left_margin.mm - landscape.right_margin.mm
    assert round(text_width) == 225
    table = next(t for t in document.tables if len(t.columns) == 13)
    widths = [int(c.get(w("w"))) for c in table._tbl.iter(w("gridCol"))]
    assert sum(widths) * 25.4 / 1440 <= 225.01  # 254 mm asked for, scaled into the text block


def test_given_widths_are_kept_and_the_rest_shares_what_is_left():
    assert column_widths([Column("序号", 14), Column("任务"), Column("时限", 30)], 156) == [
        14,
        112,
        30,
    ]
    squeezed = column_widths([Column("a", 100), Column("b", 100), Column("c")], 156)
    assert round(sum(squeezed), 1) == 156 and squeezed[2] >= 12


def test_an_upward_document_names_its_signer_beside_the_number():
    spec = notice(
        masthead=Masthead(issuer_mark="测试集团党委", number="测试党委〔2026〕5号", signer="张三")
    )
    content = render_docx(spec)
    line = paragraph_with(content, "测试党委〔2026〕5号")
    assert text_of(line) == "测试党委〔2026〕5号签发人：张三"
    assert line.find("w:r/w:tab", NS) is not None  # the 签发人 stands at the right tab
    assert east_asia_of(line) == {"仿宋_GB2312", "楷体_GB2312"}
    assert line.find("w:pPr/w:tabs/w:tab", NS).get(w("val")) == "right"


def test_an_image_is_drawn_within_the_text_block_with_its_caption():
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (200, 100), "red").save(buffer, "PNG")
    spec = paper()
    spec.sections[0].blocks.append(Image(buffer.getvalue(), width_mm=200, caption="品牌标识"))
    document = docx.Document(io.BytesIO(render_docx(spec)))
    (shape,) = document.inline_shapes
    assert round(shape.width.mm) == 156
    assert any(p.text == "品牌标识" for p in document.paragraphs)
