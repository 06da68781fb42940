from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.surveys.choices import AUDIT_CHANGE_KEYS, SurveyAudit


class SurveysConfig(AppConfig):
    name = "partybrand.surveys"
    label = "surveys"
    verbose_name = "问卷调研"

    def ready(self) -> None:
        from partybrand.jobs.registry import register_runner
        from partybrand.surveys import export_jobs

        for kind, (run, steps) in export_jobs.RUNNERS.items():
            register_runner(kind, run, steps=steps)
        register_actions(SurveyAudit)
        register_change_keys("surveys", AUDIT_CHANGE_KEYS)
