from django.apps import AppConfig


class PositioningConfig(AppConfig):
    name = "partybrand.positioning"
    label = "positioning"
    verbose_name = "品牌定位"
