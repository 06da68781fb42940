"""An uploaded .xlsx opened for reading only once it is known to be small enough to read.

Before openpyxl sees the file: the zip's directory (core/archives.py: uncompressed sizes, the
compression ratio, names), then every XML part streamed with counters: a worksheet's
<dimension> and its rows, columns and cells, the shared strings' count, uniqueCount and items,
any other part's elements. Then openpyxl reads it read-only, row by row, with a row cap and the
same deadline. Whatever the file holds, a worker spends at most READ_SECONDS and a bounded
amount of memory on it; every refusal is a ValidationError naming the limit.

The limits below are set for a sheet of MAX_SHEET_ROWS rows; a larger row cap (imports of
100,000 rows) scales the ones that grow with the rows (cells, shared strings, the sheet's and
the whole file's unzipped size) in proportion, never the others.
"""

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, range_boundaries

from partybrand.core.archives import (
    MB,
    Deadline,
    ZipLimits,
    open_zip,
    scan_xml,
)

MAX_UNCOMPRESSED_BYTES = 128 * MB  # all parts together
MAX_SHEET_PART_BYTES = 64 * MB  # one worksheet: 20,000 rows × 60 columns fit
MAX_STRINGS_PART_BYTES = 32 * MB
MAX_OTHER_PART_BYTES = 16 * MB  # styles, workbook, theme, relationships
MAX_COMPRESSION_RATIO = 100  # a real sheet compresses 5–20 times; empty rows 500 times
MAX_SHEET_ROWS = 21_000  # row numbers, blank rows included (core.tabular passes its own)
MAX_SHEET_COLUMNS = 256
MAX_SHEET_CELLS = 1_000_000
MAX_SHARED_STRINGS = 300_000
MAX_OTHER_ELEMENTS = 300_000
READ_SECONDS = 15.0  # within a web request (gunicorn ends a worker at 30 s); imports pass theirs

SHEET_ROOTS = {"worksheet", "chartsheet", "dialogsheet"}
CELL_PARTS = {"row", "c", "v", "f", "is", "t"}  # a cell's own elements, bounded by the cell cap
NOT_XLSX = "文件不是有效的 Excel（.xlsx）文件。"
TRIM_HINT = "如果表格下方或右侧有大量空行、空列或设置了格式的空白单元格，请删除后另存再导入。"
_ROW_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class SheetLimits:
    """What a workbook read with a cap of `rows` row numbers may hold."""

    rows: int
    cells: int
    strings: int
    sheet_bytes: int
    total_bytes: int

    @classmethod
    def for_rows(cls, rows: int) -> "SheetLimits":
        scale = max(1.0, rows / MAX_SHEET_ROWS)
        return cls(
            rows=rows,
            cells=int(MAX_SHEET_CELLS * scale),
            strings=int(MAX_SHARED_STRINGS * scale),
            sheet_bytes=int(MAX_SHEET_PART_BYTES * scale),
            total_bytes=int(MAX_UNCOMPRESSED_BYTES * scale),
        )

    def zip_limits(self) -> ZipLimits:
        return ZipLimits(
            total=self.total_bytes,
            part=max(self.sheet_bytes, MAX_STRINGS_PART_BYTES, MAX_OTHER_PART_BYTES),
            ratio=MAX_COMPRESSION_RATIO,
        )


def _too_big_part(info: zipfile.ZipInfo, limit: int, what: str) -> None:
    if info.file_size > limit:
        raise ValidationError(
            f"{what}解压后有 {info.file_size / MB:.1f} MB，超过 {limit // MB} MB 的上限，"
            "请拆分后再导入。"
        )


class _PartCounter:
    """Counts what one XML part holds while it streams, refusing at the first limit passed."""

    def __init__(self, info: zipfile.ZipInfo, limits: SheetLimits):
        self.info = info
        self.limits = limits
        self.max_rows = limits.rows
        self.kind = ""
        self.elements = self.row = self.column = self.cells = self.strings = self.other = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        if not self.kind:
            self._root(tag, attrs)
        elif self.kind == "sheet":
            self._sheet(tag, attrs)
        elif self.kind == "strings":
            if tag == "si":
                self.strings += 1
                if self.strings > self.limits.strings:
                    raise self._strings_refused(self.strings, self.limits.strings)
        elif self.elements > MAX_OTHER_ELEMENTS:
            raise ValidationError(
                f"文件中的“{self.info.filename}”有超过 {MAX_OTHER_ELEMENTS} 个元素，超过上限。"
            )

    def _root(self, tag: str, attrs: dict[str, str]) -> None:
        if tag in SHEET_ROOTS:
            self.kind = "sheet"
            _too_big_part(self.info, self.limits.sheet_bytes, "工作表")
        elif tag == "sst":
            self.kind = "strings"
            _too_big_part(self.info, MAX_STRINGS_PART_BYTES, "共享文本")
            for name in ("count", "uniqueCount"):
                claimed = attrs.get(name, "")
                limit = self.limits.strings if name == "uniqueCount" else self.limits.cells
                if claimed.isdigit() and int(claimed) > limit:
                    raise self._strings_refused(int(claimed), limit)
        else:
            self.kind = "other"
            _too_big_part(self.info, MAX_OTHER_PART_BYTES, f"文件中的“{self.info.filename}”")

    @staticmethod
    def _strings_refused(count: int, limit: int) -> ValidationError:
        return ValidationError(
            f"文件中的共享文本有 {count} 条，超过 {limit} 条的上限，请拆分后再导入。"
        )

    def _sheet(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c":
            self.cells += 1
            reference = attrs.get("r", "")
            letters = reference.rstrip("0123456789")
            try:
                self.column = column_index_from_string(letters) if letters else self.column + 1
            except ValueError:
                self.column += 1
            if self.column > MAX_SHEET_COLUMNS:
                raise ValidationError(
                    f"工作表用到了第 {self.column} 列，"
                    f"超过 {MAX_SHEET_COLUMNS} 列的上限。{TRIM_HINT}"
                )
            if self.cells > self.limits.cells:
                raise ValidationError(
                    f"工作表的单元格超过 {self.limits.cells} 个的上限，请拆分后再导入。{TRIM_HINT}"
                )
        elif tag == "row":
            number = attrs.get("r", "")
            self.row = int(number) if _ROW_NUMBER.fullmatch(number) else self.row + 1
            self.column = 0
            if self.row > self.max_rows:
                raise ValidationError(
                    f"工作表超过 {self.max_rows} 行的上限（空行也计算在内）。{TRIM_HINT}"
                )
        elif tag == "dimension":
            self._dimension(attrs.get("ref", ""))
        elif tag not in CELL_PARTS:
            self.other += 1  # merged ranges, formats, links: openpyxl keeps each in memory
            if self.other > MAX_OTHER_ELEMENTS:
                raise ValidationError(
                    f"工作表中除单元格外的元素（合并单元格、格式等）超过 {MAX_OTHER_ELEMENTS} 个的"
                    "上限，请清除多余的格式后另存再导入。"
                )

    def _dimension(self, ref: str) -> None:
        """The size the sheet claims, checked before a single row is read."""
        try:
            _, _, columns, rows = range_boundaries(ref.upper())
        except (ValueError, TypeError):
            return  # a missing or odd claim is not trusted either way: the rows are counted
        if (rows or 0) > self.max_rows or (columns or 0) > MAX_SHEET_COLUMNS:
            raise ValidationError(
                f"工作表的范围为 {ref}（{rows} 行 × {columns} 列），超过 {self.max_rows} 行或 "
                f"{MAX_SHEET_COLUMNS} 列的上限。{TRIM_HINT}"
            )


def _looks_like_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    if info.filename.endswith((".xml", ".rels")):
        return True
    with archive.open(info) as stream:
        head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def check_parts(archive: zipfile.ZipFile, deadline: Deadline, *, limits: SheetLimits) -> None:
    """Every XML part streamed once with counters (see _PartCounter), before openpyxl."""
    if "[Content_Types].xml" not in archive.namelist():
        raise ValidationError(NOT_XLSX)
    for info in archive.infolist():
        if info.is_dir() or not _looks_like_xml(archive, info):
            continue  # pictures and printer settings: bounded by the zip's limits, never parsed
        counter = _PartCounter(info, limits)
        try:
            scan_xml(archive, info.filename, counter.start, deadline)
        except ValidationError:
            if counter.kind or info.filename.endswith((".xml", ".rels")):
                raise
            # a legacy drawing (.vml) that is not XML: openpyxl does not read it either


class CheckedWorkbook:
    """An openpyxl read-only workbook whose rows are read within the row cap and deadline."""

    def __init__(self, workbook, deadline: Deadline, max_rows: int):
        self.workbook = workbook
        self.deadline = deadline
        self.max_rows = max_rows

    @property
    def worksheets(self):
        return self.workbook.worksheets

    def rows(self, worksheet, *, max_col: int) -> Iterator[tuple]:
        """The sheet's rows as value tuples of `max_col` cells, numbered from 1 by position."""
        worksheet.reset_dimensions()  # never trust the size the file claims
        rows = worksheet.iter_rows(max_col=max_col, values_only=True)
        for number, values in enumerate(rows, start=1):
            if number > self.max_rows:
                raise ValidationError(
                    f"工作表超过 {self.max_rows} 行的上限（空行也计算在内）。{TRIM_HINT}"
                )
            if number % 200 == 0:
                self.deadline.check()
            yield values

    def close(self) -> None:
        self.workbook.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def open_checked_workbook(
    data: bytes, *, max_rows: int = MAX_SHEET_ROWS, read_seconds: float = READ_SECONDS
) -> CheckedWorkbook:
    """`data` (an .xlsx) opened read-only once its directory and parts are within the limits
    for `max_rows` rows, to be read within `read_seconds`; ValidationError otherwise."""
    deadline = Deadline(read_seconds)
    limits = SheetLimits.for_rows(max_rows)
    if not zipfile.is_zipfile(BytesIO(data)):
        raise ValidationError(NOT_XLSX)
    archive = open_zip(data, limits.zip_limits())
    with archive:
        check_parts(archive, deadline, limits=limits)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign zip
        raise ValidationError(NOT_XLSX) from exc
    deadline.check()
    return CheckedWorkbook(workbook, deadline, max_rows)
