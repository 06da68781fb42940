from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.demo.choices import AUDIT_CHANGE_KEYS, DemoAudit


class DemoConfig(AppConfig):
    name = "partybrand.demo"
    label = "demo"
    verbose_name = "演示数据"

    def ready(self) -> None:
        register_actions(DemoAudit)
        register_change_keys("orgs.organization", AUDIT_CHANGE_KEYS)
