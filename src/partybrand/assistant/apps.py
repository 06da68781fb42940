from django.apps import AppConfig

from partybrand.assistant.choices import AUDIT_CHANGE_KEYS, DRAFT_CHANGE_KEYS, AssistantAudit
from partybrand.core.audit_registry import register_actions, register_change_keys


class AssistantConfig(AppConfig):
    name = "partybrand.assistant"
    label = "assistant"
    verbose_name = "AI 助手"

    def ready(self) -> None:
        register_actions(AssistantAudit)
        register_change_keys(("brands.brand", "orgs.organization"), AUDIT_CHANGE_KEYS)
        register_change_keys("documents.document", DRAFT_CHANGE_KEYS)
        # Drafting help for documents runs through a configured model in the background.
        from partybrand.assistant import drafting_jobs
        from partybrand.jobs.registry import register_runner

        register_runner(
            drafting_jobs.KIND, drafting_jobs.run_section_draft, steps=drafting_jobs.STEPS
        )
