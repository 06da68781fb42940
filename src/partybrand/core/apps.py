from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions
from partybrand.core.choices import LoginAudit, TokenAudit, UserAudit


class CoreConfig(AppConfig):
    name = "partybrand.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        register_actions(UserAudit)
        register_actions(LoginAudit)
        register_actions(TokenAudit)
        from partybrand.core import token_signals

        token_signals.connect()
