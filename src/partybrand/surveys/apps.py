from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions
from partybrand.surveys.choices import SurveyAudit


class SurveysConfig(AppConfig):
    name = "partybrand.surveys"
    label = "surveys"
    verbose_name = "问卷调研"

    def ready(self) -> None:
        register_actions(SurveyAudit)
