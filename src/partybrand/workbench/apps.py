from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "partybrand.workbench"
    label = "workbench"
    verbose_name = "工作台"

    def ready(self) -> None:
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner
        from partybrand.showcase.poster import register_logo_rasteriser
        from partybrand.workbench import audit_jobs
        from partybrand.workbench.documents import register_document_kinds
        from partybrand.workbench.documents.svg import svg_to_png

        register_runner(JobKind.AUDIT_EXPORT, audit_jobs.run_audit_export, steps=audit_jobs.STEPS)
        register_document_kinds()
        register_logo_rasteriser(svg_to_png)
