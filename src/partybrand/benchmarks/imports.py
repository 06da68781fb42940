"""Importing the benchmark library from .csv or .xlsx: every row is checked first, then all or
nothing (the same rules and messages as the organisation import).

The shared file of publicly reported brands has English headers (name, slogan_or_theme, …);
the template has Chinese ones; both are read. CSV comes as UTF-8 (with or without BOM), as GBK
(what Excel in China writes for “CSV（逗号分隔）”) or as UTF-16 text. A column missing from the
file leaves that field of existing entries untouched; a present but blank column clears it.
"""

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction

from partybrand.benchmarks.access import library_path
from partybrand.benchmarks.indexing import key
from partybrand.benchmarks.models import Benchmark
from partybrand.benchmarks.services import FIELDS, prepare
from partybrand.benchmarks.values import clean_url, parse_year
from partybrand.core.audit import audit_record
from partybrand.core.tabular import (
    Column,
    ErrorList,
    ImportRefused,
    RowError,
    cell_text,
    read_rows,
    read_sheet,
)

SHEET = "标杆品牌导入模板"
COLUMNS = (
    Column("品牌名称", required=True, width=24, aliases=("name", "名称", "品牌")),
    Column("口号/主题", width=30, aliases=("slogan_or_theme", "slogan", "口号", "主题")),
    Column("内涵", width=40, aliases=("connotation", "内涵释义", "品牌内涵", "释义")),
    Column("所属组织", width=30, aliases=("org", "organization", "创建单位", "所属单位")),
    Column("行业", width=12, aliases=("sector", "所属行业")),
    Column("层级", width=12, aliases=("level", "组织层级", "品牌层级")),
    Column("地区", width=12, aliases=("region", "所在地区", "省份")),
    Column("来源地址", width=40, aliases=("source_url", "url", "来源", "来源网址")),
    Column("年份", width=8, aliases=("year", "年度")),
)
FIELD_OF = dict(zip((c.header for c in COLUMNS), FIELDS, strict=True))
LIMITS = {"connotation": 2000}
CONFLICT = "保存时发生冲突（可能有他人正在导入相同数据），请稍后重新导入。"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class ImportResult:
    created: int
    updated: int  # existing entries that actually changed
    unchanged: int
    dry_run: bool = False


@dataclass
class _Row:
    row: int
    fields: dict = field(default_factory=dict)
    key: tuple[str, str] = ("", "")
    existing: Benchmark | None = None
    data: dict = field(default_factory=dict)  # prepared values to save


def import_benchmarks(*, actor, upload, dry_run: bool = False) -> ImportResult:
    sheet = read_upload(upload)
    errors = ErrorList()
    rows = [_parse(number, values, sheet.headers, errors) for number, values in sheet.rows]
    _duplicates(rows, errors)
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        existing = _existing(rows)
        for row in rows:
            row.existing = existing.get(row.key)
            try:
                row.data = prepare(row.fields, current=row.existing)
            except ValidationError as exc:
                errors.add(row.row, "", "；".join(exc.messages))
        if errors:
            raise ImportRefused(errors)
        changed = [r for r in rows if r.existing and _differs(r.existing, r.data)]
        new = [r for r in rows if r.existing is None]
        result = ImportResult(len(new), len(changed), len(rows) - len(new) - len(changed), dry_run)
        if dry_run:
            return result
        try:
            with transaction.atomic():
                _save(actor, new, changed)
        except IntegrityError as exc:
            raise ImportRefused([RowError(0, "", CONFLICT)]) from exc
        touched = [r.existing for r in changed] or [r.existing for r in new] or [rows[0].existing]
        changes = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "file": getattr(upload, "name", "") or "",
        }
        audit_record(
            actor=actor,
            action="benchmark_import",
            obj=touched[0],
            org_path=library_path(actor),
            changes=changes,
        )
    return result


# ---------------------------------------------------------------- reading


def read_upload(upload):
    """The rows of an .xlsx or CSV upload, recognised by content, never by the file name."""
    limit = settings.IMPORT_MAX_BYTES
    if (getattr(upload, "size", None) or 0) > limit:
        raise _refused(f"文件超过 {limit / 1024 / 1024:g} MB 的大小上限，请拆分后再导入。")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _refused(f"文件超过 {limit / 1024 / 1024:g} MB 的大小上限，请拆分后再导入。")
    if not data.strip():
        raise _refused("文件为空。")
    if data.startswith(b"PK\x03\x04"):
        return read_sheet(io.BytesIO(data), COLUMNS, SHEET)
    if data.startswith(OLE_MAGIC):
        raise _refused("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入。")
    text = _decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise _refused("CSV 文件格式有误，无法读取，请在 Excel 中另存为 CSV 后重试。") from exc
    return read_rows(rows, COLUMNS)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise _refused("文件不是 CSV 或 Excel（.xlsx）文件。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refused("无法识别文件的文字编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试。")


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _refused(message: str) -> ImportRefused:
    return ImportRefused([RowError(0, "", message)])


# ---------------------------------------------------------------- checking


def _parse(number: int, values: dict, headers: set[str], errors: ErrorList) -> _Row:
    row = _Row(number)
    for column in COLUMNS:
        header, name = column.header, FIELD_OF[column.header]
        if header not in headers:
            continue
        raw = values.get(header)
        if name == "year":
            try:
                row.fields["year"] = parse_year(raw)
            except ValidationError as exc:
                errors.add(number, header, "；".join(exc.messages))
            continue
        text = cell_text(raw)
        limit = LIMITS.get(name) or Benchmark._meta.get_field(name).max_length
        if len(text) > limit:
            errors.add(number, header, f"{header}不能超过 {limit} 个字。")
        elif name == "source_url":
            try:
                text = clean_url(text)
            except ValidationError as exc:
                errors.add(number, header, "；".join(exc.messages))
        row.fields[name] = text
    if not row.fields.get("name"):
        errors.add(number, "品牌名称", "品牌名称不能为空。")
    row.key = key(row.fields.get("name", ""), row.fields.get("org", ""))
    return row


def _duplicates(rows: list[_Row], errors: ErrorList) -> None:
    """An error on every row that repeats another row's brand name and organisation."""
    groups: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        if row.key[0]:
            groups.setdefault(row.key, []).append(row.row)
    for numbers in groups.values():
        if len(numbers) < 2:
            continue
        where = "、".join(map(str, numbers))
        for number in numbers:
            errors.add(
                number, "品牌名称", f"与第 {where} 行重复：品牌名称和所属组织都相同，请只保留一行。"
            )


def _existing(rows: list[_Row]) -> dict[tuple[str, str], Benchmark]:
    names = sorted({r.key[0] for r in rows})
    found = {}
    for start in range(0, len(names), 500):
        chunk = Benchmark.objects.select_for_update().filter(
            name_norm__in=names[start : start + 500]
        )
        found.update({(b.name_norm, b.org_norm): b for b in chunk})
    return found


def _differs(benchmark: Benchmark, data: dict) -> bool:
    return any(getattr(benchmark, name) != value for name, value in data.items())


# ---------------------------------------------------------------- saving


def _save(actor, new: list[_Row], changed: list[_Row]) -> None:
    creator = actor if getattr(actor, "pk", None) else None
    created = Benchmark.objects.bulk_create(
        [Benchmark(created_by=creator, **row.data) for row in new], batch_size=500
    )
    for row, benchmark in zip(new, created, strict=True):
        row.existing = benchmark
    for row in changed:
        benchmark = row.existing
        names = [n for n, v in row.data.items() if getattr(benchmark, n) != v]
        for name in names:
            setattr(benchmark, name, row.data[name])
        benchmark.save(update_fields=[*names, "updated_at"])


SHARED_FILE = Path(__file__).resolve().parent / "data" / "benchmark_brands.csv"


def import_shared_benchmarks(*, actor) -> ImportResult:
    """The publicly reported brands shipped with the platform (the demo loads them)."""
    with SHARED_FILE.open("rb") as handle:
        return import_benchmarks(actor=actor, upload=File(handle, name=SHARED_FILE.name))
