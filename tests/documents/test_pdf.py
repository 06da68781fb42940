"""The PDF is the .docx printed by LibreOffice: every face embedded, the 版记 at the foot of the
last page, pages that render."""

import io

import pypdf
import pypdfium2 as pdfium
import pytest

from partybrand.documents.layout import render_docx
from partybrand.documents.pdf import PdfEngineError, docx_to_pdf
from tests.documents.sample import notice


@pytest.fixture(scope="module")
def pdf():
    return docx_to_pdf(render_docx(notice()))


def embedded_fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    fonts = {}
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def test_every_face_of_the_pdf_is_embedded(pdf):
    fonts = embedded_fonts(pypdf.PdfReader(io.BytesIO(pdf)))
    assert any("NotoSerifCJK" in name for name in fonts), fonts  # 仿宋 / 小标宋 mapped
    assert any("NotoSansCJK" in name for name in fonts), fonts  # 黑体 mapped
    assert all(fonts.values()), fonts


def test_the_pdf_reads_like_the_docx_with_the_imprint_at_the_foot_of_the_last_page(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    first = reader.pages[0].extract_text()
    assert "测试党委〔2026〕3号" in first  # no space set between Chinese and digits
    assert "一、第1部分" in first
    assert "关于开展党建品牌创建工作的通知" in first
    assert "".join(first.split()).endswith("—1—")  # the page number under the text
    heights = []

    def visitor(text, cm, tm, font, size):
        if "印发" in text:
            heights.append(tm[5])

    last = reader.pages[-1]
    last.extract_text(visitor_text=visitor)
    assert heights, "the imprint is on the last page"
    page_height = float(last.mediabox.height)
    assert heights[0] < page_height * 0.25  # in the lowest quarter: at the foot of the 版心


def test_digits_sit_close_to_the_chinese_around_them(pdf):
    document = pdfium.PdfDocument(pdf)
    try:
        text_page = document[0].get_textpage()
        text = text_page.get_text_range()
        at = text.index("第1部分")
        left = text_page.get_charbox(at)[2]  # 第's right edge
        right = text_page.get_charbox(at + 1)[0]  # 1's left edge
        assert right - left < 3  # a quarter-em (4 pt) would be LibreOffice's autospace
    finally:
        document.close()


def test_every_page_renders(pdf, tmp_path):
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) >= 3
        for index in range(len(document)):
            image = document[index].render(scale=0.5).to_pil()
            assert image.getbbox() is not None
            # Something is drawn on every page: not a blank white page.
            assert image.convert("L").getextrema()[0] < 128
            image.save(tmp_path / f"page{index + 1}.png")
    finally:
        document.close()


def test_a_missing_engine_is_said_in_chinese(settings, monkeypatch):
    monkeypatch.setattr("partybrand.documents.pdf.shutil.which", lambda name: None)
    settings.DOCUMENTS_SOFFICE = ""
    with pytest.raises(PdfEngineError, match="LibreOffice"):
        docx_to_pdf(render_docx(notice()))
