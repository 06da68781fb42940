from django.apps import AppConfig

from partybrand.assessments.choices import AUDIT_CHANGE_KEYS, AssessmentAudit
from partybrand.core.audit_registry import register_actions, register_change_keys


class AssessmentsConfig(AppConfig):
    name = "partybrand.assessments"
    label = "assessments"
    verbose_name = "标准化测评"

    def ready(self) -> None:
        from partybrand.assessments.choices import AssessmentNotice
        from partybrand.assessments.report import build_for_brand
        from partybrand.documents.registry import DocumentKind, register_kind
        from partybrand.notices.registry import register_kinds

        register_kind(
            DocumentKind(
                code="assessment-report",
                title="测评报告",
                subject="brand",
                layout="paper",
                build=build_for_brand,
                description="评定结果、失分分析、自评说明、专家评审意见、一票否决事项和整改要求",
            )
        )
        register_kinds(AssessmentNotice)
        register_actions(AssessmentAudit)
        register_change_keys("assessments", AUDIT_CHANGE_KEYS)
