"""The round's public side: the optional vote inside the group (one per member, within the
window, never required), the 公示 of the confirmed list for the days the round sets, and the
objections any signed-in user raises during it, each answered and recorded; 命名 waits until
every objection is answered and the 公示 has ended."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from partybrand.brands.choices import BrandStatus
from partybrand.brands.transitions import brand_transition
from partybrand.core import clock
from partybrand.orgs.roles import Cap, cap_paths
from partybrand.rounds.access import visible_rounds
from partybrand.rounds.choices import EntryStatus, RoundKind, RoundStatus, StageKind
from partybrand.rounds.models import Entry, Objection, Round, Vote
from partybrand.rounds.panel_choices import PanelAudit
from partybrand.rounds.services.common import audit, locked_round
from partybrand.rounds.services.panel import SCORABLE, _require_runner
from partybrand.rounds.services.rounds import register_advance_check
from partybrand.rounds.timetable import window_reason

TEXT_MAX = 2000


def _text(value: str, field: str, required: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: required})
    if len(value) > TEXT_MAX:
        raise ValidationError({field: f"不超过 {TEXT_MAX} 字。"})
    return value


# ---- the vote ----


def vote_open_reason(round_: Round) -> str:
    if not round_.vote_enabled:
        return "本次评选不开展网络投票。"
    now = clock.now()
    if round_.vote_opens_at and now < round_.vote_opens_at:
        return f"投票将于{clock.text(round_.vote_opens_at)}开始。"
    if round_.vote_closes_at and now > round_.vote_closes_at:
        return "投票已截止。"
    if round_.results_confirmed_at:
        return "评审结果已确认，投票已截止。"
    return ""


def may_vote(user, round_: Round) -> bool:
    """Members inside the committee's group vote (a role that votes, there or below)."""
    return user.is_authenticated and any(
        p.startswith(round_.committee.path) for p in cap_paths(user, Cap.VOTE)
    )


@transaction.atomic
def vote_cast(*, actor, round: Round, entry: Entry) -> Vote:
    round_ = locked_round(round)
    if not may_vote(actor, round_):
        raise PermissionDenied("网络投票限本集团党员参加。")
    reason = vote_open_reason(round_)
    if reason:
        raise ValidationError(reason)
    if entry.round_id != round_.pk or entry.status not in (*SCORABLE, EntryStatus.RANKED):
        raise ValidationError("该申报不在投票名单中。")
    try:
        with transaction.atomic():
            vote = Vote.objects.create(round=round_, entry=entry, voter=actor)
    except IntegrityError as exc:
        raise ValidationError("每人限投一票，您已投过票。") from exc
    audit(actor, PanelAudit.VOTE_CAST, round_, round_.committee.path, {"round": round_.title})
    return vote


# ---- 公示 ----


def listed(round_: Round):
    """The entries on the 公示 list: those awarded a tier, or with a 复评 outcome."""
    rows = Entry.objects.filter(round=round_).select_related("brand", "org", "awarded_tier")
    if round_.kind == RoundKind.REREVIEW:
        return rows.exclude(outcome="").order_by("rank", "id")
    return rows.filter(awarded_tier__isnull=False).order_by("awarded_tier__rank", "rank", "id")


@transaction.atomic
def publicity_start(*, actor, round: Round) -> Round:
    """Publish the confirmed list for the round's 公示 days; for an 验收评选 each listed brand
    goes to 公示中 through brands' lifecycle."""
    round_ = locked_round(round)
    _require_runner(actor, round_)
    if round_.status not in (RoundStatus.REVIEWING, RoundStatus.ROADSHOW):
        raise ValidationError(f"评选处于“{round_.get_status_display()}”阶段，不能发布公示。")
    if not round_.results_confirmed_at:
        raise ValidationError("请先确认评审结果，再发布公示。")
    if reason := window_reason(round_, StageKind.PUBLICITY, doing="发布公示"):
        raise ValidationError(reason)
    today = clock.today()
    round_.publicity_starts_on = today
    round_.publicity_ends_on = today + timedelta(days=round_.publicity_days)
    source = round_.status
    round_.status = RoundStatus.PUBLICIZING
    round_.save(update_fields=["publicity_starts_on", "publicity_ends_on", "status", "updated_at"])
    entries = list(listed(round_))
    for entry in entries:
        if round_.kind == RoundKind.ACCEPTANCE and entry.brand.status == BrandStatus.ACCEPTING:
            brand_transition(
                actor=actor,
                brand=entry.brand,
                action="accept",
                publicity_days=round_.publicity_days,
                by_round=round_,
            )
    Entry.objects.filter(pk__in=[e.pk for e in entries]).update(status=EntryStatus.PUBLICIZED)
    audit(
        actor,
        PanelAudit.PUBLICITY_START,
        round_,
        round_.committee.path,
        {
            "status": [source, round_.status],
            "listed": len(entries),
            "ends_on": round_.publicity_ends_on.isoformat(),
        },
    )
    return round_


def may_object(user, round_: Round) -> bool:
    return user.is_authenticated and visible_rounds(user).filter(pk=round_.pk).exists()


@transaction.atomic
def objection_raise(*, actor, round: Round, text: str, entry: Entry | None = None) -> Objection:
    round_ = locked_round(round)
    if not may_object(actor, round_):
        raise PermissionDenied("请登录后提出异议。")
    if round_.status != RoundStatus.PUBLICIZING:
        raise ValidationError("只能在公示期内提出异议。")
    reason = window_reason(
        round_,
        StageKind.PUBLICITY,
        starts=round_.publicity_starts_on,
        ends=round_.publicity_ends_on,
    )
    if reason:
        raise ValidationError(reason)
    if entry is not None:
        entry = Entry.objects.select_related("brand").get(pk=entry.pk)
    if entry is not None and (
        entry.round_id != round_.pk or entry.status != EntryStatus.PUBLICIZED
    ):
        raise ValidationError({"entry": "请选择公示名单中的品牌。"})
    objection = Objection.objects.create(
        round=round_, entry=entry, author=actor, text=_text(text, "text", "请填写异议内容。")
    )
    audit(
        actor,
        PanelAudit.OBJECTION_RAISE,
        round_,
        round_.committee.path,
        {"entry": entry.brand.name if entry else ""},
    )
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: Objection, answer: str, upheld: bool) -> Objection:
    """The committee answers; an upheld objection takes the entry off the list (未获命名)."""
    round_ = locked_round(objection.round)
    _require_runner(actor, round_)
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.answered_at:
        raise ValidationError("该异议已答复。")
    if round_.status != RoundStatus.PUBLICIZING:
        raise ValidationError("公示已结束，不能再答复。")
    objection.answer = _text(answer, "answer", "请填写答复内容。")
    objection.upheld = bool(upheld)
    objection.answered_by = actor
    objection.answered_at = clock.now()
    objection.save()
    if objection.upheld and objection.entry_id:
        entry = (
            Entry.objects.select_for_update(of=("self",))
            .select_related("brand")
            .get(pk=objection.entry_id)
        )
        entry.status = EntryStatus.NOT_NAMED
        entry.awarded_tier = None
        entry.outcome = ""
        entry.save(update_fields=["status", "awarded_tier", "outcome", "updated_at"])
        if entry.brand.status == BrandStatus.PUBLICIZING:
            brand_transition(
                actor=actor,
                brand=entry.brand,
                action="return",
                comment=f"公示异议成立：{objection.answer}",
                by_round=round_,
            )
    audit(
        actor,
        PanelAudit.OBJECTION_ANSWER,
        round_,
        round_.committee.path,
        {"upheld": objection.upheld},
        objection.answer,
    )
    return objection


def naming_blockers(round_: Round) -> list[str]:
    """Why 命名 may not happen yet ("" list when it may)."""
    reasons = []
    if round_.publicity_ends_on is None:
        reasons.append("评审结果尚未公示。")
    elif clock.today() <= round_.publicity_ends_on:
        # Objections are taken through the 公示's last day, so the decision comes after it.
        reasons.append(
            f"公示期至{clock.chinese_date(round_.publicity_ends_on)}结束，期满后方可印发命名决定。"
        )
    open_ = Objection.objects.filter(round=round_, answered_at__isnull=True).count()
    if open_:
        reasons.append(f"还有 {open_} 条公示异议未答复。")
    return reasons


def roadshow_blockers(round_: Round) -> list[str]:
    if round_.publicity_starts_on is None:
        return ["请在“评审结果”中确认结果并发布公示。"]
    return []


register_advance_check(RoundStatus.ROADSHOW, roadshow_blockers)
register_advance_check(RoundStatus.PUBLICIZING, naming_blockers)
