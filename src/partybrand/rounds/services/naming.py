"""命名决定: once the 公示 has ended with every objection answered, the committee issues the
命名决定 (公文 `round-naming` with its 文号) and every listed brand's lifecycle moves with the
round through brands' services: an 验收评选 names the brand at the tier awarded (文号, date,
next 复评); a 立项评审 approves it, a 中期检查 passes it; a 复评 keeps, upgrades, downgrades,
orders 限期整改 or 摘牌. Entries not on the list are 未获命名; the round closes."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from partybrand.brands.choices import BrandStatus
from partybrand.brands.transitions import brand_transition
from partybrand.core import clock
from partybrand.documents.registry import kind_for
from partybrand.documents.services import document_ensure, document_number_assign
from partybrand.notices.services import build, notify_many
from partybrand.orgs.roles import Cap, can, users_with
from partybrand.rounds.choices import (
    EntryStatus,
    RoundKind,
    RoundOutcome,
    RoundStatus,
    StageKind,
)
from partybrand.rounds.models import Entry, NamingDecision, Round
from partybrand.rounds.panel_choices import PanelAudit, PanelNotice
from partybrand.rounds.results_docs import NAMING_CODE
from partybrand.rounds.services.common import audit, locked_round
from partybrand.rounds.services.panel import _require_runner
from partybrand.rounds.services.publicity import naming_blockers
from partybrand.rounds.timetable import window_reason

NOT_NAMER = "命名决定由党委审定印发，党建工作部可以准备但不能印发。"


def may_name(user, round_: Round) -> bool:
    return can(user, Cap.DECIDE_BRANDS, round_.committee.path)


def _move_brand(actor, round_: Round, entry: Entry, doc_number: str, day: date) -> None:
    brand = entry.brand
    if round_.kind == RoundKind.ACCEPTANCE and brand.status == BrandStatus.PUBLICIZING:
        brand_transition(
            actor=actor,
            brand=brand,
            action="name",
            doc_no=doc_number,
            named_on=day,
            tier=entry.awarded_tier.brand_tier or brand.tier,
            today=day,
            by_round=round_,
        )
    elif round_.kind == RoundKind.APPROVAL and brand.status == BrandStatus.REVIEWING:
        brand_transition(actor=actor, brand=brand, action="approve", by_round=round_)
    elif round_.kind == RoundKind.MIDTERM and brand.status == BrandStatus.MIDTERM:
        brand_transition(actor=actor, brand=brand, action="pass_midterm", by_round=round_)
    elif round_.kind == RoundKind.REREVIEW and brand.status in (
        BrandStatus.NAMED,
        BrandStatus.RECTIFYING,
    ):
        brand_transition(
            actor=actor,
            brand=brand,
            action="rereview",
            outcome=entry.outcome,
            deadline=entry.rectify_deadline,
            today=day,
            by_round=round_,
            comment=f"{round_.title}（{doc_number}）：{RoundOutcome(entry.outcome).label}",
        )


@transaction.atomic
def naming_decide(*, actor, round: Round, today: date | None = None) -> NamingDecision:
    round_ = locked_round(round)
    _require_runner(actor, round_)
    if not may_name(actor, round_):
        raise PermissionDenied(NOT_NAMER)
    if round_.status not in (RoundStatus.PUBLICIZING, RoundStatus.NAMING):
        raise ValidationError(f"评选处于“{round_.get_status_display()}”阶段，不能印发命名决定。")
    if NamingDecision.objects.filter(round=round_).exists():
        raise ValidationError("命名决定已印发。")
    blockers = naming_blockers(round_)
    if blockers:
        raise ValidationError(" ".join(blockers))
    day = today or clock.today()
    if reason := window_reason(round_, StageKind.NAMING, today=day):
        raise ValidationError(reason)
    kind = kind_for(NAMING_CODE)
    document = document_ensure(actor=actor, kind=kind, subject_obj=round_)
    if not document.doc_number:
        document = document_number_assign(actor=actor, kind=kind, subject_obj=round_)
    decision = NamingDecision.objects.create(
        round=round_,
        document=document,
        doc_number=document.doc_number,
        decided_on=day,
        created_by=actor,
    )
    listed = Entry.objects.filter(round=round_, status=EntryStatus.PUBLICIZED).select_related(
        "brand__org", "org", "awarded_tier"
    )
    named = 0
    url = reverse("rounds:publicity", args=[round_.pk])
    for entry in listed:
        _move_brand(actor, round_, entry, document.doc_number, day)
        named += 1
        notify_many(
            build(
                user_id=user_id,
                kind=PanelNotice.ROUND_NAMED,
                key=f"round:{round_.pk}:named:{entry.pk}",
                title=f"{round_.title}：命名决定已印发（{document.doc_number}）",
                body=f"“{entry.brand.name}”的评选结果已随命名决定生效。",
                url=url,
                org_path=entry.org.path,
            )
            for user_id in users_with(Cap.OWN_BRAND, [entry.org.path]).values_list("pk", flat=True)
        )
    Entry.objects.filter(round=round_, status=EntryStatus.PUBLICIZED).update(
        status=EntryStatus.NAMED
    )
    Entry.objects.filter(round=round_, status=EntryStatus.RANKED).update(
        status=EntryStatus.NOT_NAMED
    )
    source = round_.status
    round_.status = RoundStatus.CLOSED
    round_.save(update_fields=["status", "updated_at"])
    audit(
        actor,
        PanelAudit.NAMING_DECIDE,
        round_,
        round_.committee.path,
        {"status": [source, round_.status], "doc_number": document.doc_number, "named": named},
    )
    return decision
