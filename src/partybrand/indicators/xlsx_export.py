"""Exporting an indicator system as .xlsx, laid out as in xlsx_layout.py so the file imports
again as a new version; without a system, the blank template with its 示例 and 说明 sheets."""

from openpyxl.worksheet.datavalidation import DataValidation

from partybrand.core import sheets
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
    workbook = sheets.new_workbook()
    sheet = workbook.active
    sheet.title = SHEET
    _write_sheet(sheet, _meta_rows(system), _indicator_rows(system) if system else [])
    if system is None:
        example = workbook.create_sheet(EXAMPLE_SHEET)
        _write_sheet(example, example_meta(), example_rows(BRANCH_STANDARD))
    if with_notes:
        notes = workbook.create_sheet(NOTES_SHEET)
        sheets.page_setup(notes, header_row=1, widths=(16, 100), landscape=False)
        for index, (key, text) in enumerate(NOTES, start=1):
            notes.append([key, text])
            if index == 1:
                sheets.title(notes.cell(index, 1))
            else:
                sheets.label(notes.cell(index, 1))
                sheets.body(notes.cell(index, 2), border=False)
    return sheets.to_bytes(workbook)


def _write_sheet(sheet, meta, rows) -> None:
    for key, value in meta:
        sheet.append([key, value])
        sheets.label(sheet.cell(sheet.max_row, 1))
        sheets.body(sheet.cell(sheet.max_row, 2), border=False, wrap=False)
    sheet.append([])
    header_row = sheets.append(sheet, COLUMNS, sheets.header)
    widths = list(WIDTHS)
    widths[1] = max(widths[1], 18)  # the information rows' values start in column B
    sheets.page_setup(sheet, header_row=header_row, widths=widths)
    for level, values in rows:
        group = {"font": sheets.STRONG_FONT, "fill": sheets.BAND_FILL} if level == 1 else {}
        row = sheets.append(sheet, values, **group)
        sheet.cell(row, 1).number_format = sheets.TEXT_FORMAT  # codes: 1.10 is not 1.1
    last = max(sheet.max_row, header_row + 200)
    for letter, choices in (("F", "加分,扣分"), ("J", "是,否")):
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.showErrorMessage = False
        validation.add(f"{letter}{header_row + 1}:{letter}{last}")
        sheet.add_data_validation(validation)
