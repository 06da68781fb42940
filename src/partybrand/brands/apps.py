from django.apps import AppConfig

from partybrand.brands.choices import AUDIT_CHANGE_KEYS, BrandAudit
from partybrand.core.audit_registry import register_actions, register_change_keys


class BrandsConfig(AppConfig):
    name = "partybrand.brands"
    label = "brands"
    verbose_name = "品牌"

    def ready(self) -> None:
        from partybrand.brands.choices import BrandNotice
        from partybrand.brands.documents import BRAND
        from partybrand.brands.health import honour_points, register_part_source
        from partybrand.documents.registry import register_subject
        from partybrand.notices.registry import register_kinds

        register_subject(BRAND)
        register_kinds(BrandNotice)
        register_part_source("influence", "honours", honour_points)
        register_actions(BrandAudit)
        register_change_keys("brands", AUDIT_CHANGE_KEYS)
