"""The publicity ledger (推介台账) as an .xlsx, in the one spreadsheet style (core/sheets.py)."""

from partybrand.core import clock, sheets

HEADER = ["序号", "品牌", "所属组织", "方向", "渠道", "媒体或刊物", "日期", "标题", "层级"]
HEADER += ["阅读或覆盖人次", "报送至", "采用情况", "采用层级", "链接"]
WIDTHS = [6, 14, 18, 10, 12, 16, 12, 30, 8, 12, 16, 10, 10, 30]


def ledger_xlsx(rows, *, heading: str) -> bytes:
    book = sheets.new_workbook()
    sheet = book.active
    sheet.title = "推介台账"
    sheet.append([f"{heading}推介台账（截至{clock.chinese_date(clock.today())}）"])
    sheets.title(sheet["A1"])
    sheets.page_setup(sheet, header_row=2, widths=WIDTHS, frozen_columns=2)
    sheets.append(sheet, HEADER, sheets.header)
    for number, entry in enumerate(rows.iterator(chunk_size=500), start=1):
        sheets.append(
            sheet,
            [
                number,
                entry.brand.name,
                entry.org.name,
                entry.get_direction_display(),
                entry.get_channel_display(),
                entry.outlet,
                entry.published_on,
                entry.title,
                entry.get_level_display(),
                entry.reach,
                entry.reported_to.name if entry.reported_to else "",
                entry.get_adoption_display() if entry.adoption else "",
                entry.get_adopted_level_display() if entry.adopted_level else "",
                entry.url,
            ],
        )
    return sheets.to_bytes(book)
