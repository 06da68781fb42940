from django.apps import AppConfig

from partybrand.benchmarks.choices import BenchmarkAudit
from partybrand.core.audit_registry import register_actions


class BenchmarksConfig(AppConfig):
    name = "partybrand.benchmarks"
    label = "benchmarks"
    verbose_name = "标杆品牌库"

    def ready(self) -> None:
        register_actions(BenchmarkAudit)
