"""Attachments are opened as what they claim to be before they are stored. Before, a file was a
PDF if it started with "%PDF-" (then HTML), and a .docx if its zip held a name starting with
"word/": a fake one, and one that unzipped to 200 MB, were stored."""

import io
import struct
import time
import zipfile
import zlib

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from partybrand.brands.models import Attachment
from partybrand.brands.services import attachment_add
from partybrand.core import documents
from partybrand.core.uploads import check_attachment
from tests.helpers import pdf_bytes

MB = 1024 * 1024
OOXML = "application/vnd.openxmlformats-officedocument."
WORD_MAIN = f"{OOXML}wordprocessingml.document.main+xml"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def checked(data: bytes, name="材料.bin", max_bytes=20 * MB):
    return check_attachment(SimpleUploadedFile(name, data), max_bytes=max_bytes)


def refused(data: bytes, name="材料.bin", max_bytes=20 * MB) -> str:
    with pytest.raises(ValidationError) as exc:
        checked(data, name, max_bytes)
    return exc.value.messages[0]


# ---------------------------------------------------------------- PDF


def test_a_real_pdf_is_accepted():
    assert checked(pdf_bytes(), "台账.pdf").content_type == "application/pdf"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n<html><script>alert(1)</script></html>",
        b"%PDF-1.4\n%evidence\n",
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        pdf_bytes()[:200],  # cut short
    ],
    ids=["html", "header-only", "no-pages-tree", "truncated"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(data):
    assert refused(data, "台账.pdf") == "PDF 文件已损坏或不是真正的 PDF，无法打开。"


def _pdf(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_without_pages_is_refused():
    assert refused(_pdf(PdfWriter())) == "PDF 文件没有任何页面。"


def test_a_pdf_that_needs_a_password_is_refused_and_one_locked_for_editing_only_passes():
    locked = PdfWriter()
    locked.add_blank_page(595, 842)
    locked.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    assert "PDF 已加密" in refused(_pdf(locked))
    editing = PdfWriter()
    editing.add_blank_page(595, 842)
    editing.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    assert checked(_pdf(editing)).extension == "pdf"


def test_too_many_pages_are_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_PDF_PAGES", 2)
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    assert refused(_pdf(writer)) == "PDF 有 3 页，超过 2 页的上限。"


# ---------------------------------------------------------------- Office


def office_zip(parts: dict[str, bytes | str], *, level=6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buffer.getvalue()


def word_parts(document: bytes | str, main_type: str = WORD_MAIN) -> dict:
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": document,
    }


BODY = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>三会一课记录</w:t></w:r></w:p></w:body></w:document>"
)


def test_real_word_excel_and_powerpoint_files_are_accepted():
    word = io.BytesIO()
    docx.Document().save(word)
    assert checked(word.getvalue()).extension == "docx"
    sheet = io.BytesIO()
    openpyxl.Workbook().save(sheet)
    assert checked(sheet.getvalue()).extension == "xlsx"
    slides = word_parts(
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
        f"{OOXML}presentationml.presentation.main+xml",
    )
    assert checked(office_zip(slides)).extension == "pptx"
    assert checked(office_zip(word_parts(BODY))).content_type == f"{OOXML}wordprocessingml.document"


def test_a_zip_with_office_like_names_is_refused():
    fake = office_zip({"[Content_Types].xml": "junk", "word/evil.exe": b"MZ\x90\x00"})
    assert refused(fake, "报告.docx").startswith("文件不是有效的 Word、Excel 或 PowerPoint")


@pytest.mark.parametrize(
    "document",
    [
        b"MZ\x90\x00 an executable",
        "<w:document xmlns:w='x'><w:body>",  # cut short
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document>&a;</w:document>',
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>not a document</body></html>',
    ],
    ids=["binary", "unclosed", "entities", "wrong-root"],
)
def test_a_main_part_that_is_not_the_documents_xml_is_refused(document):
    assert refused(office_zip(word_parts(document))).startswith("文件不是有效的 Word")


def test_a_missing_main_part_is_refused():
    parts = word_parts(BODY)
    del parts["word/document.xml"]
    assert refused(office_zip(parts)).startswith("文件不是有效的 Word")


def test_a_document_with_macros_is_refused():
    macro = word_parts(BODY, "application/vnd.ms-word.document.macroEnabled.main+xml")
    assert "含有宏" in refused(office_zip(macro))
    hidden = {**word_parts(BODY), "word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}
    assert "含有宏" in refused(office_zip(hidden))


def test_a_name_leading_out_of_the_archive_is_refused():
    parts = {**word_parts(BODY), "../../evil.sh": "rm -rf /"}
    assert refused(office_zip(parts)) == "文件中含有不安全的路径名，已拒绝。"


def test_a_document_unzipping_to_200_mb_is_refused_at_once():
    padding = "<w:p><w:r><w:t>  </w:t></w:r></w:p>" * (200 * MB // 36)
    bomb = office_zip(word_parts(BODY.replace("<w:body>", "<w:body>" + padding)), level=1)
    assert len(bomb) < 2 * MB
    started = time.perf_counter()
    message = refused(bomb, "报告.docx")
    assert time.perf_counter() - started < 0.5
    assert "解压后是压缩时的" in message and "超过 100 倍的上限" in message


def test_a_document_whose_parts_add_up_beyond_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_OFFICE_UNCOMPRESSED", MB)
    photos = {f"word/media/image{i}.png": bytes(range(256)) * 1024 for i in range(5)}
    message = refused(office_zip({**word_parts(BODY), **photos}), max_bytes=100_000)
    assert message.startswith("文件解压后共 1.3 MB，超过 1 MB 的上限")


# ---------------------------------------------------------------- images


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 16, 46)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_real_photo_is_accepted():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 16, 46)).save(buffer, "JPEG")
    assert checked(buffer.getvalue(), "现场.jpg").content_type == "image/jpeg"
    assert checked(png(20, 20), "现场.png").content_type == "image/png"


def test_a_truncated_image_is_refused_because_it_is_decoded():
    data = png(400, 400)
    assert "图像文件已损坏" in refused(data[: len(data) // 2], "现场.png")


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_an_image_claiming_too_many_pixels_is_refused_before_decoding():
    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0)
    forged = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
    forged += png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + png_chunk(b"IEND", b"")
    assert refused(forged, "现场.png") == "图像尺寸过大：请不超过 5000×5000 像素。"


# ---------------------------------------------------------------- through a service


def test_a_fake_pdf_attached_to_a_brand_is_not_stored(world):
    fake = SimpleUploadedFile("创建方案.pdf", b"%PDF-1.4\n<html>not a pdf</html>")
    with pytest.raises(ValidationError, match="不是真正的 PDF"):
        attachment_add(
            actor=world.secretary, brand=world.brand, kind="plan", title="方案", upload=fake
        )
    assert not Attachment.objects.exists()
