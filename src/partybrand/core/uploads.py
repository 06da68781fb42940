"""Uploads are judged by their content and size, never by the name or type the browser sends:
each is opened as what it claims to be (an image decoded, a PDF parsed, an Office file's zip and
main part checked: core/documents.py), within limits."""

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree.ElementTree import (  # noqa: S405  (only serialises our own tree)
    Element,
    register_namespace,
    tostring,
)

from defusedxml import ElementTree as SafeET
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from partybrand.core.documents import check_office, check_pdf
from partybrand.textsim.normalize import clean_text

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
register_namespace("", SVG_NS)  # write <svg>, not <ns0:svg>, so the logo can also sit inline
register_namespace("xlink", XLINK_NS)
SVG_ELEMENTS = {
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "defs",
    "linearGradient",
    "radialGradient",
    "stop",
    "title",
    "desc",
    "clipPath",
    "mask",
    "use",
    "symbol",
    "pattern",
}
SVG_ATTRIBUTES = {
    "id",
    "class",
    "d",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "width",
    "height",
    "viewBox",
    "points",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "opacity",
    "transform",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "font-size",
    "font-family",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "clip-path",
    "mask",
    "preserveAspectRatio",
    "version",
    "href",
    "style",
    "clip-rule",
    "patternUnits",
    "letter-spacing",
    "dx",
    "dy",
    "fx",
    "fy",
    "spreadMethod",
}


@dataclass
class CheckedFile:
    content: ContentFile
    content_type: str
    extension: str
    size: int


def _read_limited(upload, max_bytes: int) -> bytes:
    if (getattr(upload, "size", None) or 0) > max_bytes:
        raise ValidationError(f"文件过大：不能超过 {max_bytes // 1024 // 1024 or 1} MB。")
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(f"文件过大：不能超过 {max_bytes // 1024 // 1024 or 1} MB。")
    if not data:
        raise ValidationError("文件为空。")
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


STYLE_PROPERTIES = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "opacity",
    "font-size",
    "font-family",
    "font-weight",
    "font-style",
    "text-anchor",
    "stop-color",
    "stop-opacity",
    "display",
    "visibility",
    "letter-spacing",
    "dominant-baseline",
}
MAX_SVG_DEPTH = 40
MAX_SVG_ELEMENTS = 5000
MAX_IMAGE_PIXELS = 25_000_000  # 5000 × 5000 is far more than any logo needs
IMAGE_TYPES = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg")}
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _safe_value(value: str) -> bool:
    """No way out of the file: no escapes, and no function call but a local url(#id)."""
    lowered = value.lower().replace(" ", "")
    if "\\" in lowered or "&#" in lowered or "javascript:" in lowered or "@" in lowered:
        return False
    calls = lowered.count("(")
    local_urls = lowered.count("url(#")
    allowed_functions = sum(
        lowered.count(f)
        for f in ("rgb(", "rgba(", "translate(", "rotate(", "scale(", "matrix(", "skewx(", "skewy(")
    )
    return calls == local_urls + allowed_functions


def _safe_style(value: str) -> str:
    """Keep only known drawing properties with safe values."""
    kept = []
    for declaration in value.split(";"):
        name, _, prop_value = declaration.partition(":")
        name, prop_value = name.strip().lower(), prop_value.strip()
        if name in STYLE_PROPERTIES and prop_value and _safe_value(prop_value):
            kept.append(f"{name}:{prop_value}")
    return ";".join(kept)


def sanitise_svg(data: bytes) -> bytes:
    """Keep only drawing elements and attributes: no scripts, events, links out or foreign XML."""
    try:
        root = SafeET.fromstring(data)
    except Exception as exc:
        raise ValidationError("SVG 文件无法解析。") from exc
    if _local(root.tag) != "svg":
        raise ValidationError("不是有效的 SVG 图像。")

    count = 0

    def clean(node, depth: int) -> Element | None:
        nonlocal count
        count += 1
        if depth > MAX_SVG_DEPTH or count > MAX_SVG_ELEMENTS:
            raise ValidationError("SVG 结构过于复杂，请导出为简化的标识文件或改用 PNG。")
        name = _local(node.tag)
        if name not in SVG_ELEMENTS:
            return None
        out = Element(f"{{{SVG_NS}}}{name}")
        for key, value in node.attrib.items():
            attr = _local(key)
            if attr not in SVG_ATTRIBUTES:
                continue
            if attr == "href" and not value.startswith("#"):
                continue
            if attr == "style":
                value = _safe_style(value)
                if not value:
                    continue
            elif not _safe_value(value):
                continue
            out.set(f"{{{XLINK_NS}}}href" if key == f"{{{XLINK_NS}}}href" else attr, value)
        out.text = node.text if name in {"text", "tspan", "title", "desc"} else None
        for child in node:
            cleaned = clean(child, depth + 1)
            if cleaned is not None:
                cleaned.tail = None
                out.append(cleaned)
        return out

    cleaned = clean(root, 0)
    if cleaned is None:  # not reached: the root is an <svg>, which is kept
        raise ValidationError("不是有效的 SVG 图像。")
    return tostring(cleaned, encoding="utf-8", xml_declaration=True)


def decode_image(data: bytes) -> str:
    """The format of a PNG or JPEG image ("PNG", "JPEG"), once Pillow has decoded every pixel of
    it within the pixel limit: a forged or truncated image fails here, not in a browser."""
    too_big = "图像尺寸过大：请不超过 5000×5000 像素。"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt, (width, height) = image.format, image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(too_big)
                if fmt not in IMAGE_TYPES:
                    raise ValidationError("图像只能是 PNG 或 JPEG 格式。")
                if fmt == "JPEG":  # decoded at an eighth of its size: every byte read, less memory
                    image.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(too_big) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError("图像文件已损坏或格式不受支持，无法打开。") from exc
    return fmt


def check_logo(upload, *, max_bytes: int) -> CheckedFile:
    """A PNG, JPEG or SVG logo; raster images are decoded, SVG is rebuilt from an allowlist."""
    data = _read_limited(upload, max_bytes)
    head = data[:512].lstrip()
    if head.startswith(b"<") and (b"<svg" in data[:4096] or head.startswith(b"<?xml")):
        clean = sanitise_svg(data)
        return CheckedFile(ContentFile(clean), "image/svg+xml", "svg", len(clean))
    if not data.startswith(IMAGE_MAGIC):
        raise ValidationError("标识只能是 PNG、JPEG 或 SVG 图像。")
    try:
        fmt = decode_image(data)
    except ValidationError as exc:
        if "像素" in exc.messages[0]:
            raise
        raise ValidationError("标识只能是 PNG、JPEG 或 SVG 图像。") from exc
    content_type, extension = IMAGE_TYPES[fmt]
    return CheckedFile(ContentFile(data), content_type, extension, len(data))


def check_attachment(upload, *, max_bytes: int) -> CheckedFile:
    """PDF, Office (docx/xlsx/pptx), PNG or JPEG, recognised by content and opened to prove it:
    a PDF parsed with pages, an Office zip within limits with its main part well-formed, an
    image decoded (core/documents.py, decode_image)."""
    data = _read_limited(upload, max_bytes)
    if data.startswith(b"%PDF-"):
        check_pdf(data)
        return CheckedFile(ContentFile(data), "application/pdf", "pdf", len(data))
    if data.startswith(b"PK\x03\x04"):
        kind = check_office(data, max_bytes=max_bytes)
        return CheckedFile(ContentFile(data), kind.content_type, kind.extension, len(data))
    if data.startswith(IMAGE_MAGIC):
        content_type, extension = IMAGE_TYPES[decode_image(data)]
        return CheckedFile(ContentFile(data), content_type, extension, len(data))
    raise ValidationError("仅支持 PDF、Word、Excel、PowerPoint（新格式）、PNG 和 JPEG 文件。")


def evidence_title(upload) -> str:
    """A proof's title from its file name: 班组台账.pdf → 班组台账."""

    stem = PurePath(getattr(upload, "name", "") or "").stem
    return (clean_text(stem).strip() or "佐证材料")[:100]


def check_evidence_files(uploads, *, max_bytes: int, title=evidence_title):
    """(title, CheckedFile) for every upload, each judged by its content before anything is
    stored: one bad file refuses them all, naming it."""
    checked = []
    for upload in uploads:
        name = title(upload)
        try:
            checked.append((name, check_attachment(upload, max_bytes=max_bytes)))
        except ValidationError as exc:
            raise ValidationError(f"佐证材料“{name}”未上传：{'；'.join(exc.messages)}") from exc
    return checked
