"""The text of an uploaded document (.docx, .pdf, .txt), read within limits: the file's size is
judged on upload, its pages and the length of its text when parsed (in the background: a long
PDF takes seconds). Pages of a PDF are kept apart by form feeds, so passages name their page."""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import ValidationError
from docx import Document as WordDocument
from pypdf import PdfReader

from partybrand.core.documents import check_office, check_pdf

MB = 1024 * 1024
MAX_BYTES = 20 * MB
MAX_PAGES = 500
MAX_CHARS = 500_000
EXTENSIONS = ("docx", "pdf", "txt")
TXT_ENCODINGS = ("utf-8-sig", "gb18030")


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(name: str, size: int) -> str:
    """The file's kind, or ValidationError for a kind or size the platform does not read."""
    ext = extension_of(name)
    if ext not in EXTENSIONS:
        raise ValidationError("只能上传 .docx、.pdf 或 .txt 文件。")
    if size > MAX_BYTES:
        raise ValidationError(f"文件超过 {MAX_BYTES // MB} MB 的上限。")
    if size == 0:
        raise ValidationError("文件是空的。")
    return ext


def parse(name: str, data: bytes) -> tuple[str, int]:
    """(text, pages) of the document; ValidationError saying why when it cannot be read."""
    ext = check_upload(name, len(data))
    if ext == "txt":
        text, pages = _txt(data), 1
    elif ext == "docx":
        check_office(data, max_bytes=MAX_BYTES)
        text, pages = _docx(data), 1
    else:
        pages = check_pdf(data)
        if pages > MAX_PAGES:
            raise ValidationError(f"PDF 有 {pages} 页，超过 {MAX_PAGES} 页的上限。")
        text = _pdf(data)
    text = text.replace("\x00", "").strip()
    if not text.replace("\f", "").strip():
        raise ValidationError("文件中没有可以读取的文字（扫描件请先转为文字版）。")
    if len(text) > MAX_CHARS:
        raise ValidationError(f"文件文字超过 {MAX_CHARS} 字的上限，请拆分后上传。")
    return text, pages


def _txt(data: bytes) -> str:
    for encoding in TXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("文本文件的编码无法识别，请另存为 UTF-8 后上传。")


def _docx(data: bytes) -> str:
    try:
        document = WordDocument(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on broken files
        raise ValidationError("Word 文件无法读取。") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf(data: bytes) -> str:
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds on forgeries
        raise ValidationError("PDF 文件的文字无法读取。") from exc
    return "\f".join(pages)
