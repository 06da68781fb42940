"""Choices of 党建AI问答: the states of an uploaded document, the kinds of source a passage
comes from, the engines that answer, the ratings and the audit actions."""

from django.db import models


class DocumentState(models.TextChoices):
    PARSING = "parsing", "解析中"
    READY = "ready", "已入库"
    FAILED = "failed", "解析失败"


class SourceKind(models.TextChoices):
    """Where a passage comes from; apps add their own kinds with `sources.register_source`."""

    BRAND = "brand", "品牌档案"
    PRACTICE = "practice", "已有做法"
    PLAN = "plan", "创建计划"
    TASK = "task", "创建任务"
    CARRIER = "carrier", "活动载体"
    ACTIVITY = "activity", "载体活动"
    DOCUMENT = "document", "学习资料"
    CASE = "case", "典型案例"


class Engine(models.TextChoices):
    OFFLINE = "offline", "内置离线检索"
    MODEL = "model", "大模型"
    CORRECTION = "correction", "党建工作部校正"


class AnswerState(models.TextChoices):
    ANSWERED = "answered", "已回答"
    NO_ANSWER = "no_answer", "资料中未找到"
    PENDING = "pending", "等待大模型回答"
    FAILED = "failed", "大模型未回答"


class Rating(models.TextChoices):
    USEFUL = "useful", "有用"
    USELESS = "useless", "无用"


class KnowledgeAudit(models.TextChoices):
    DOCUMENT_UPLOAD = "knowledge_document_upload", "上传学习资料"
    DOCUMENT_PARSED = "knowledge_document_parsed", "学习资料解析完成"
    DOCUMENT_DELETE = "knowledge_document_delete", "删除学习资料"
    QUESTION_ASK = "knowledge_question_ask", "党建AI问答提问"
    ANSWER_REVIEW = "knowledge_answer_review", "评价党建AI问答"


AUDIT_CHANGE_KEYS = {
    "passages": "段落数",
    "question": "问题",
    "cited": "引用段落",
}
