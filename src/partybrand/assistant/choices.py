"""Choices of the AI assistant, with the labels users know."""

from django.db import models

from partybrand.core.audit_registry import Key


class AssistantAudit(models.TextChoices):
    """What the audit log records of the assistant: every request for candidates."""

    CANDIDATES = "assistant_candidates", "AI 助手生成候选主题"
    TRADE_SET = "assistant_trade_set", "指定所属行业"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "provider": Key("生成方式", choices=(("offline", "离线引擎"), ("openai", "大模型服务"))),
    "count": "生成候选（条）",
    "requested": "请求候选（条）",
    "dropped": "过滤掉（条）",
    "trade": "所属行业",
    "inferred": "自动判断的行业",
}
