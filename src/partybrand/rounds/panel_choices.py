"""Audit actions of the round's panel, 路演, results, vote, 公示 and 命名."""

from django.db import models


class PanelAudit(models.TextChoices):
    MEMBER_ADD = "round_member_add", "添加评审专家"
    MEMBER_DRAW = "round_member_draw", "随机抽取评审专家"
    CONFLICT = "round_conflict", "专家申明回避"
    ASSIGN = "round_assign", "分配评审任务"
    SHEET_SAVE = "round_sheet_save", "暂存评分表"
    SHEET_SUBMIT = "round_sheet_submit", "提交评分表"
    ROADSHOW_START = "round_roadshow_start", "开始现场路演"
    ROADSHOW_OPEN = "round_roadshow_open", "开始路演项目"
    ROADSHOW_CLOSE = "round_roadshow_close", "结束路演项目并锁定评分"
    ROADSHOW_RELEASE = "round_roadshow_release", "展示路演项目结果"
    RESULTS_COMPUTE = "round_results_compute", "计算评审结果"
    RESULTS_CONFIRM = "round_results_confirm", "确认评审结果"
    VOTE_CAST = "round_vote_cast", "网络投票"
    PUBLICITY_START = "round_publicity_start", "公示评审结果"
    OBJECTION_RAISE = "round_objection_raise", "提出公示异议"
    OBJECTION_ANSWER = "round_objection_answer", "答复公示异议"
    NAMING_DECIDE = "round_naming_decide", "印发命名决定"


class PanelNotice(models.TextChoices):
    """Notices of the panel and results, registered with notices."""

    SHEETS_ASSIGNED = "round_sheets_assigned", "评审任务已分配"
    ROUND_NAMED = "round_named", "评选命名决定已印发"


# How entries with the same score are ordered (stated on the results page and in the report).
TIE_RULES = [
    "总分高者在前",
    "总分相同时，专家评分高者在前",
    "仍相同时，专家评分中最低分较高者在前（评价更一致）",
    "仍相同时，先提交申报者在前",
]


# Keys of the panel's audit rows' `changes` that are no field of the row's model.
PANEL_CHANGE_KEYS = {
    "expert": "评审专家",
    "group": "评审组",
    "chair": "组长",
    "seed": "随机种子",
    "pool": "专家库（编号）",
    "drawn": "抽取结果",
    "entries": "分配的申报",
    "assigned": "分配份数",
    "skipped": "回避",
    "total": "总分",
    "minutes": "每项路演时长（分钟）",
    "score": "专家评分",
    "ranked": "排名数",
    "awarded": "评定等次数",
    "divergent": "评分分歧",
    "short": "评分表不足",
    "listed": "公示名单数",
    "ends_on": "公示截止日期",
    "upheld": "异议成立",
    "doc_number": "命名决定文号",
    "named": "命名数",
}
