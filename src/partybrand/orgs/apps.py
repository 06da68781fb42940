from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "partybrand.orgs"
    label = "orgs"
    verbose_name = "组织与党员"
