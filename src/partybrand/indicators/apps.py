from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions
from partybrand.indicators.choices import IndicatorAudit


class IndicatorsConfig(AppConfig):
    name = "partybrand.indicators"
    label = "indicators"
    verbose_name = "指标体系"

    def ready(self) -> None:
        register_actions(IndicatorAudit)
