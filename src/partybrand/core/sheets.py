"""One look for every spreadsheet the platform writes (import templates, registers, task lists,
score sheets, survey answers, indicator tables), so a file from any module opens, reads and
prints the same way:

- a CJK font name on every written cell (宋体: Excel and WPS then draw Chinese and Latin alike;
  openpyxl has no separate East Asian font attribute);
- the header row bold in party red on a light red band, centred and wrapped; thin borders;
- the workbook's own default font (the "Normal" style, which empty cells and cells typed in later
  take) is the same 宋体, not Excel's Calibri 11 (`new_workbook`);
- real dates shown as Chinese dates without zero padding (2026年9月3日; moments with the time, in
  Beijing time), percentages as fractions with a % format, scores and counts as numbers; user
  text stays text and never becomes a formula (`keep_as_text`);
- A4, landscape when the table has more than eight columns (portrait otherwise, unless asked),
  fitted to one page wide (as many pages long as needed), the header row repeated on every
  printed page, "第1页，共3页" in the footer, and the panes frozen under it;
- every worksheet states its dimension (the used range), also when written in streaming mode,
  so that readers which trust it see every row.

Cells of normal and write-only worksheets are styled by the same functions.
"""

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.indexed_list import IndexedList

from partybrand.core import clock, palette
from partybrand.textsim.normalize import clean_text

FONT_NAME = "宋体"
SIZE = 11

TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
HEADER_FONT = Font(name=FONT_NAME, size=SIZE, bold=True, color=palette.argb(palette.RED))
HEADER_FILL = PatternFill(
    "solid",
    start_color=palette.argb(palette.RED_TINT),
    end_color=palette.argb(palette.RED_TINT),
)
BODY_FONT = Font(name=FONT_NAME, size=SIZE)
STRONG_FONT = Font(name=FONT_NAME, size=SIZE, bold=True)
EXAMPLE_FONT = Font(name=FONT_NAME, size=SIZE, italic=True, color="FF808080")
BAND_FILL = HEADER_FILL  # a group's row (一级指标) carries the header's band
_THIN = Side(style="thin", color="FFBFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
MOMENT_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
TEXT_FORMAT = "@"
PERCENT_FORMAT = "0%"
PERCENT_1_FORMAT = "0.0%"  # 得分率 87.5%
A4 = "9"  # openpyxl's Worksheet.PAPERSIZE_A4 (write-only sheets lack the constant)
PAGE_FOOTER = "第&P页，共&N页"
PORTRAIT_COLUMNS = 8  # up to this many columns a table prints on a portrait page

# Text a spreadsheet would read as a formula when it starts like one (=HYPERLINK(...)).
FORMULA_START = ("=", "+", "-", "@")


def new_workbook(*, write_only: bool = False) -> Workbook:
    """A workbook whose default font is the sheet style's, so no cell falls back to Calibri."""
    workbook = Workbook(write_only=write_only)
    # openpyxl offers no setting for the default font: the first font of the stylesheet and the
    # "Normal" named style are what Excel and WPS use for every unstyled cell.
    workbook._fonts = IndexedList([copy(BODY_FONT)])  # type: ignore[attr-defined]
    normal = workbook._named_styles["Normal"]  # type: ignore[attr-defined]
    normal.font = copy(BODY_FONT)
    return workbook


def keep_as_text(cell) -> None:
    """Write user text as text: no control characters, never a formula."""
    if not isinstance(cell.value, str):
        return
    cell.value = clean_text(cell.value)
    if cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def _real_value(cell) -> None:
    """Moments in Beijing time without a zone (Excel has none); dates and moments formatted."""
    value = cell.value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            cell.value = clock.local(value).replace(tzinfo=None)
        cell.number_format = MOMENT_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT


def body(cell, *, font=BODY_FONT, fill=None, text=False, wrap=True, border=True):
    """A cell of the table's body. `text`: a column kept as text (codes, phone numbers)."""
    keep_as_text(cell)
    _real_value(cell)
    if text and not isinstance(cell.value, date | datetime):
        cell.number_format = TEXT_FORMAT
    cell.font = font
    cell.alignment = WRAP if wrap else TOP
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BORDER
    return cell


def header(cell):
    """A cell of the header row."""
    keep_as_text(cell)
    cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
    cell.alignment = HEADER_ALIGNMENT
    return cell


def title(cell):
    """The title line above a table (user text: a plan's or an organisation's name)."""
    keep_as_text(cell)
    cell.font = TITLE_FONT
    return cell


def label(cell):
    """A bold caption beside a value (体系名称 | …, 自评总分 | …)."""
    keep_as_text(cell)
    cell.font = STRONG_FONT
    return cell


def cell(sheet, value, style=body, **options) -> Cell:
    """A styled cell for a write-only sheet's append()."""
    return style(WriteOnlyCell(sheet, value=value), **options)


def append(sheet, values: Sequence, style=body, **options) -> int:
    """Append a row to a normal sheet, every cell styled; returns the row's number."""
    sheet.append(list(values))
    row = sheet.max_row
    for index in range(1, len(values) + 1):
        style(sheet.cell(row, index), **options)
    return row


def page_setup(
    sheet,
    *,
    header_row: int,
    widths: Iterable[float],
    landscape: bool | None = None,
    frozen_columns: int = 0,
) -> None:
    """Column widths, the frozen header and the print layout (call before writing rows on a
    write-only sheet). `landscape` None: landscape when more than eight columns."""
    widths = list(widths)
    if landscape is None:
        landscape = len(widths) > PORTRAIT_COLUMNS
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = PAGE_FOOTER  # printed lists are counted page by page
    sheet.oddFooter.center.font = FONT_NAME


_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"')
_SHEET_PART = re.compile(r"xl/worksheets/sheet[0-9]+\.xml")
_PROPERTIES = re.compile(rb"</sheetPr>|<sheetPr[^>]*/>")
_WORKSHEET = re.compile(rb"<worksheet[^>]*>")


def _dimension(xml: bytes) -> bytes:
    """A worksheet part with its <dimension> (streamed sheets are written without one)."""
    if b"<dimension" in xml[:2000]:
        return xml
    last_row, last_column = 1, 1
    for column, row in _CELL_REF.findall(xml):
        last_row = max(last_row, int(row))
        last_column = max(last_column, column_index_from_string(column.decode()))
    ref = f"A1:{get_column_letter(last_column)}{last_row}".encode()
    if ref == b"A1:A1":
        ref = b"A1"
    tag = b'<dimension ref="' + ref + b'"/>'
    # <dimension> follows <sheetPr> (or opens the worksheet) in the schema's order
    anchor = _PROPERTIES.search(xml) or _WORKSHEET.search(xml)
    if anchor is None:
        return xml
    return xml[: anchor.end()] + tag + xml[anchor.end() :]


def to_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    if not getattr(workbook, "write_only", False):
        return out.getvalue()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(out.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if _SHEET_PART.fullmatch(info.filename):
                data = _dimension(data)
            target.writestr(info, data)
    return fixed.getvalue()
