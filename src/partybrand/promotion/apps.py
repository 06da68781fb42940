from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.promotion.choices import AUDIT_CHANGE_KEYS, PromotionAudit


class PromotionConfig(AppConfig):
    name = "partybrand.promotion"
    label = "promotion"
    verbose_name = "推介管理"

    def ready(self) -> None:
        register_actions(PromotionAudit)
        register_change_keys("promotion", AUDIT_CHANGE_KEYS)
