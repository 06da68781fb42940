"""Choices of the theme workshop (提炼品牌主题, DOMAIN.md §2.2), with the labels branches use."""

from django.db import models

from partybrand.core.audit_registry import Key, choice_labels


class WorkshopStage(models.TextChoices):
    COLLECTING = "collecting", "征集"
    VOTING = "voting", "投票"
    REVIEWING = "reviewing", "评议决定"
    PUBLICIZING = "publicizing", "公示"
    ADOPTED = "adopted", "已确定"


STAGE_ORDER = list(WorkshopStage.values)


class CandidateSource(models.TextChoices):
    MEMBER = "member", "党员提议"
    SURVEY = "survey", "问卷征集"
    STAFF = "staff", "支部提出"
    ASSISTANT = "assistant", "AI 助手"


class ScorerKind(models.TextChoices):
    STAFF = "staff", "支委"
    EXPERT = "expert", "评审专家"


# The three tastes of a good theme (DOMAIN.md §2.2), scored 1–5 by staff and experts.
SCORE_FIELDS = (("political", "政治味"), ("cultural", "文化味"), ("integration", "融合味"))


class ThemeAudit(models.TextChoices):
    """What the audit log records of the theme workshop."""

    WORKSHOP_START = "theme_workshop_start", "发起主题征集"
    CANDIDATE_ADD = "theme_candidate_add", "提出候选主题"
    CANDIDATE_SECOND = "theme_candidate_second", "附议候选主题"
    CANDIDATE_UPDATE = "theme_candidate_update", "修改候选主题"
    CANDIDATE_RECHECK = "theme_candidate_recheck", "重新检测候选主题"
    CANDIDATE_SHORTLIST = "theme_candidate_shortlist", "调整候选入围"
    CANDIDATE_DELETE = "theme_candidate_delete", "删除候选主题"
    SURVEY_IMPORT = "theme_survey_import", "导入问卷中的名称建议"
    VOTING_OPEN = "theme_voting_open", "开启投票"
    VOTE_CAST = "theme_vote_cast", "投票"
    VOTING_CLOSE = "theme_voting_close", "结束投票"
    SCORE_SAVE = "theme_score_save", "评分"
    EXPERT_INVITE = "theme_expert_invite", "邀请评审专家"
    DECISION_RECORD = "theme_decision_record", "评议决定"
    DECISION_WITHDRAW = "theme_decision_withdraw", "撤回决定"
    OBJECTION_ADD = "theme_objection_add", "提出公示异议"
    OBJECTION_ANSWER = "theme_objection_answer", "答复公示异议"
    ADOPT = "theme_adopt", "采用品牌主题"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "candidate": "候选",
    "from": Key("原品牌", fields_of="brands.brand"),
    "to": Key("采用后", fields_of="brands.brand"),
    "phrases": "关键词（个）",
    "expert": "评审专家",
    "round": "投票轮次",
    "opens_at": "投票开始",
    "closes_at": "投票截止",
    "closed_at": "投票结束",
    "candidates": "候选（个）",
    "votes": "投票（张）",
    "survey": "问卷",
    "added": "新增候选（个）",
    "merged": "合并到已有候选（个）",
    "proposals": "问卷建议（条）",
    "kind": Key("评分身份", choices=choice_labels(ScorerKind)),
    "created": "首次评分",
    "passed": "检查通过",
    "political": "政治味（分）",
    "cultural": "文化味（分）",
    "integration": "融合味（分）",
    "comment": "评语",
    "similar": "高度相似提示",
    "similar_reason": "仍予采用的理由",
}
