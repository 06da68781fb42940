"""Member files of any size for the job tests: valid rows of 支部A (T111), and a faulty one."""

import io
from datetime import date, timedelta

from openpyxl import Workbook

from partybrand.orgs.validators import id_check_digit
from tests.core.test_imports import MEMBER_HEADERS


def member_rows(count: int, *, start: int = 0) -> list[list]:
    rows = []
    for n in range(start, start + count):
        birth = date(1960, 1, 1) + timedelta(days=n)
        first17 = f"110101{birth:%Y%m%d}{n % 1000:03d}"
        rows.append(
            [
                f"批量党员{n}",
                "男",
                birth.isoformat(),
                "",
                "正式",
                "T111",
                "",
                "",
                first17 + id_check_digit(first17),
            ]
        )
    return rows


def member_file(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(MEMBER_HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
