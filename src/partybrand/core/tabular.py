"""Shared .xlsx plumbing for every import and export (organisations, members, benchmarks,
indicator tables, score sheets, task lists).

Reading is defensive (size limits, the zip and its parts checked before parsing, streaming
read-only parsing within a row cap and a deadline: core/workbooks.py); writing produces
the styled sheets users download (templates and exports share one column layout).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from partybrand.core import sheets
from partybrand.core.validators import hidden_character, hidden_character_message
from partybrand.core.workbooks import CheckedWorkbook, open_checked_workbook
from partybrand.textsim.normalize import clean_text

SHEET_ROW_SLACK = 1_000  # heading and blank rows a sheet may have besides its data rows
MAX_COLUMNS = 60  # cells beyond this column are never read
HEADER_SEARCH_ROWS = 10
EXAMPLE_PREFIX = "示例"
NOTES_SHEET = "填写说明"


@dataclass(frozen=True)
class RowError:
    row: int  # Excel row number (0 = the file as a whole)
    column: str  # the Chinese column header, "" for a whole-row or whole-file problem
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row else "文件"
        return (
            f"{where}「{self.column}」：{self.message}"
            if self.column
            else f"{where}：{self.message}"
        )


class ImportRefused(Exception):
    """Nothing was imported; `errors` lists every problem found, in row order."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = sorted(errors, key=lambda e: e.row)
        super().__init__(f"导入被拒绝：共 {len(self.errors)} 处错误，未导入任何数据。")

    def lines(self) -> list[str]:
        return [str(error) for error in self.errors]


class ErrorList(list):
    def add(self, row: int, column: str, message: str) -> None:
        self.append(RowError(row, column, message))

    def duplicates(self, keyed_rows: Iterable[tuple[int, str | None]], header: str) -> None:
        """One error on every row whose value in `header` another row also has."""
        groups: dict[str, list[int]] = {}
        for row, key in keyed_rows:
            if key:
                groups.setdefault(key, []).append(row)
        for key, rows in groups.items():
            where = "、".join(map(str, rows))
            for row in rows if len(rows) > 1 else ():
                self.add(row, header, f"{header} {key} 在文件中重复出现（第 {where} 行）。")


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = False  # the header must be present in the file
    width: int = 16
    text: bool = False  # formatted as text so Excel keeps leading zeros and long digits
    choices: tuple[str, ...] = ()  # offered as a dropdown
    help: str = ""
    aliases: tuple[str, ...] = ()  # other headers accepted for this column when reading


@dataclass
class Sheet:
    """The rows of an uploaded sheet, keyed by the Chinese headers that were found."""

    headers: set[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def _normalise_header(value) -> str:
    text = re.sub(r"\s+", "", str(value or ""))
    text = re.sub(r"(（必填）|\(必填\)|[*＊])+$", "", text)
    return text.lstrip("*＊")


def load_workbook_safely(upload) -> CheckedWorkbook:
    """The one way an uploaded .xlsx is opened: at most IMPORT_MAX_BYTES, then its zip directory
    and every part checked within limits before openpyxl parses it read-only, and its rows read
    within a row cap and a deadline (core/workbooks.py). ImportRefused naming the limit."""
    limit = settings.IMPORT_MAX_BYTES
    size = getattr(upload, "size", None)
    too_big = RowError(0, "", f"文件超过 {limit / 1024 / 1024:g} MB 的大小上限，请拆分后再导入。")
    if size is not None and size > limit:
        raise ImportRefused([too_big])
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ImportRefused([too_big])
    try:
        return open_checked_workbook(
            data, max_rows=max_sheet_rows(), read_seconds=settings.IMPORT_READ_SECONDS
        )
    except ValidationError as exc:
        raise _refuse("；".join(exc.messages)) from exc


def max_data_rows() -> int:
    """Data rows one import may hold (IMPORT_MAX_ROWS)."""
    return settings.IMPORT_MAX_ROWS


def max_sheet_rows() -> int:
    """Row numbers a sheet may reach: the data rows, the heading rows and some blank ones."""
    return max_data_rows() + SHEET_ROW_SLACK


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse(message: str, row: int = 0, column: str = "") -> ImportRefused:
    return ImportRefused([RowError(row, column, message)])


def read_sheet(upload, columns: Sequence[Column], sheet_name: str) -> Sheet:
    """Every non-empty, non-example data row of the import sheet, or ImportRefused."""
    workbook = load_workbook_safely(upload)
    try:
        sheets = [ws for ws in workbook.worksheets if ws.title != NOTES_SHEET]
        sheets = [ws for ws in sheets if ws.title == sheet_name] or sheets
        if not sheets:
            raise _refuse("文件中没有工作表。")
        sheet = _scan(workbook.rows(sheets[0], max_col=MAX_COLUMNS), columns)
    except ImportRefused:
        raise
    except ValidationError as exc:  # a limit reached while reading (rows, time)
        raise _refuse("；".join(exc.messages)) from exc
    except Exception as exc:  # a sheet that opened but cannot be parsed
        raise _refuse("文件内容已损坏，无法读取，请另存为新的 .xlsx 文件后重试。") from exc
    finally:
        workbook.close()
    return _with_rows(sheet)


def read_rows(rows: Iterable[Sequence[object]], columns: Sequence[Column]) -> Sheet:
    """The same as `read_sheet` for rows read elsewhere (a CSV file): row 1 is the first row."""
    padded = (  # like a worksheet's rows: short CSV lines are common
        tuple(row[:MAX_COLUMNS]) + (None,) * (MAX_COLUMNS - len(row[:MAX_COLUMNS])) for row in rows
    )
    return _with_rows(_scan(padded, columns))


def _with_rows(sheet: Sheet) -> Sheet:
    if not sheet.rows:
        raise _refuse(
            "文件中没有可导入的数据。以“示例”开头的示例行不会导入，请在表头下方填写数据。"
        )
    return sheet


def _scan(rows: Iterable[Sequence[object]], columns: Sequence[Column]) -> Sheet:
    known = {name.lower(): c.header for c in columns for name in (c.header, *c.aliases)}
    required = [c.header for c in columns if c.required]
    positions: dict[str, int] = {}
    header_row, errors, sheet = 0, [], Sheet(headers=set())
    max_rows = max_data_rows()
    for number, values in enumerate(rows, start=1):
        if number > max_sheet_rows():
            cap = max_sheet_rows()
            raise _refuse(f"文件超过 {cap} 行的上限（空行也计算在内），请拆分后再导入。")
        if not header_row:
            found = [(i, _normalise_header(v).lower()) for i, v in enumerate(values)]
            found = [(i, known[h]) for i, h in found if h in known]
            if len(found) < 2 and number >= HEADER_SEARCH_ROWS:
                break
            if len(found) >= 2:
                header_row = number
                for i, h in found:
                    if h in positions:
                        errors.append(RowError(number, h, f"表头“{h}”重复出现。"))
                    positions.setdefault(h, i)
            continue
        if not any(values):  # fast path for the blank rows a sparse sheet is padded with
            continue
        filled = [v for v in values if not _is_empty(v)]
        if not filled or str(filled[0]).strip().startswith(EXAMPLE_PREFIX):
            continue
        if len(sheet.rows) >= max_rows:
            raise _refuse(f"数据超过 {max_rows} 行的上限，请拆分为多个文件分批导入。")
        row = {h: values[i] for h, i in positions.items()}
        errors += hidden_cells(number, row)
        sheet.rows.append((number, row))
    if not header_row:
        raise _refuse(f"未找到表头行，请使用导入模板；表头应包含：{'、'.join(required)}。", 1)
    errors += [
        RowError(header_row, h, f"缺少必填列“{h}”。") for h in required if h not in positions
    ]
    if errors:
        raise ImportRefused(errors)
    sheet.headers = set(positions)
    return sheet


# ---------------------------------------------------------------- cell values

HIDDEN_IN_CELL = hidden_character_message(then="请删除后再导入")


def hidden_cells(row: int, cells: dict[str, object]) -> list[RowError]:
    """One error per cell (keyed by its column's name) holding a control character, a bidi
    override or another invisible character: the platform's one rule (core/validators.py).
    Line breaks and tabs typed in a cell are kept."""
    return [
        RowError(row, column, HIDDEN_IN_CELL)
        for column, value in cells.items()
        if isinstance(value, str) and hidden_character(value) is not None
    ]


def hidden_in_line(row: int, values: Sequence[object]) -> list[RowError]:
    """`hidden_cells` for a row read without headers: each cell named by its column letter."""
    return hidden_cells(row, {f"{get_column_letter(i)}列": v for i, v in enumerate(values, 1)})


def cell_text(value) -> str:
    """A cell as trimmed text; whole numbers typed as numbers lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(str(value)).replace("\u200b", "").replace("\ufeff", "").strip()


_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)


def cell_date(value) -> date | None:
    """A date from a date cell, an 8-digit number or text like 2020-07-01 / 2020/7/1 / 2020年7月1日.

    Raises ValueError when the cell is filled but not a date.
    """
    if _is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return from_excel(value).date()  # a date serial whose cell lost its date format
    text = cell_text(value)
    if re.fullmatch(r"\d{8}", text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(text)
    return date(*(int(part) for part in match.groups()))


# ---------------------------------------------------------------- writing


def write_workbook(
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    example: Sequence[object] | None = None,
    notes: Sequence[Sequence[str]] = (),
) -> bytes:
    """A workbook in the one sheet style (core/sheets.py): header row, dropdowns, frozen and
    repeated header, then the rows (streamed)."""
    workbook = sheets.new_workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheets.page_setup(sheet, header_row=1, widths=[c.width for c in columns])
    for index, column in enumerate(columns, start=1):
        if column.text:
            sheet.column_dimensions[get_column_letter(index)].number_format = sheets.TEXT_FORMAT
        if column.choices:
            validation = DataValidation(
                type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True
            )
            validation.error = f"请从下拉列表中选择：{'、'.join(column.choices)}"
            validation.errorTitle = column.header
            validation.showErrorMessage = True
            letter = get_column_letter(index)
            validation.add(f"{letter}2:{letter}{max_data_rows() + 2}")
            sheet.data_validations.append(validation)
    sheet.append([sheets.cell(sheet, c.header, sheets.header) for c in columns])
    if example is not None:
        font = sheets.EXAMPLE_FONT
        sheet.append(
            [
                sheets.cell(sheet, v, font=font, text=c.text)
                for c, v in zip(columns, example, strict=True)
            ]
        )
    for row in rows:
        sheet.append(
            [sheets.cell(sheet, v, text=c.text) for c, v in zip(columns, row, strict=True)]
        )
    if notes:
        guide = workbook.create_sheet(NOTES_SHEET)
        sheets.page_setup(guide, header_row=1, widths=(22, 90), landscape=False)
        for index, line in enumerate(notes):
            style = sheets.header if index == 0 else sheets.body
            guide.append([sheets.cell(guide, v, style) for v in line])
    return sheets.to_bytes(workbook)
