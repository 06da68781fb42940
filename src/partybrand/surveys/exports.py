"""All responses of a survey as an .xlsx workbook: one row per response, one column per question."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from partybrand.core import clock
from partybrand.core.tabular import keep_as_text
from partybrand.surveys.choices import QuestionKind, RespondentStatus
from partybrand.surveys.models import Response, Survey

HEADER_FILL = PatternFill("solid", fgColor="FBE9E7")


def format_value(question, value) -> str:
    if value is None:
        return ""
    kind, options = question.kind, question.options
    if kind == QuestionKind.SINGLE:
        return options[value] if 0 <= value < len(options) else ""
    if kind == QuestionKind.MULTIPLE:
        return "、".join(options[i] for i in value if 0 <= i < len(options))
    if kind == QuestionKind.RANKING:
        return " ".join(
            f"{rank}.{options[i]}" for rank, i in enumerate(value, start=1) if 0 <= i < len(options)
        )
    if kind == QuestionKind.RATING:
        return value
    if kind == QuestionKind.NAME_PROPOSAL:
        parts = [f"名称：{value.get('name', '')}"]
        if value.get("slogan"):
            parts.append(f"口号：{value['slogan']}")
        if value.get("reason"):
            parts.append(f"理由：{value['reason']}")
        return "；".join(parts)
    return str(value)


def responses_workbook(survey: Survey, questions, *, with_names: bool) -> bytes:
    """Names of named respondents only when `with_names`; never phone or ID numbers."""
    book = Workbook()
    sheet = book.active
    sheet.title = "答卷"
    header = ["序号", "提交时间", "方式", *(["姓名"] if with_names else []), "所在组织", "身份"]
    header += [f"{n}. {q.title}" for n, q in enumerate(questions, start=1)]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    responses = (
        Response.objects.filter(survey=survey)
        .select_related("member", "respondent_org")
        .prefetch_related("answers")
        .order_by("submitted_at", "id")
    )
    labels = dict(RespondentStatus.choices)
    for number, response in enumerate(responses.iterator(chunk_size=500), start=1):
        values = {a.question_id: a.value for a in response.answers.all()}
        row = [
            number,
            clock.local(response.submitted_at).replace(tzinfo=None),
            "匿名" if response.is_anonymous else "实名",
        ]
        if with_names:
            row.append("" if response.is_anonymous or not response.member else response.member.name)
        row += [
            response.respondent_org.name if response.respondent_org else "未说明",
            labels.get(response.respondent_status, ""),
        ]
        row += [format_value(q, values.get(q.pk)) for q in questions]
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            keep_as_text(cell)  # answers come from anyone with the link
    widths = [6, 18, 6, *([10] if with_names else []), 22, 10] + [28] * len(questions)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
