"""PDF and Office (docx, xlsx, pptx) attachments judged by opening them, within limits.

A file is not a PDF because it starts with "%PDF-", nor a Word document because its zip holds a
name starting with "word/". A PDF is parsed by pypdf (within pypdf's own limits on stream sizes
and objects) and must have pages; an Office file's zip must be within size and ratio limits,
have safe names, declare its parts in [Content_Types].xml, name its main part in _rels/.rels,
and that part must be well-formed XML of the expected kind (read with defusedxml, streaming).
"""

from dataclasses import dataclass
from io import BytesIO

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from partybrand.core.archives import MB, Deadline, ZipLimits, open_zip

MAX_PDF_PAGES = 5000
MAX_OFFICE_UNCOMPRESSED = 100 * MB  # a 20 MB document unzipping to 200 MB is refused
MAX_OFFICE_PART = 64 * MB
MAX_OFFICE_RATIO = 100
MAX_CONTROL_PART = MB  # [Content_Types].xml and _rels/.rels
MAX_MAIN_PART_ELEMENTS = 2_000_000
CHECK_SECONDS = 10.0

PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "/officeDocument"  # the end of the main part's relationship type


@dataclass(frozen=True)
class OfficeKind:
    content_type: str  # what the file is served as
    extension: str
    root: str  # the main part's root element


OOXML = "application/vnd.openxmlformats-officedocument."
MAIN_TYPES = {  # the main part's declared type → what the file is
    f"{OOXML}{kind}.main+xml": OfficeKind(f"{OOXML}{kind}", extension, root)
    for kind, extension, root in (
        ("wordprocessingml.document", "docx", "document"),
        ("spreadsheetml.sheet", "xlsx", "workbook"),
        ("presentationml.presentation", "pptx", "presentation"),
    )
}
MACRO_MARK = "macroenabled"

NOT_PDF = "PDF 文件已损坏或不是真正的 PDF，无法打开。"
NOT_OFFICE = "文件不是有效的 Word、Excel 或 PowerPoint（新格式）文件，无法打开。"


def check_pdf(data: bytes) -> int:
    """The number of pages of the PDF in `data`, once pypdf has opened it."""
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
        pages = len(reader.pages)
    except (FileNotDecryptedError, DependencyError) as exc:
        raise ValidationError(
            "PDF 已加密，无法检查其内容，请另存为不加密的 PDF 后再上传。"
        ) from exc
    except Exception as exc:  # pypdf raises many kinds (and RecursionError) on forgeries
        raise ValidationError(NOT_PDF) from exc
    if pages < 1:
        raise ValidationError("PDF 文件没有任何页面。")
    if pages > MAX_PDF_PAGES:
        raise ValidationError(f"PDF 有 {pages} 页，超过 {MAX_PDF_PAGES} 页的上限。")
    return pages


def _tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _control_part(archive, name: str):
    """A small control part parsed whole with defusedxml (no DTD, no entities)."""
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise ValidationError(NOT_OFFICE) from exc
    if info.file_size > MAX_CONTROL_PART:
        raise ValidationError(NOT_OFFICE)
    try:
        return SafeET.fromstring(archive.read(name), forbid_dtd=True)
    except (SafeET.ParseError, DefusedXmlException, ValueError) as exc:
        raise ValidationError(NOT_OFFICE) from exc


def _main_part(archive) -> str:
    rels = _control_part(archive, "_rels/.rels")
    for rel in rels.iter(f"{{{PACKAGE_RELS}}}Relationship"):
        if rel.get("Type", "").endswith(OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            return rel.get("Target", "").lstrip("/")
    raise ValidationError(NOT_OFFICE)


def _declared_type(archive, part: str) -> str:
    types = _control_part(archive, "[Content_Types].xml")
    if _tag(types) != "Types":
        raise ValidationError(NOT_OFFICE)
    for override in types:
        if _tag(override) != "Override":
            continue
        if override.get("PartName", "").lstrip("/") == part:
            return override.get("ContentType", "")
    return ""


def _read_main_part(archive, part: str, root: str, deadline: Deadline) -> None:
    """The main part streamed with defusedxml's iterparse, its elements dropped as read."""
    count = 0
    try:
        with archive.open(part) as stream:
            events = SafeET.iterparse(stream, events=("start", "end"), forbid_dtd=True)
            for event, element in events:
                if event == "start":
                    count += 1
                    if count == 1 and _tag(element) != root:
                        raise ValidationError(NOT_OFFICE)
                    if count > MAX_MAIN_PART_ELEMENTS:
                        raise ValidationError(
                            f"文档内容的元素超过 {MAX_MAIN_PART_ELEMENTS} 个的上限，已拒绝。"
                        )
                    if count % 10_000 == 0:
                        deadline.check()
                else:
                    element.clear()
    except ValidationError:
        raise
    except Exception as exc:  # not XML, DTDs, entities, a checksum that fails
        raise ValidationError(NOT_OFFICE) from exc
    if count == 0:
        raise ValidationError(NOT_OFFICE)


def check_office(data: bytes, *, max_bytes: int) -> OfficeKind:
    """What kind of Office file `data` is (docx, xlsx or pptx), once its zip and main part are
    within limits and well-formed; ValidationError otherwise."""
    limits = ZipLimits(
        total=max(MAX_OFFICE_UNCOMPRESSED, 2 * max_bytes),
        part=max(MAX_OFFICE_PART, max_bytes),
        ratio=MAX_OFFICE_RATIO,
    )
    deadline = Deadline(CHECK_SECONDS)
    with open_zip(data, limits) as archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names:
            raise ValidationError(NOT_OFFICE)
        part = _main_part(archive)
        declared = _declared_type(archive, part).lower()
        if MACRO_MARK in declared or any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ValidationError("不接受含有宏的 Office 文件，请另存为不含宏的格式后再上传。")
        kind = next((k for t, k in MAIN_TYPES.items() if t == declared), None)
        if kind is None or part not in names:
            raise ValidationError(NOT_OFFICE)
        _read_main_part(archive, part, kind.root, deadline)
    return kind
