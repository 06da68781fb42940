from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.sso.choices import AUDIT_CHANGE_KEYS, SsoAudit


class SsoConfig(AppConfig):
    name = "partybrand.sso"
    label = "sso"
    verbose_name = "统一身份认证与动态口令"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from partybrand.sso.signals import note_second_factor

        register_actions(SsoAudit)
        register_change_keys(["sso", "orgs.member"], AUDIT_CHANGE_KEYS)
        user_logged_in.connect(note_second_factor, dispatch_uid="sso-second-factor")
