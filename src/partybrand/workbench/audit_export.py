"""The audit log's rows as .xlsx in the one sheet style (core/sheets.py through
core/tabular.write_workbook), as the page shows them: labels, changes as lines, the
organisation, the address and the full browser string. Personal numbers are not in the rows in
clear text (the services write them masked or as “(已修改)”), so the file holds none either."""

from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from partybrand.core.models import AuditLog
from partybrand.core.tabular import Column, write_workbook
from partybrand.workbench.audit_log import readable

EXPORT_MAX = 10_000  # rows in one file: more is a sign the filters should be narrower
CHUNK = 1000

COLUMNS = (
    Column("时间", width=18),
    Column("操作人", width=14),
    Column("操作", width=16),
    Column("对象类型", width=14),
    Column("对象", width=28),
    Column("对象编号", width=10, text=True),
    Column("所属组织", width=20),
    Column("变更", width=48),
    Column("说明", width=30),
    Column("IP 地址", width=16, text=True),
    Column("浏览器", width=40),
)


def too_many(count: int) -> str:
    return (
        f"符合条件的记录有 {count} 条，超过单次导出上限 {EXPORT_MAX} 条。"
        "请缩小时间范围或增加筛选条件后再导出。"
    )


def _lines(row) -> str:
    return "\n".join(f"{name}：{text}" if name else text for name, text in row.change_lines)


def _rows(rows: QuerySet[AuditLog]):
    # Read in chunks so each chunk's organisations are named in one query.
    for start in range(0, EXPORT_MAX, CHUNK):
        chunk = readable(rows[start : start + CHUNK])
        for row in chunk:
            yield (
                row.created_at,
                row.who,
                row.action_label,
                row.type_label,
                row.object_repr,
                row.object_id,
                row.org_name,
                _lines(row),
                row.comment,
                row.ip_address,
                row.user_agent,
            )
        if len(chunk) < CHUNK:
            return


def _as_is(rows: Iterable) -> Iterable:
    return rows


def audit_workbook(
    rows: QuerySet[AuditLog], *, track: Callable[[Iterable], Iterable] = _as_is
) -> bytes:
    """At most EXPORT_MAX rows (the view refuses more before calling this); `track` sees the
    rows as they stream into the workbook (a background export counts them)."""
    return write_workbook("审计日志", COLUMNS, track(_rows(rows)))
