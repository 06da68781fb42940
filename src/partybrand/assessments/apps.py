from django.apps import AppConfig

from partybrand.assessments.choices import AssessmentAudit
from partybrand.core.audit_registry import register_actions


class AssessmentsConfig(AppConfig):
    name = "partybrand.assessments"
    label = "assessments"
    verbose_name = "标准化测评"

    def ready(self) -> None:
        from partybrand.assessments.choices import AssessmentNotice
        from partybrand.notices.registry import register_kinds

        register_kinds(AssessmentNotice)
        register_actions(AssessmentAudit)
