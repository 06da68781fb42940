from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "partybrand.supervision"
    label = "supervision"
    verbose_name = "督办与复盘"
