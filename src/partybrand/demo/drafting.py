"""Drafting help in the demo: the branch with a running plan has accepted the assistant's draft
of its 年度工作总结's 取得成效 (offline, a fixed seed), so the document shows a version written
from the platform's facts and its history the acceptance."""

from partybrand.assistant.drafting import section_draft, section_draft_accept
from partybrand.assistant.registry import get_provider
from partybrand.documents.registry import kind_for
from partybrand.plans.models import Plan

SEED = 20260903


def seed_drafts(*, demo) -> int:
    plan = Plan.objects.select_related("brand").order_by("id").first()
    actor = demo.users.get("secretary1") or demo.admin
    if plan is None:
        return 0
    kind = kind_for("work-summary")
    _, draft = section_draft(
        actor=actor,
        kind=kind,
        subject_obj=plan.brand,
        key="results",
        seed=SEED,
        provider=get_provider("offline"),
    )
    if not draft.text:
        return 0
    section_draft_accept(
        actor=actor,
        kind=kind,
        subject_obj=plan.brand,
        key="results",
        text=draft.text,
        mode="replace",
        source=draft.source,
    )
    return 1
