from django.apps import AppConfig

from partybrand.benchmarks.choices import AUDIT_CHANGE_KEYS, BenchmarkAudit
from partybrand.core.audit_registry import register_actions, register_change_keys


class BenchmarksConfig(AppConfig):
    name = "partybrand.benchmarks"
    label = "benchmarks"
    verbose_name = "标杆品牌库"

    def ready(self) -> None:
        register_actions(BenchmarkAudit)
        register_change_keys("benchmarks", AUDIT_CHANGE_KEYS)
