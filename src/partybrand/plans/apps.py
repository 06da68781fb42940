from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.plans.choices import AUDIT_CHANGE_KEYS, PlanAudit


class PlansConfig(AppConfig):
    name = "partybrand.plans"
    label = "plans"
    verbose_name = "创建计划与任务"

    def ready(self) -> None:
        from partybrand.notices.registry import register_kinds, register_reminders
        from partybrand.plans.choices import PlanNotice
        from partybrand.plans.reminders import task_reminders

        register_kinds(PlanNotice)
        register_reminders("plans.tasks", task_reminders)
        register_actions(PlanAudit)
        register_change_keys("plans", AUDIT_CHANGE_KEYS)
