from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "partybrand.indicators"
    label = "indicators"
    verbose_name = "指标体系"
