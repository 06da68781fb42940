from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.promotion.choices import AUDIT_CHANGE_KEYS, PromotionAudit


class PromotionConfig(AppConfig):
    name = "partybrand.promotion"
    label = "promotion"
    verbose_name = "推介管理"

    def ready(self) -> None:
        from partybrand.brands.health import register_part_source
        from partybrand.promotion.health import publicity_points

        register_part_source("influence", "promotion", publicity_points)
        from partybrand.documents.registry import DocumentKind, register_kind
        from partybrand.notices.registry import register_kinds, register_reminders
        from partybrand.promotion.choices import PromotionNotice
        from partybrand.promotion.launch_doc import build_for_brand, launch_facts

        register_kind(
            DocumentKind(
                code="brand-launch-plan",
                title="品牌发布会方案",
                subject="brand",
                layout="paper",
                build=build_for_brand,
                description="发布会时间地点、议程、主持词、讲话稿、会场清单、宣传方案和会议情况",
                facts=launch_facts,
            )
        )
        register_kinds(PromotionNotice)
        from partybrand.promotion.reminders import launch_reminders

        register_reminders("promotion.launches", launch_reminders)
        register_actions(PromotionAudit)
        register_change_keys("promotion", AUDIT_CHANGE_KEYS)
