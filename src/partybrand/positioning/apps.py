from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.positioning.choices import AUDIT_CHANGE_KEYS, PositioningAudit


class PositioningConfig(AppConfig):
    name = "partybrand.positioning"
    label = "positioning"
    verbose_name = "品牌定位"

    def ready(self) -> None:
        register_actions(PositioningAudit)
        register_change_keys("positioning", AUDIT_CHANGE_KEYS)
