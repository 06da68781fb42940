from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions


class AccountsConfig(AppConfig):
    name = "partybrand.accounts"
    label = "accounts"
    verbose_name = "账号"

    def ready(self) -> None:
        from partybrand.accounts import signals
        from partybrand.accounts.choices import AccountAudit

        register_actions(AccountAudit)
        signals.connect()
