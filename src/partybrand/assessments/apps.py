from django.apps import AppConfig

from partybrand.assessments.choices import AUDIT_CHANGE_KEYS, AssessmentAudit
from partybrand.core.audit_registry import register_actions, register_change_keys


class AssessmentsConfig(AppConfig):
    name = "partybrand.assessments"
    label = "assessments"
    verbose_name = "标准化测评"

    def ready(self) -> None:
        from partybrand.assessments.choices import AssessmentNotice
        from partybrand.notices.registry import register_kinds

        register_kinds(AssessmentNotice)
        register_actions(AssessmentAudit)
        register_change_keys("assessments", AUDIT_CHANGE_KEYS)
