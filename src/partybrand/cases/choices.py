"""Choices of 典型案例, 案例汇编 and 新闻稿: the states of a case on its way from the branch to
the group committee and upward, the levels at which a case may be adopted, and the audit actions
and notice kinds."""

from django.db import models


class CaseState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待上级审核"
    FORWARDED = "forwarded", "待党委审定"
    RETURNED = "returned", "已退回修改"
    PUBLISHED = "published", "已发布"
    REPORTED = "reported", "已上报"
    ADOPTED = "adopted", "已采用"


EDITABLE = (CaseState.DRAFT, CaseState.RETURNED)
# Published inside the group: what the showcase, the brand page and 汇编 may show.
PUBLIC = (CaseState.PUBLISHED, CaseState.REPORTED, CaseState.ADOPTED)


class CaseAction(models.TextChoices):
    """One step of a case, as its timeline names it."""

    SUBMIT = "submit", "提交上级审核"
    FORWARD = "forward", "审核通过，报送党委"
    RETURN = "return", "退回修改"
    PUBLISH = "publish", "审定发布"
    REPORT = "report", "向上级报送"
    ADOPT = "adopt", "记录采用情况"


class AdoptionLevel(models.TextChoices):
    TEAM = "team", "班组"
    COMPANY = "company", "公司"
    GROUP = "group", "集团"
    PROVINCE = "province", "省部"
    NATION = "nation", "国家"


class CaseSection(models.TextChoices):
    """The editable parts of a typical case, in the order they are written."""

    SUMMARY = "summary", "摘要"
    BACKGROUND = "background", "背景与起因"
    PRACTICE = "practice", "做法与经过"
    RESULTS = "results", "成效及启示"
    APPENDIX = "appendix", "附录"


# What the body limit counts: every part but the 附录.
BODY_SECTIONS = (
    CaseSection.SUMMARY,
    CaseSection.BACKGROUND,
    CaseSection.PRACTICE,
    CaseSection.RESULTS,
)


class NewsSection(models.TextChoices):
    LEAD = "lead", "导语"
    BODY = "body", "正文"


class CasesAudit(models.TextChoices):
    """What the audit log records of cases, 汇编 and 新闻稿."""

    CASE_CREATE = "case_create", "新建典型案例"
    CASE_UPDATE = "case_update", "修改典型案例"
    CASE_DRAFT = "case_draft", "从平台数据起草典型案例"
    CASE_PHOTO_ADD = "case_photo_add", "上传案例照片"
    CASE_PHOTO_REMOVE = "case_photo_remove", "删除案例照片"
    CASE_PHOTO_CAPTION = "case_photo_caption", "修改案例照片说明"
    CASE_SUBMIT = "case_submit", "提交典型案例"
    CASE_FORWARD = "case_forward", "报送典型案例至党委"
    CASE_RETURN = "case_return", "退回典型案例"
    CASE_PUBLISH = "case_publish", "发布典型案例"
    CASE_REPORT = "case_report", "向上级报送典型案例"
    CASE_ADOPT = "case_adopt", "记录典型案例采用情况"
    CASE_LIMIT_SET = "case_limit_set", "设置案例正文字数上限"
    COMPILATION_CREATE = "compilation_create", "新建案例汇编"
    COMPILATION_UPDATE = "compilation_update", "调整案例汇编"
    NEWS_CREATE = "news_create", "新建新闻稿"
    NEWS_UPDATE = "news_update", "修改新闻稿"


class CasesNotice(models.TextChoices):
    CASE_TO_REVIEW = "case_to_review", "待审核的典型案例"
    CASE_RETURNED = "case_returned", "典型案例被退回"
    CASE_PUBLISHED = "case_published", "典型案例已发布"
    CASE_ADOPTED = "case_adopted", "典型案例被采用"


# The parts of a case and of a 新闻稿 as the documents layer's edits name them (keys of its rows).
DOCUMENT_SECTION_KEYS = {
    **{str(key): str(label) for key, label in CaseSection.choices},
    **{str(key): str(label) for key, label in NewsSection.choices},
}

AUDIT_CHANGE_KEYS = {
    "case": "典型案例",
    "authors": "作者",
    "photos": "照片",
    "sections": "起草部分",
    "reported_to": "报送对象",
    "reported_on": "报送日期",
    "adopted": "是否采用",
    "level": "采用层级",
    "cases": "收录案例",
    "max_chars": "正文字数上限",
    "activity": "来源活动",
}
