from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions
from partybrand.sso.choices import SsoAudit


class SsoConfig(AppConfig):
    name = "partybrand.sso"
    label = "sso"
    verbose_name = "统一身份认证与动态口令"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from partybrand.sso.signals import note_second_factor

        register_actions(SsoAudit)
        user_logged_in.connect(note_second_factor, dispatch_uid="sso-second-factor")
