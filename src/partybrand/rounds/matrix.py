"""The score matrix (.xlsx): one row per entry, one column per expert (the sheet's total; 未交 when
not submitted, 回避 when the expert does not score it), then the expert score, vote, total, rank
and tier."""

from partybrand.core import clock, sheets
from partybrand.rounds.models import Entry, PanelMember, Round, ScoreSheet


def score_matrix_xlsx(round_: Round) -> bytes:
    members = list(
        PanelMember.objects.filter(round=round_).select_related("user").order_by("group_id", "id")
    )
    totals = {
        (member_id, entry_id): (total, submitted)
        for member_id, entry_id, total, submitted in ScoreSheet.objects.filter(
            round=round_
        ).values_list("assignment__member_id", "entry_id", "total", "submitted_at")
    }
    entries = (
        Entry.objects.filter(round=round_, status__in=_SHOWN)
        .select_related("brand", "org", "awarded_tier")
        .order_by("rank", "id")
    )
    head = [
        "排名",
        "品牌名称",
        "申报组织",
        *[str(m.user) for m in members],
        "专家评分",
        "投票得分",
        "总分",
        "评分分歧",
        "评定等次",
    ]
    book = sheets.new_workbook()
    sheet = book.active
    sheet.title = "评分汇总表"
    sheet.append([f"{round_.title}评分汇总表（{clock.chinese_date(clock.today())}）"])
    sheets.title(sheet["A1"])
    sheets.page_setup(
        sheet,
        header_row=2,
        widths=[8, 20, 20, *[10] * len(members), 10, 10, 10, 10, 12],
        frozen_columns=2,
    )
    sheets.append(sheet, head, sheets.header)
    for entry in entries:
        cells = []
        for member in members:
            got = totals.get((member.pk, entry.pk))
            cells.append("回避" if got is None else (got[0] if got[1] else "未交"))
        sheets.append(
            sheet,
            [
                entry.rank or "",
                entry.brand.name,
                entry.org.name,
                *cells,
                entry.expert_score,
                entry.vote_score,
                entry.final_score,
                "是" if entry.divergent else "",
                entry.awarded_tier.name if entry.awarded_tier else "",
            ],
        )
    return sheets.to_bytes(book)


_SHOWN = ("prescreen_passed", "scored", "ranked", "publicized", "named", "not_named")
