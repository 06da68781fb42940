from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "partybrand.assessments"
    label = "assessments"
    verbose_name = "标准化测评"

    def ready(self) -> None:
        from partybrand.assessments.choices import AssessmentNotice
        from partybrand.notices.registry import register_kinds

        register_kinds(AssessmentNotice)
