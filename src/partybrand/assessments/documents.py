"""The score sheet (.xlsx) and the assessment report (.docx)."""

from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.tree import indicator_tree
from partybrand.core import sheets

HEADERS = [
    "一级指标",
    "编号",
    "评分项",
    "分值",
    "计分方式",
    "评分标准",
    "自评得分",
    "评定得分",
    "自评说明",
    "佐证材料",
]


def _rows(assessment):
    tree = indicator_tree(assessment.system)
    items = {
        i.indicator_id: i
        for i in assessment.items.select_related("indicator").prefetch_related("evidence")
    }
    for leaf in tree.leaves:
        item = items.get(leaf.pk)
        if item is None:
            continue
        yield tree.top_of[leaf.pk], leaf, item


WIDTHS = (16, 8, 30, 8, 10, 40, 10, 10, 36, 26)
DIMENSION_HEADERS = ["一级指标", "满分", "得分", "失分", "得分率"]
DIMENSION_WIDTHS = (24, 10, 10, 10, 10)


def _number(value):
    return float(value) if value is not None else None


def score_sheet(assessment) -> bytes:
    wb = sheets.new_workbook()
    ws = wb.active
    ws.title = "评分表"
    ws.append([f"{assessment.org.name}{assessment.period}评分表（{assessment.system.name}）"])
    sheets.title(ws["A1"])
    sheets.page_setup(ws, header_row=2, widths=WIDTHS)
    sheets.append(ws, HEADERS, sheets.header)
    for top, leaf, item in _rows(assessment):
        # notes and evidence titles are user text: sheets keeps them text, never a formula
        sheets.append(
            ws,
            [
                top.name,
                leaf.code,
                leaf.name,
                float(leaf.points),
                leaf.get_scoring_method_display(),
                leaf.guide,
                _number(item.self_score),
                _number(item.final_score),
                item.note,
                "、".join(e.title for e in item.evidence.all()),
            ],
        )
    ws.append([])
    totals = [("自评总分", _number(assessment.self_total))]
    if assessment.status == AssessmentStatus.FINALISED:
        totals += [("评定得分", _number(assessment.final_score)), ("星级", assessment.star_label)]
    for caption, value in totals:
        ws.append([caption, value])
        sheets.label(ws.cell(ws.max_row, 1))
        sheets.body(ws.cell(ws.max_row, 2), border=False, wrap=False)
    if assessment.status == AssessmentStatus.FINALISED:
        _dimension_sheet(wb.create_sheet("一级指标得分"), assessment)
    return sheets.to_bytes(wb)


def _dimension_sheet(ws, assessment) -> None:
    """Each 一级 indicator's score, what was lost and the rate (a number shown as 87.5%)."""
    ws.append([f"{assessment.org.name}{assessment.period}各一级指标得分"])
    sheets.title(ws["A1"])
    sheets.page_setup(ws, header_row=2, widths=DIMENSION_WIDTHS)
    sheets.append(ws, DIMENSION_HEADERS, sheets.header)
    for d in assessment.dimensions.order_by("position", "id"):
        row = sheets.append(
            ws,
            [
                d.name,
                float(d.max_score),
                float(d.score),
                float(d.max_score - d.score),
                float(d.percent) / 100,
            ],
        )
        ws.cell(row, len(DIMENSION_HEADERS)).number_format = sheets.PERCENT_1_FORMAT
