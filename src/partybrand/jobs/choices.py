"""Kinds and states of background work, with the labels users see."""

from django.db import models

from partybrand.core.audit_registry import Key, choice_labels


class JobKind(models.TextChoices):
    MEMBER_IMPORT = "member_import", "导入党员"
    ORG_IMPORT = "org_import", "导入组织"
    MEMBER_EXPORT = "member_export", "导出党员名册"
    ORG_EXPORT = "org_export", "导出组织"
    AUDIT_EXPORT = "audit_export", "导出审计日志"
    THEME_INDEX_REBUILD = "theme_index_rebuild", "重建品牌相似度索引"
    DOCUMENT_RENDER = "document_render", "生成文书 PDF"
    ASSISTANT_CANDIDATES = "assistant_candidates", "AI 助手生成候选"
    ASSISTANT_MEANING = "assistant_meaning", "AI 助手解释内涵"
    ASSISTANT_CRITIQUE = "assistant_critique", "AI 助手点评候选"
    ASSISTANT_SECTION_DRAFT = "assistant_section_draft", "AI 助手起草文书部分"
    SURVEY_EXPORT = "survey_export", "导出问卷答卷"
    SURVEY_CODES = "survey_codes", "生成作答码打印单"
    INDICATOR_EXPORT = "indicator_export", "导出指标体系"
    KNOWLEDGE_PARSE = "knowledge_parse", "解析学习资料"
    KNOWLEDGE_ANSWER = "knowledge_answer", "党建AI问答（大模型）"
    HEALTH_RECOMPUTE = "health_recompute", "计算品牌健康度"
    ROUND_RESULTS = "round_results", "计算评审结果"


class JobState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


FINAL_STATES = (JobState.DONE, JobState.FAILED)


class JobAudit(models.TextChoices):
    """What the audit log records of background work."""

    JOB_START = "job_start", "开始后台任务"
    JOB_FAILED = "job_failed", "后台任务失败"
    JOB_RERUN = "job_rerun", "重新执行后台任务"


AUDIT_CHANGE_KEYS = {
    "kind": Key("任务类型", choices=choice_labels(JobKind)),
    "attempts": "尝试次数",
    "error": "错误",
}
