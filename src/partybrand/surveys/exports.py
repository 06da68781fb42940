"""All responses of a survey as an .xlsx workbook: one row per response, one column per question."""

from partybrand.core import sheets
from partybrand.surveys.choices import QuestionKind, RespondentStatus
from partybrand.surveys.models import Response, Survey


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


def responses_workbook(survey: Survey, questions, *, with_names: bool, track=None) -> bytes:
    """Names of named respondents only when `with_names`; never phone or ID numbers.
    `track(responses)` wraps the responses as they are written (background work counts them)."""
    book = sheets.new_workbook()
    sheet = book.active
    sheet.title = "答卷"
    header = ["序号", "提交时间", "方式", *(["姓名"] if with_names else []), "所在组织", "身份"]
    header += [f"{n}. {q.title}" for n, q in enumerate(questions, start=1)]
    widths = [6, 18, 6, *([10] if with_names else []), 22, 10] + [28] * len(questions)
    sheets.page_setup(sheet, header_row=1, widths=widths)
    sheets.append(sheet, header, sheets.header)  # question titles are user text
    responses = (
        Response.objects.filter(survey=survey)
        .select_related("member", "respondent_org")
        .prefetch_related("answers")
        .order_by("submitted_at", "id")
    )
    labels = dict(RespondentStatus.choices)
    found = responses.iterator(chunk_size=500)
    for number, response in enumerate(track(found) if track else found, start=1):
        values = {a.question_id: a.value for a in response.answers.all()}
        row = [
            number,
            response.submitted_at,  # written in Beijing time by sheets
            "匿名" if response.is_anonymous else "实名",
        ]
        if with_names:
            row.append("" if response.is_anonymous or not response.member else response.member.name)
        row += [
            response.respondent_org.name if response.respondent_org else "未说明",
            labels.get(response.respondent_status, ""),
        ]
        row += [format_value(q, values.get(q.pk)) for q in questions]
        sheets.append(sheet, row)  # answers come from anyone with the link: kept as text
    return sheets.to_bytes(book)
