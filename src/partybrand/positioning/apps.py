from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions
from partybrand.positioning.choices import PositioningAudit


class PositioningConfig(AppConfig):
    name = "partybrand.positioning"
    label = "positioning"
    verbose_name = "品牌定位"

    def ready(self) -> None:
        register_actions(PositioningAudit)
