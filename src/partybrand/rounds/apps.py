from django.apps import AppConfig

from partybrand.core.audit_registry import (
    register_actions,
    register_change_keys,
    register_section_labels,
)
from partybrand.rounds.choices import AUDIT_CHANGE_KEYS, RoundsAudit


class RoundsConfig(AppConfig):
    name = "partybrand.rounds"
    label = "rounds"
    verbose_name = "品牌评选"

    def ready(self) -> None:
        from partybrand.brands.health import register_part_source
        from partybrand.rounds.health import round_points

        register_part_source("influence", "rounds", round_points)
        from partybrand.brands.lifecycle import register_round_guard
        from partybrand.documents.registry import register_kind, register_subject
        from partybrand.notices.registry import register_kinds
        from partybrand.rounds.choices import RoundsNotice
        from partybrand.rounds.guard import round_owned
        from partybrand.rounds.notice import ROUND_NOTICE, ROUND_SUBJECT

        register_subject(ROUND_SUBJECT)
        register_kind(ROUND_NOTICE)
        register_kinds(RoundsNotice)
        register_round_guard(round_owned)
        from partybrand.brands.lifecycle import register_move_check
        from partybrand.rounds.preconditions import move_gaps

        register_move_check(move_gaps)
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner
        from partybrand.rounds.jobs import STEPS, run_results

        register_runner(JobKind.ROUND_RESULTS, run_results, steps=STEPS)
        register_actions(RoundsAudit)
        register_change_keys("rounds", AUDIT_CHANGE_KEYS)
        # 推荐 writes the 申报书's section of this key (a documents audit row names it).
        register_section_labels("documents.document", {"recommendation": "上级党组织推荐意见"})
        # panel, roadshow, results
        from partybrand.documents.registry import register_reader
        from partybrand.rounds.access import assigned_brand
        from partybrand.rounds.panel_choices import PANEL_CHANGE_KEYS, PanelAudit, PanelNotice
        from partybrand.rounds.results_docs import ROUND_NAMING, ROUND_RESULTS
        from partybrand.rounds.services import publicity  # noqa: F401  (its advance checks)
        from partybrand.rounds.services.entries import APPLICATION_KIND

        # An expert reads the 申报书 of each entry given to them to score.
        register_reader(APPLICATION_KIND, assigned_brand)
        register_kind(ROUND_NAMING)
        register_kind(ROUND_RESULTS)
        register_actions(PanelAudit)
        register_kinds(PanelNotice)
        register_change_keys("rounds", PANEL_CHANGE_KEYS)
