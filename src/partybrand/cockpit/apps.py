from django.apps import AppConfig

from partybrand.cockpit.choices import CockpitAudit
from partybrand.core.audit_registry import register_actions


class CockpitConfig(AppConfig):
    name = "partybrand.cockpit"
    label = "cockpit"
    verbose_name = "品牌驾驶舱"

    def ready(self) -> None:
        from partybrand.cockpit import jobs, report, signals
        from partybrand.documents.registry import register_kind, register_subject
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner

        register_actions(CockpitAudit)
        register_runner(JobKind.HEALTH_RECOMPUTE, jobs.run_recompute, steps=jobs.STEPS)
        register_subject(report.COCKPIT_SUBJECT)
        register_kind(report.REPORT_KIND)  # 分析报告 on the documents layer
        signals.connect()  # the events that change a brand's index queue its recomputation
