from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.orgs.choices import AUDIT_CHANGE_KEYS, OrgAudit


class OrgsConfig(AppConfig):
    name = "partybrand.orgs"
    label = "orgs"
    verbose_name = "组织与党员"

    def ready(self) -> None:
        from partybrand.core.audit import register_user_org_path
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner
        from partybrand.orgs import background, export_jobs
        from partybrand.orgs.selectors import user_org_path

        register_actions(OrgAudit)
        register_change_keys("orgs", AUDIT_CHANGE_KEYS)
        register_user_org_path(user_org_path)
        register_runner(JobKind.MEMBER_IMPORT, background.run_member_import, steps=background.STEPS)
        register_runner(JobKind.ORG_IMPORT, background.run_org_import, steps=background.STEPS)
        for kind, run in export_jobs.RUNNERS.items():
            register_runner(kind, run, steps=export_jobs.STEPS)
