from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.indicators.choices import AUDIT_CHANGE_KEYS, IndicatorAudit


class IndicatorsConfig(AppConfig):
    name = "partybrand.indicators"
    label = "indicators"
    verbose_name = "指标体系"

    def ready(self) -> None:
        from partybrand.indicators import export_jobs
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner

        register_runner(JobKind.INDICATOR_EXPORT, export_jobs.run_export, steps=export_jobs.STEPS)
        register_actions(IndicatorAudit)
        register_change_keys("indicators", AUDIT_CHANGE_KEYS)
