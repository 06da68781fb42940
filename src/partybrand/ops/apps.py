from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "partybrand.ops"
    label = "ops"
    verbose_name = "运维"
