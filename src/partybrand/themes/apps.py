from django.apps import AppConfig

from partybrand.core.audit_registry import register_actions, register_change_keys
from partybrand.themes.choices import AUDIT_CHANGE_KEYS, ThemeAudit


class ThemesConfig(AppConfig):
    name = "partybrand.themes"
    label = "themes"
    verbose_name = "品牌主题"

    def ready(self) -> None:
        # Keeps the similarity index current when brands and benchmarks change.
        from partybrand.assistant.draft_checks import register_draft_checker
        from partybrand.assistant.lexicons import register_forbidden_source
        from partybrand.brands.lifecycle import register_move_check
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner
        from partybrand.themes import assistant_jobs, index_job, signals  # noqa: F401
        from partybrand.themes.checks_glue import check_texts
        from partybrand.themes.forbidden import forbidden_pairs
        from partybrand.themes.lifecycle_checks import open_objections

        register_draft_checker(check_texts)  # every assistant draft carries the theme checks
        register_move_check(open_objections)  # no 申报 or 初审 over unanswered objections
        register_actions(ThemeAudit)
        register_change_keys("themes", AUDIT_CHANGE_KEYS)
        register_forbidden_source(forbidden_pairs)  # the assistant's drafts obey the same lists
        register_runner(
            JobKind.THEME_INDEX_REBUILD, index_job.run_index_rebuild, steps=index_job.STEPS
        )
        for kind, run in assistant_jobs.RUNNERS.items():
            register_runner(kind, run, steps=assistant_jobs.STEPS)
