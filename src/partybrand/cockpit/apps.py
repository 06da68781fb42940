from django.apps import AppConfig

from partybrand.cockpit.choices import CockpitAudit
from partybrand.core.audit_registry import register_actions


class CockpitConfig(AppConfig):
    name = "partybrand.cockpit"
    label = "cockpit"
    verbose_name = "品牌驾驶舱"

    def ready(self) -> None:
        from partybrand.cockpit import jobs, signals
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner

        register_actions(CockpitAudit)
        register_runner(JobKind.HEALTH_RECOMPUTE, jobs.run_recompute, steps=jobs.STEPS)
        signals.connect()  # the events that change a brand's index queue its recomputation
