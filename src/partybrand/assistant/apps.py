from django.apps import AppConfig

from partybrand.assistant.choices import AssistantAudit
from partybrand.core.audit_registry import register_actions


class AssistantConfig(AppConfig):
    name = "partybrand.assistant"
    label = "assistant"
    verbose_name = "AI 助手"

    def ready(self) -> None:
        register_actions(AssistantAudit)
