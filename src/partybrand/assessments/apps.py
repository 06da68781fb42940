from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "partybrand.assessments"
    label = "assessments"
    verbose_name = "标准化测评"
