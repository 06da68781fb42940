from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions
from partybrand.core.choices import SessionAudit, UserAudit


class CoreConfig(AppConfig):
    name = "partybrand.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from partybrand.core import signals  # noqa: F401  (connects the sign-in audit)

        register_actions(UserAudit)
        register_actions(SessionAudit)
