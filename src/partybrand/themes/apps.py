from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "partybrand.themes"
    label = "themes"
    verbose_name = "品牌主题"

    def ready(self) -> None:
        # Keeps the similarity index current when brands and benchmarks change.
        from partybrand.themes import signals  # noqa: F401
