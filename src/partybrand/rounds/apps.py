from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.rounds.choices import AUDIT_CHANGE_KEYS, RoundsAudit


class RoundsConfig(AppConfig):
    name = "partybrand.rounds"
    label = "rounds"
    verbose_name = "品牌评选"

    def ready(self) -> None:
        register_actions(RoundsAudit)
        register_change_keys("rounds", AUDIT_CHANGE_KEYS)
