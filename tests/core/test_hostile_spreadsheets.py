"""A small .xlsx can no longer stall the site. Before, a 267 KB file (135 MB of empty rows) or a
0.97 MB one (283 MB of shared strings), under the old 300 MB unzipped guard, kept a worker busy
until gunicorn killed it at 30 s, with about 1.2 GB of memory. Now every spreadsheet is judged
from its zip directory and its parts streamed with counters before openpyxl parses anything
(core/workbooks.py), and reading is bounded by a row cap and a deadline. The hostile files are
built here (never committed) and refused in well under a second, with little memory."""

import io
import random
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.core import workbooks
from partybrand.core.tabular import ImportRefused
from partybrand.indicators.xlsx_import import read_table
from partybrand.orgs.imports import import_members
from partybrand.orgs.models import Member
from tests.core.test_imports import MEMBER_HEADERS, make_upload
from tests.helpers import client_for

MB = 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def xlsx(sheet_chunks, *, strings_chunks=(), dimension="", extra=None, level=6) -> bytes:
    """A minimal workbook whose sheet (and shared strings) are streamed from byte chunks."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets><sheet name="党员" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/'
            'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="'
            f'{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        with zf.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(f'<worksheet xmlns="{MAIN}">'.encode())
            if dimension:
                part.write(f'<dimension ref="{dimension}"/>'.encode())
            part.write(b"<sheetData>")
            for chunk in sheet_chunks:
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
        with zf.open("xl/sharedStrings.xml", "w") as part:
            head = strings_chunks[0] if strings_chunks else f'<sst xmlns="{MAIN}">'.encode()
            part.write(head)
            for chunk in strings_chunks[1:]:
                part.write(chunk)
            part.write(b"</sst>")
        for name, content in (extra or {}).items():
            zf.writestr(name, content)
    return out.getvalue()


def repeated(unit: bytes, total: int):
    chunk = unit * (64 * 1024 // len(unit) + 1)
    for _ in range(total // len(chunk) + 1):
        yield chunk


@pytest.fixture(scope="module")
def empty_rows_file() -> bytes:
    """About 135 MB of empty, formatted rows in a file of a few hundred KB."""
    return xlsx(repeated(b'<row><c s="1"/><c s="1"/><c s="1"/></row>', 135 * MB))


@pytest.fixture(scope="module")
def shared_strings_file() -> bytes:
    """About 283 MB of shared strings in a file of well under a megabyte."""
    head = f'<sst xmlns="{MAIN}" count="5" uniqueCount="5">'.encode()
    body = repeated("<si><t>党建品牌</t></si>".encode(), 283 * MB)
    return xlsx([b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'], strings_chunks=[head, *body])


def refused_quickly(data: bytes) -> ImportRefused:
    """Refused through the real member import, its memory traced: a peak far below what the
    file unpacks to shows the import stopped reading instead of unpacking it (a wall-clock bound
    would fail on a busy machine and say less)."""
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused) as refused:
            import_members(actor=None, upload=SimpleUploadedFile("党员.xlsx", data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB, peak
    return refused.value


@pytest.fixture
def cap_of_20000_rows(settings):
    """Files judged against a cap of 20,000 data rows (21,000 row numbers), small enough to
    build in a test."""
    settings.IMPORT_MAX_ROWS = 20_000


def test_the_empty_rows_file_is_refused_at_once(empty_rows_file):
    assert len(empty_rows_file) < 600 * 1024
    refused = refused_quickly(empty_rows_file)
    message = refused.errors[0].message
    assert "xl/worksheets/sheet1.xml" in message and "超过 100 倍的上限" in message


def test_the_shared_strings_file_is_refused_at_once(shared_strings_file):
    assert len(shared_strings_file) < MB
    refused = refused_quickly(shared_strings_file)
    assert "超过 100 倍的上限" in refused.errors[0].message


def test_the_import_page_tells_the_limit(world, empty_rows_file):
    client = client_for(world.committee_admin)
    upload = SimpleUploadedFile("党员.xlsx", empty_rows_file)
    response = client.post(reverse("orgs:member_import"), {"file": upload})
    assert "超过 100 倍的上限" in response.content.decode()
    assert not Member.objects.filter(name="").exists()


def random_rows(count: int, *, numbered=True):
    """Rows of varied numbers: they compress like real data, so the ratio does not catch them."""
    rng = random.Random(7)
    for start in range(1, count + 1, 1000):
        yield b"".join(
            (f'<row r="{n}">' if numbered else "<row>").encode()
            + f'<c r="A{n}"><v>{rng.randrange(10**9)}</v></c></row>'.encode()
            for n in range(start, min(start + 1000, count + 1))
        )


def test_a_claimed_dimension_beyond_the_limits_is_refused_before_any_row(world):
    data = xlsx(random_rows(10), dimension="A1:XFD1048576")
    refused = refused_quickly(data)
    assert refused.errors[0].message.startswith(
        "工作表的范围为 A1:XFD1048576（1048576 行 × 16384 列）"
    )


@pytest.mark.parametrize("dimension", ["A1:B2", ""], ids=["lying", "missing"])
def test_rows_beyond_the_cap_are_counted_whatever_the_dimension_says(dimension, cap_of_20000_rows):
    data = xlsx(random_rows(22_000), dimension=dimension)
    refused = refused_quickly(data)
    assert refused.errors[0].message.startswith("工作表超过 21000 行的上限（空行也计算在内）")


def test_rows_without_numbers_are_counted_too(cap_of_20000_rows):
    refused = refused_quickly(xlsx(random_rows(22_000, numbered=False)))
    assert "21000 行的上限" in refused.errors[0].message


def test_a_claimed_number_of_shared_strings_beyond_the_limit_is_refused():
    head = f'<sst xmlns="{MAIN}" count="9000000" uniqueCount="9000000">'.encode()
    refused = refused_quickly(xlsx(random_rows(3), strings_chunks=[head]))
    assert refused.errors[0].message.startswith("文件中的共享文本有 9000000 条")


def test_shared_strings_beyond_the_limit_are_counted_whatever_the_count_says(
    monkeypatch, cap_of_20000_rows
):
    monkeypatch.setattr(workbooks, "MAX_SHARED_STRINGS", 5000)
    rng = random.Random(3)
    head = f'<sst xmlns="{MAIN}" count="1" uniqueCount="1">'.encode()
    body = [f"<si><t>{rng.randrange(10**12)}</t></si>".encode() for _ in range(6000)]
    refused = refused_quickly(xlsx(random_rows(3), strings_chunks=[head, *body]))
    assert "超过 5000 条的上限" in refused.errors[0].message


def test_columns_and_cells_beyond_the_limits_are_refused(monkeypatch, cap_of_20000_rows):
    wide = xlsx([b'<row r="1"><c r="A1"><v>1</v></c><c r="ZZZ1"><v>2</v></c></row>'])
    assert "超过 256 列的上限" in refused_quickly(wide).errors[0].message
    monkeypatch.setattr(workbooks, "MAX_SHEET_CELLS", 500)
    assert "单元格超过 500 个的上限" in refused_quickly(xlsx(random_rows(600))).errors[0].message


def test_a_part_declaring_entities_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        "<x>&lol2;</x>"
    )
    data = xlsx(random_rows(3), extra={"xl/styles.xml": laughs})
    assert "DOCTYPE" in refused_quickly(data).errors[0].message


def test_a_part_named_outside_the_archive_is_refused():
    data = xlsx(random_rows(3), extra={"../../etc/cron.d/x.xml": "<x/>"})
    assert refused_quickly(data).errors[0].message == "文件中含有不安全的路径名，已拒绝。"


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """The archive with the central directory claiming `size` uncompressed bytes for `name`."""
    data = bytearray(data)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == name.encode():
            data[at + 24 : at + 28] = size.to_bytes(4, "little")
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(name)


def test_sizes_the_directory_lies_about_are_caught_while_reading():
    honest = xlsx(repeated(b'<row><c s="1"/></row>', 40 * MB))
    # The sheet claims 200 KB: the ratio passes, reading stops there and the checksum fails.
    lying = lie_about_size(honest, "xl/worksheets/sheet1.xml", 200 * 1024)
    assert refused_quickly(lying).errors[0].message == "文件已损坏，无法识别。"


def test_reading_stops_at_the_deadline(world, settings):
    settings.IMPORT_READ_SECONDS = 0
    upload = make_upload(MEMBER_HEADERS, [["张三", "男", "", "", "", "T111", "", "", ""]])
    with pytest.raises(ImportRefused) as refused:
        import_members(actor=world.secretary, upload=upload)
    assert refused.value.errors[0].message.startswith("文件在 0 秒内未能读完，已停止读取")


def test_the_indicator_import_is_bounded_by_the_same_reader(empty_rows_file):
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused) as refused:
            read_table(SimpleUploadedFile("指标.xlsx", empty_rows_file))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB, peak
    assert "超过 100 倍的上限" in refused.value.errors[0].message


def test_an_ordinary_file_at_the_size_limits_still_imports(world, settings):
    settings.IMPORT_MAX_ROWS = 300
    rows = [[f"党员{i}", "男", "", "", "", "T111", "", f"139{i:08d}", ""] for i in range(300)]
    result = import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, rows))
    assert result.created == 300
