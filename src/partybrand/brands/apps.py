from django.apps import AppConfig

from partybrand.brands.choices import BrandAudit
from partybrand.core.audit_registry import register_actions


class BrandsConfig(AppConfig):
    name = "partybrand.brands"
    label = "brands"
    verbose_name = "品牌"

    def ready(self) -> None:
        register_actions(BrandAudit)
