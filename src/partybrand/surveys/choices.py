"""Choices of surveys, with the labels users know."""

from django.db import models


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    CLOSED = "closed", "已结束"


# The lifecycle: action -> (allowed source states, target state).
TRANSITIONS = {
    "publish": ({SurveyStatus.DRAFT}, SurveyStatus.PUBLISHED),
    "close": ({SurveyStatus.PUBLISHED}, SurveyStatus.CLOSED),
}


class AnswerMode(models.TextChoices):
    NAMED = "named", "实名（党员登录后填写）"
    ANONYMOUS = "anonymous", "匿名（凭链接或二维码填写）"
    BOTH = "both", "实名与匿名均可"


class RepeatPolicy(models.TextChoices):
    NONE = "none", "不限制"
    DEVICE = "device", "每台设备限填一次"
    IP_DAILY = "ip_daily", "每个网络地址每天限填一次"
    CODE = "code", "凭一次性码作答（每码限用一次）"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选题"
    MULTIPLE = "multiple", "多选题"
    RATING = "rating", "评分题"
    RANKING = "ranking", "排序题"
    TEXT_SHORT = "text_short", "填空题（简短）"
    TEXT_LONG = "text_long", "问答题（详细）"
    NAME_PROPOSAL = "name_proposal", "品牌名称征集"


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING}
TEXT_KINDS = {QuestionKind.TEXT_SHORT, QuestionKind.TEXT_LONG}
# Questions whose answers are words worth counting (free text and proposal reasons).
WORD_KINDS = TEXT_KINDS | {QuestionKind.NAME_PROPOSAL}


class RespondentStatus(models.TextChoices):
    FULL = "full", "正式党员"
    PROBATIONARY = "probationary", "预备党员"
    MASS = "mass", "群众"
    UNKNOWN = "unknown", "未说明"


# The values once: `RespondentStatus.values` builds a list at each use (every anonymous answer).
RESPONDENT_STATUSES = frozenset(RespondentStatus.values)


class SurveyAudit(models.TextChoices):
    """What the audit log records of surveys, their questions and answers."""

    CREATE = "survey_create", "新建问卷"
    UPDATE = "survey_update", "修改问卷"
    PUBLISH = "survey_publish", "发布问卷"
    CLOSE = "survey_close", "结束问卷"
    DELETE = "survey_delete", "删除问卷"
    QUESTION_ADD = "question_add", "添加题目"
    QUESTION_UPDATE = "question_update", "修改题目"
    QUESTION_MOVE = "question_move", "调整题目顺序"
    QUESTION_DELETE = "question_delete", "删除题目"
    ANSWER = "survey_answer", "提交答卷"
    ANSWER_UPDATE = "survey_answer_update", "修改答卷"
    CODES_CREATE = "survey_codes_create", "生成一次性作答码"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "question": "题目",
    "kind": "题型",
    "direction": "调整顺序",
    "response": "答卷编号",
    "count": "数量",
}
