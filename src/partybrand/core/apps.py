from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "partybrand.core"
    label = "core"
    verbose_name = "基础"
