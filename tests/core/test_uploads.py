"""Logos and attachments are judged by their content and size."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partybrand.brands.services import attachment_add, brand_set_logo
from partybrand.core.uploads import check_attachment, check_logo, sanitise_svg
from tests.permissions.cases.pages import PNG_1PX

EVIL_SVG = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="100" height="100" onload="alert(1)">
  <script>alert('x')</script>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
  <a href="javascript:alert(2)"><circle cx="50" cy="50" r="40" fill="#C8102E"/></a>
  <image href="http://evil.example/x.png"/>
  <use xlink:href="http://evil.example/s.svg#a"/>
  <rect width="10" height="10" style="fill:url(http://evil.example/p)"/>
  <text x="10" y="60" font-size="30" fill="#FFD700">红</text>
  <circle cx="20" cy="20" r="5" fill="#FFD700" onclick="steal()"/>
</svg>""".encode()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 16, 46)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_svg_is_rebuilt_without_scripts_events_or_links_out():
    clean = sanitise_svg(EVIL_SVG).decode()
    for bad in ("script", "onload", "onclick", "foreignObject", "javascript", "evil.example"):
        assert bad not in clean
    assert "红" in clean and "#FFD700" in clean  # the drawing itself survives


def test_png_and_jpeg_logos_are_accepted_by_content():
    assert check_logo(io.BytesIO(PNG_1PX), max_bytes=10_000).content_type == "image/png"
    checked = check_logo(SimpleUploadedFile("x.svg", jpeg_bytes()), max_bytes=10_000)
    assert checked.content_type == "image/jpeg"  # the name lies; the content decides


@pytest.mark.parametrize(
    "payload",
    [b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", b"MZ\x90\x00 not an image", b"<html>hi</html>"],
)
def test_other_files_are_refused_as_logos(payload):
    with pytest.raises(ValidationError, match="PNG、JPEG 或 SVG"):
        check_logo(SimpleUploadedFile("logo.png", payload), max_bytes=10_000)


def test_oversized_logo_is_refused():
    with pytest.raises(ValidationError, match="文件过大"):
        check_logo(SimpleUploadedFile("big.png", PNG_1PX + b"\0" * 5000), max_bytes=2048)


def test_executable_renamed_to_pdf_is_refused_as_attachment():
    with pytest.raises(ValidationError, match="仅支持"):
        check_attachment(SimpleUploadedFile("plan.pdf", b"MZ\x90\x00evil"), max_bytes=10_000)


def test_xlsx_is_recognised_by_its_parts():
    import openpyxl

    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "三定任务清单"
    workbook.save(buffer)
    checked = check_attachment(SimpleUploadedFile("a.bin", buffer.getvalue()), max_bytes=10**7)
    assert checked.extension == "xlsx"


def test_logo_upload_through_the_service_stores_a_clean_svg(world):
    brand = brand_set_logo(
        actor=world.secretary,
        brand=world.brand,
        upload=SimpleUploadedFile("logo.svg", EVIL_SVG, content_type="image/svg+xml"),
    )
    assert brand.logo_content_type == "image/svg+xml"
    stored = brand.logo.open("rb").read().decode()
    assert "script" not in stored and "红" in stored


def test_attachment_needs_a_file_or_a_link(world):
    with pytest.raises(ValidationError, match="二选一"):
        attachment_add(actor=world.secretary, brand=world.brand, kind="plan", title="方案")


def test_sanitised_svg_uses_plain_svg_tags():
    assert sanitise_svg(EVIL_SVG).decode().split("?>", 1)[1].lstrip().startswith("<svg ")


@pytest.mark.parametrize(
    "attack",
    [
        '<rect width="9" height="9" fill="URL(https://evil.example/p)"/>',
        '<rect width="9" height="9" style="fill:\\75 rl(https://evil.example/p)"/>',
        '<rect width="9" height="9" style="fill:image-set(\'https://evil.example/p\')"/>',
        '<rect width="9" height="9" style="background:url(https://evil.example/p)"/>',
    ],
)
def test_svg_keeps_no_link_out_whatever_the_spelling(attack):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg">{attack}</svg>'.encode()
    assert "evil.example" not in sanitise_svg(svg).decode()


def test_svg_local_references_and_colours_survive():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g">'
        b'<stop offset="0" stop-color="rgb(200,16,46)"/></linearGradient></defs>'
        b'<rect width="9" height="9" fill="url(#g)" style="stroke:#FFD700;stroke-width:2"/></svg>'
    )
    clean = sanitise_svg(svg).decode()
    assert 'fill="url(#g)"' in clean and "rgb(200,16,46)" in clean and "stroke:#FFD700" in clean


def test_deeply_nested_svg_is_refused_not_crashed():
    svg = '<svg xmlns="http://www.w3.org/2000/svg">' + "<g>" * 3000 + "</g>" * 3000 + "</svg>"
    with pytest.raises(ValidationError, match="过于复杂"):
        sanitise_svg(svg.encode())


def test_a_decompression_bomb_png_is_refused():
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # tiny file, 144 megapixels
    with pytest.raises(ValidationError, match="尺寸过大"):
        check_logo(io.BytesIO(buffer.getvalue()), max_bytes=10**7)
