"""Choices of the AI assistant, with the labels users know."""

from django.db import models

from partybrand.core.audit_registry import Key


class AssistantAudit(models.TextChoices):
    """What the audit log records of the assistant: every request for candidates."""

    CANDIDATES = "assistant_candidates", "AI 助手生成候选主题"
    TRADE_SET = "assistant_trade_set", "指定所属行业"
    SECTION_DRAFT_ACCEPTED = "assistant_section_draft_accepted", "采纳文书起草建议"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "provider": Key("生成方式", choices=(("offline", "离线引擎"), ("openai", "大模型服务"))),
    "count": "生成候选（条）",
    "requested": "请求候选（条）",
    "dropped": "过滤掉（条）",
    "trade": "所属行业",
    "inferred": "自动判断的行业",
}

# The same for the audit rows of drafts accepted into a document (rows about the document).
DRAFT_CHANGE_KEYS = {
    "provider": AUDIT_CHANGE_KEYS["provider"],
    "section": "文书部分",
    "mode": Key("采纳方式", choices=(("replace", "替换原文"), ("append", "追加在原文后"))),
    "version": "版本",
}
