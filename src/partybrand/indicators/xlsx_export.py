"""Exporting an indicator system as .xlsx, laid out as in xlsx_layout.py so the file imports
again as a new version; without a system, the blank template with its 示例 and 说明 sheets."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from partybrand.core.tabular import keep_as_text
from partybrand.indicators.choices import AssessMethod, FinalRule, SystemKind
from partybrand.indicators.data.templates import BRANCH_STANDARD
from partybrand.indicators.notation import stars_text
from partybrand.indicators.xlsx_layout import (
    COLUMNS,
    EXAMPLE_SHEET,
    META_CODE,
    META_DESCRIPTION,
    META_DIVERGENCE,
    META_KIND,
    META_NAME,
    META_RULE,
    META_STARS,
    META_TOTAL,
    NOTES,
    NOTES_SHEET,
    SHEET,
    WIDTHS,
    example_meta,
    example_rows,
)

TITLE_FONT = Font(bold=True, size=13, color="9C0006")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", start_color="C00000", end_color="C00000")
META_FONT = Font(bold=True)
LEVEL1_FILL = PatternFill("solid", start_color="FDE9E7", end_color="FDE9E7")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def _meta_rows(system) -> list[tuple[str, object]]:
    if system is None:
        return [
            (META_NAME, ""),
            (META_CODE, ""),
            (META_KIND, SystemKind.STANDARDISATION.label),
            (META_TOTAL, 100),
            (META_RULE, FinalRule.TRIMMED_MEAN.label),
            (META_DIVERGENCE, 3),
            (META_STARS, "五星级≥95；四星级≥90；三星级≥80；二星级≥70；一星级≥60"),
            (META_DESCRIPTION, ""),
        ]
    return [
        (META_NAME, system.name),
        (META_CODE, system.code),
        (META_KIND, system.get_kind_display()),
        (META_TOTAL, float(system.total_points)),
        (META_RULE, system.get_final_rule_display()),
        (META_DIVERGENCE, float(system.divergence_threshold)),
        (META_STARS, stars_text(system)),
        (META_DESCRIPTION, system.description),
    ]


def _indicator_rows(system) -> list[list]:
    items = list(system.indicators.order_by("level", "position", "id"))
    children: dict = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    labels = dict(AssessMethod.choices)
    out = []

    def walk(item):
        names = ["", "", ""]
        names[item.level - 1] = item.name
        out.append(
            (
                item.level,
                [
                    item.code,
                    *names,
                    float(item.points),
                    item.get_scoring_method_display(),
                    item.guide,
                    item.evidence_note or ("需要" if item.evidence_required else ""),
                    "、".join(labels.get(m, m) for m in item.methods),
                    (item.veto_note or "是") if item.is_veto else "",
                ],
            )
        )
        for child in children.get(item.pk, []):
            walk(child)

    for root in children.get(None, []):
        walk(root)
    return out


def write_table(system=None, *, with_notes: bool = True) -> bytes:
    """The system's table (or, without a system, the blank template) as .xlsx bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    _write_sheet(sheet, _meta_rows(system), _indicator_rows(system) if system else [])
    if system is None:
        example = workbook.create_sheet(EXAMPLE_SHEET)
        _write_sheet(example, example_meta(), example_rows(BRANCH_STANDARD))
    if with_notes:
        notes = workbook.create_sheet(NOTES_SHEET)
        notes.column_dimensions["A"].width = 16
        notes.column_dimensions["B"].width = 100
        for index, (key, text) in enumerate(NOTES, start=1):
            notes.append([key, text])
            notes.cell(index, 1).font = META_FONT if index > 1 else TITLE_FONT
            notes.cell(index, 2).alignment = WRAP
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_sheet(sheet, meta, rows) -> None:
    for key, value in meta:
        sheet.append([key, value])
        sheet.cell(sheet.max_row, 1).font = META_FONT
        keep_as_text(sheet.cell(sheet.max_row, 2))
    sheet.append([])
    sheet.append(COLUMNS)
    header_row = sheet.max_row
    for index, width in enumerate(WIDTHS, start=1):
        cell = sheet.cell(header_row, index)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.column_dimensions["B"].width = max(WIDTHS[1], 18)
    for level, values in rows:
        sheet.append(values)
        for index in range(1, len(COLUMNS) + 1):
            cell = sheet.cell(sheet.max_row, index)
            keep_as_text(cell)
            cell.border, cell.alignment = BORDER, WRAP
            if level == 1:
                cell.fill = LEVEL1_FILL
                cell.font = META_FONT
        sheet.cell(sheet.max_row, 1).number_format = "@"
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    last = max(sheet.max_row, header_row + 200)
    for letter, choices in (("F", "加分,扣分"), ("J", "是,否")):
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.showErrorMessage = False
        validation.add(f"{letter}{header_row + 1}:{letter}{last}")
        sheet.add_data_validation(validation)
