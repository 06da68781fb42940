"""Uploaded documents judged by reading them within limits: Word, PDF (pages kept apart so
passages name their page) and text in UTF-8 or GB18030; what cannot be read is refused with
the reason, and the document is marked 解析失败 rather than indexed."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as WordDocument
from reportlab.pdfgen.canvas import Canvas

from partybrand.core.pdf import cjk_font
from partybrand.knowledge import parsing, services
from partybrand.knowledge.models import Passage


def docx_bytes() -> bytes:
    document = WordDocument()
    document.add_paragraph("第一条 支部每月开展主题党日。")
    document.add_paragraph("第二条 党员按月交纳党费。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "党课"
    table.rows[0].cells[1].text = "每季度一次"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(pages: list[str]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    font = cjk_font()
    for text in pages:
        canvas.setFont(font, 12)
        canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_word_paragraphs_and_tables_are_read():
    text, pages = parsing.parse("规则.docx", docx_bytes())
    assert "第二条 党员按月交纳党费。" in text and "党课 每季度一次" in text and pages == 1


def test_pdf_pages_are_kept_apart_and_named(world):
    data = pdf_bytes(["第一条 主题党日每月一次。", "第二条 党费按月交纳。"])
    upload = SimpleUploadedFile("规则.pdf", data, content_type="application/pdf")
    document = services.document_upload(actor=world.staff, org=world.group, title="", upload=upload)
    document = services.document_parse(document)
    assert (document.state, document.pages, document.title) == ("ready", 2, "规则")
    anchors = list(Passage.objects.filter(source="document").values_list("anchor", flat=True))
    assert anchors == ["第1页 第一条", "第2页 第二条"]


def test_text_in_gb18030_is_read():
    text, _ = parsing.parse("规则.txt", "党员按月交纳党费。".encode("gb18030"))
    assert text == "党员按月交纳党费。"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("规则.doc", b"old word", "只能上传 .docx、.pdf 或 .txt 文件。"),
        ("规则.txt", b"", "文件是空的。"),
        ("规则.txt", b"   \n  ", "文件中没有可以读取的文字"),
        ("规则.pdf", b"%PDF-1.4 not really", "PDF 文件已损坏"),
        ("规则.docx", b"PK\x03\x04 broken", "文件已损坏"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(name, data, reason):
    with pytest.raises(ValidationError) as refused:
        parsing.parse(name, data)
    assert reason in refused.value.messages[0]


def test_limits_of_size_pages_and_length(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_BYTES", 10)
    with pytest.raises(ValidationError, match="MB 的上限"):
        parsing.check_upload("规则.txt", 11)
    monkeypatch.setattr(parsing, "MAX_BYTES", 20 * parsing.MB)
    monkeypatch.setattr(parsing, "MAX_CHARS", 5)
    with pytest.raises(ValidationError, match="字的上限"):
        parsing.parse("规则.txt", "党员按月交纳党费。".encode())
    monkeypatch.setattr(parsing, "MAX_PAGES", 1)
    with pytest.raises(ValidationError, match="页的上限"):
        parsing.parse("规则.pdf", pdf_bytes(["一", "二"]))


def test_a_document_that_cannot_be_read_is_marked_and_not_indexed(world):
    upload = SimpleUploadedFile("规则.pdf", b"%PDF-1.4 broken", content_type="application/pdf")
    document = services.document_upload(
        actor=world.staff, org=world.group, title="坏文件", upload=upload
    )
    document = services.document_parse(document)
    assert document.state == "failed" and "PDF" in document.error
    assert not Passage.objects.exists()
