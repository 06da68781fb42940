from django.apps import AppConfig


class BrandsConfig(AppConfig):
    name = "partybrand.brands"
    label = "brands"
    verbose_name = "品牌"
