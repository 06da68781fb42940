from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions
from partybrand.demo.choices import DemoAudit


class DemoConfig(AppConfig):
    name = "partybrand.demo"
    label = "demo"
    verbose_name = "演示数据"

    def ready(self) -> None:
        register_actions(DemoAudit)
