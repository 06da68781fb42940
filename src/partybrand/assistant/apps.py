from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "partybrand.assistant"
    label = "assistant"
    verbose_name = "AI 助手"
