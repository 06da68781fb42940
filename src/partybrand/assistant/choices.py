"""Choices of the AI assistant, with the labels users know."""

from django.db import models


class AssistantAudit(models.TextChoices):
    """What the audit log records of the assistant: every request for candidates."""

    CANDIDATES = "assistant_candidates", "AI 助手生成候选主题"
