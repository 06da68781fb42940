from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.themes.choices import AUDIT_CHANGE_KEYS, ThemeAudit


class ThemesConfig(AppConfig):
    name = "partybrand.themes"
    label = "themes"
    verbose_name = "品牌主题"

    def ready(self) -> None:
        # Keeps the similarity index current when brands and benchmarks change.
        from partybrand.themes import signals  # noqa: F401

        register_actions(ThemeAudit)
        register_change_keys("themes", AUDIT_CHANGE_KEYS)
