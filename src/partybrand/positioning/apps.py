from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.positioning.choices import AUDIT_CHANGE_KEYS, PositioningAudit


class PositioningConfig(AppConfig):
    name = "partybrand.positioning"
    label = "positioning"
    verbose_name = "品牌定位"

    def ready(self) -> None:
        from partybrand.documents.registry import DocumentKind, register_kind
        from partybrand.positioning.report import build_for_brand

        register_kind(
            DocumentKind(
                code="positioning-report",
                title="品牌定位报告",
                subject="brand",
                layout="paper",
                build=build_for_brand,
                description="调研情况、内部梳理、标杆对比和定位结论",
            )
        )
        register_actions(PositioningAudit)
        register_change_keys("positioning", AUDIT_CHANGE_KEYS)
