from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.plans.choices import AUDIT_CHANGE_KEYS, PlanAudit


class PlansConfig(AppConfig):
    name = "partybrand.plans"
    label = "plans"
    verbose_name = "创建计划与任务"

    def ready(self) -> None:
        from partybrand.documents.registry import DocumentKind, register_kind
        from partybrand.notices.registry import register_kinds, register_reminders
        from partybrand.plans.choices import PlanNotice
        from partybrand.plans.reminders import task_reminders
        from partybrand.plans.report import build_for_brand

        register_kind(
            DocumentKind(
                code="plan-tasks",
                title="方案任务章节",
                subject="brand",
                layout="paper",
                build=build_for_brand,
                description="创建计划的目标与阶段和三定任务清单",
            )
        )
        register_kinds(PlanNotice)
        register_reminders("plans.tasks", task_reminders)
        register_actions(PlanAudit)
        register_change_keys("plans", AUDIT_CHANGE_KEYS)
