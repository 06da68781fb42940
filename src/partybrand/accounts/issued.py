"""Temporary passwords just issued, kept for the administrator who issued them: shown once on the
result page and downloadable once as .xlsx, then forgotten (after ISSUED_SECONDS at the latest).

They sit in the shared cache under the administrator's id and a random batch id, never in the
database or the audit log; after the page has shown them, only the download can still read them,
and the download removes them.
"""

import secrets
from dataclasses import asdict

from django.core.cache import cache

from partybrand.accounts.services import Issued
from partybrand.core import clock, sheets

ISSUED_SECONDS = 15 * 60
HEADER = ("姓名", "所在组织", "用户名", "临时密码", "说明")
WIDTHS = (12, 30, 18, 18, 30)
NOTE = "首次登录后须立即修改密码"


def _key(actor, batch: str) -> str:
    return f"accounts-issued:{actor.pk}:{batch}"


def keep(actor, rows: list[Issued]) -> str:
    batch = secrets.token_urlsafe(12)
    entry = {"rows": [asdict(row) for row in rows], "shown": False, "downloaded": False}
    cache.set(_key(actor, batch), entry, ISSUED_SECONDS)
    return batch


def show(actor, batch: str) -> dict | None:
    """The batch for its page: with the passwords the first time, without them afterwards."""
    entry = cache.get(_key(actor, batch))
    if entry is None:
        return None
    shown = {**entry, "passwords_visible": not entry["shown"] and not entry["downloaded"]}
    if not entry["shown"]:
        entry["shown"] = True
        cache.set(_key(actor, batch), entry, ISSUED_SECONDS)
    return shown


def take(actor, batch: str) -> list[dict] | None:
    """The batch's rows with their passwords, once; what stays behind has none."""
    entry = cache.get(_key(actor, batch))
    if entry is None or entry["downloaded"]:
        return None
    kept = [{**row, "password": ""} for row in entry["rows"]]
    cache.set(_key(actor, batch), {**entry, "rows": kept, "downloaded": True}, ISSUED_SECONDS)
    return entry["rows"]


def workbook(rows: list[dict]) -> bytes:
    book = sheets.new_workbook()
    sheet = book.active
    sheet.title = "临时密码"
    sheet.append([f"账号与临时密码（{clock.text(clock.now())} 发放，请当面或单独转交本人）"])
    sheets.title(sheet["A1"])
    sheets.page_setup(sheet, header_row=2, widths=WIDTHS, landscape=False)
    sheets.append(sheet, HEADER, sheets.header)
    for row in rows:
        sheets.append(
            sheet, (row["name"], row["org"], row["username"], row["password"], NOTE), text=True
        )
    return sheets.to_bytes(book)
