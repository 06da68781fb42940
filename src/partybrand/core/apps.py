from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.core.choices import (
    AUDIT_CHANGE_KEYS,
    LoginAudit,
    SessionAudit,
    TokenAudit,
    UserAudit,
)


class CoreConfig(AppConfig):
    name = "partybrand.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        # signals connects the sign-in audit; token_signals ends tokens with their password.
        from partybrand.core import signals, token_signals  # noqa: F401

        register_actions(UserAudit)
        register_actions(SessionAudit)
        register_actions(LoginAudit)
        register_actions(TokenAudit)
        register_change_keys("core", AUDIT_CHANGE_KEYS)
        token_signals.connect()
