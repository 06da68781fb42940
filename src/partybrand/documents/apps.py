from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "partybrand.documents"
    label = "documents"
    verbose_name = "文书"

    def ready(self) -> None:
        from partybrand.core.audit_registry import register_actions, register_change_keys
        from partybrand.documents import jobs, subjects
        from partybrand.documents.choices import AUDIT_CHANGE_KEYS, DocumentAudit
        from partybrand.documents.registry import register_subject
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner

        register_actions(DocumentAudit)
        register_change_keys("documents", AUDIT_CHANGE_KEYS)
        register_subject(subjects.ORG)
        register_runner(JobKind.DOCUMENT_RENDER, jobs.run_document_render, steps=jobs.STEPS)
