from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.supervision.choices import AUDIT_CHANGE_KEYS, SupervisionAudit


class SupervisionConfig(AppConfig):
    name = "partybrand.supervision"
    label = "supervision"
    verbose_name = "督办与复盘"

    def ready(self) -> None:
        from partybrand.notices.registry import register_kinds, register_reminders
        from partybrand.supervision.choices import SupervisionNotice
        from partybrand.supervision.services.reviews import rectification_reminders

        register_kinds(SupervisionNotice)
        register_reminders("supervision.rectification", rectification_reminders)
        register_actions(SupervisionAudit)
        register_change_keys("supervision", AUDIT_CHANGE_KEYS)
