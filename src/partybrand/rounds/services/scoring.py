"""Score sheets and the 现场路演: each expert scores each assigned entry against the round's
indicator system (a score per leaf indicator, within its points, with comments), sees only their
own sheets until the results are released; in 现场路演 the chair opens the entries one by one with
a timer, a sheet is scored only while its entry is open and locks when the chair closes it, and
the room's screen shows an entry's result only when the chair releases it."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from partybrand.core import clock
from partybrand.core.versioning import check_version
from partybrand.indicators.models import Indicator
from partybrand.rounds.choices import EntryStatus, RoundStatus, SheetStatus, StageKind
from partybrand.rounds.models import Entry, PanelMember, RoadshowSession, Round, ScoreSheet
from partybrand.rounds.panel_access import NOT_CHAIR, NOT_OWN_SHEET, may_chair
from partybrand.rounds.panel_choices import PanelAudit
from partybrand.rounds.services.common import audit, locked_round
from partybrand.rounds.services.panel import SCORABLE
from partybrand.rounds.timetable import window_reason

COMMENTS_MAX = 2000


def leaf_items(system) -> list[Indicator]:
    """The indicators experts score: the leaves of the system, in order."""
    rows = list(Indicator.objects.filter(system=system).order_by("level", "position", "id"))
    parents = {r.parent_id for r in rows if r.parent_id}
    return sorted((r for r in rows if r.pk not in parents), key=lambda r: r.code)


def _require_chair(actor, round_: Round) -> None:
    if not may_chair(actor, round_):
        raise PermissionDenied(NOT_CHAIR)


def _parse(value, leaf: Indicator) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        score = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValidationError({f"item_{leaf.pk}": f"“{leaf.name}”的得分应为数字。"}) from exc
    if score < 0 or score > leaf.points:
        raise ValidationError(
            {f"item_{leaf.pk}": f"“{leaf.name}”的得分应在 0 到 {leaf.points.normalize():f} 之间。"}
        )
    return score.quantize(Decimal("0.01"))


def sheet_open_reason(sheet: ScoreSheet, round_: Round) -> str:
    """Why the sheet may not be changed now ("" when it may)."""
    if sheet.status == SheetStatus.LOCKED:
        return "该评分表已锁定，不能再修改。"
    if round_.results_confirmed_at:
        return "评审结果已确认，评分表不能再修改。"
    if round_.status == RoundStatus.ROADSHOW:
        entry = sheet.entry
        if entry.roadshow_opened_at is None:
            return "该项目尚未开始路演，请等待主持人开始后评分。"
        if entry.roadshow_closed_at is not None:
            return "该项目路演已结束，评分表已锁定。"
        return window_reason(round_, StageKind.ROADSHOW)
    elif round_.status != RoundStatus.REVIEWING:
        return f"评选处于“{round_.get_status_display()}”阶段，不能评分。"
    return window_reason(round_, StageKind.REVIEW)


@transaction.atomic
def sheet_save(
    *,
    actor,
    sheet: ScoreSheet,
    items: dict,
    comments: str = "",
    submit: bool = False,
    version: int | None = None,
) -> ScoreSheet:
    """Save the expert's scores (暂存) or submit them; a submitted sheet may be revised until it
    locks. Submitting needs a score for every item."""
    sheet = (
        ScoreSheet.objects.select_for_update(of=("self",))
        .select_related(
            "assignment__member", "round__indicator_system", "entry__brand", "entry__org"
        )
        .get(pk=sheet.pk)
    )
    if sheet.assignment.member.user_id != actor.pk:
        raise PermissionDenied(NOT_OWN_SHEET)
    check_version(sheet, version)
    round_ = sheet.round
    reason = sheet_open_reason(sheet, round_)
    if reason:
        raise ValidationError(reason)
    leaves = leaf_items(round_.indicator_system)
    scores: dict[str, str] = {}
    for leaf in leaves:
        score = _parse(items.get(str(leaf.pk), items.get(leaf.pk)), leaf)
        if score is not None:
            scores[str(leaf.pk)] = f"{score}"
    if submit:
        missing = [leaf.name for leaf in leaves if str(leaf.pk) not in scores]
        if missing:
            raise ValidationError(f"还有 {len(missing)} 项未评分：{'、'.join(missing[:5])}。")
    comments = (comments or "").strip()
    if len(comments) > COMMENTS_MAX:
        raise ValidationError({"comments": f"评语不超过 {COMMENTS_MAX} 字。"})
    sheet.items = scores
    sheet.total = sum((Decimal(v) for v in scores.values()), Decimal("0"))
    sheet.comments = comments
    if submit:
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted_at = clock.now()
    sheet.save()
    audit(
        actor,
        PanelAudit.SHEET_SUBMIT if submit else PanelAudit.SHEET_SAVE,
        sheet.entry,
        sheet.entry.org.path,
        {"entry": sheet.entry.brand.name, "total": f"{sheet.total}"},
    )
    return sheet


# ---- 现场路演 ----


def session_of(round_: Round) -> RoadshowSession | None:
    return RoadshowSession.objects.filter(round=round_).select_related("current_entry").first()


def roadshow_entries(round_: Round):
    return (
        Entry.objects.filter(round=round_, status__in=SCORABLE)
        .select_related("brand", "org")
        .order_by("roadshow_order", "id")
    )


@transaction.atomic
def roadshow_start(*, actor, round: Round, minutes: int = 8) -> RoadshowSession:
    """Start the round's 现场路演: the entries get their order, the round moves to 现场路演."""
    round_ = locked_round(round)
    _require_chair(actor, round_)
    if round_.status not in (RoundStatus.REVIEWING, RoundStatus.ROADSHOW):
        raise ValidationError(f"评选处于“{round_.get_status_display()}”阶段，不能开始现场路演。")
    if not 1 <= int(minutes) <= 60:
        raise ValidationError({"minutes": "每项路演时长应在 1 到 60 分钟之间。"})
    session, _ = RoadshowSession.objects.get_or_create(round=round_)
    session.minutes_per_entry = int(minutes)
    session.chair = PanelMember.objects.filter(round=round_, user=actor).first()
    session.started_at = session.started_at or clock.now()
    session.save()
    taken = roadshow_entries(round_).exclude(roadshow_order=None).count()
    for n, entry in enumerate(roadshow_entries(round_).filter(roadshow_order=None), start=1):
        entry.roadshow_order = taken + n
        entry.save(update_fields=["roadshow_order", "updated_at"])
    if round_.status != RoundStatus.ROADSHOW:
        source = round_.status
        round_.status = RoundStatus.ROADSHOW
        round_.save(update_fields=["status", "updated_at"])
        audit(
            actor,
            PanelAudit.ROADSHOW_START,
            round_,
            round_.committee.path,
            {"status": [source, round_.status], "minutes": session.minutes_per_entry},
        )
    return session


def _locked_session(round_: Round) -> RoadshowSession:
    session = RoadshowSession.objects.select_for_update().filter(round=round_).first()
    if session is None or round_.status != RoundStatus.ROADSHOW:
        raise ValidationError("现场路演尚未开始。")
    return session


@transaction.atomic
def roadshow_open(*, actor, round: Round, entry: Entry) -> RoadshowSession:
    """Open the entry for scoring, with the timer running."""
    round_ = locked_round(round)
    _require_chair(actor, round_)
    session = _locked_session(round_)
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("brand", "org")
        .get(pk=entry.pk)
    )
    if entry.round_id != round_.pk or entry.status not in SCORABLE:
        raise ValidationError("该申报不在本次路演名单中。")
    if session.current_entry_id and session.current_entry_id != entry.pk:
        current = Entry.objects.get(pk=session.current_entry_id)
        if current.roadshow_closed_at is None:
            raise ValidationError(f"请先结束“{current.brand.name}”的路演。")
    if entry.roadshow_closed_at is not None:
        raise ValidationError(f"“{entry.brand.name}”的路演已结束，评分已锁定。")
    now = clock.now()
    entry.roadshow_opened_at = entry.roadshow_opened_at or now
    entry.save(update_fields=["roadshow_opened_at", "updated_at"])
    session.current_entry = entry
    session.opened_at = now
    session.closes_at = now + timedelta(minutes=session.minutes_per_entry)
    session.released = False
    session.save()
    audit(actor, PanelAudit.ROADSHOW_OPEN, entry, entry.org.path, {"entry": entry.brand.name})
    return session


@transaction.atomic
def roadshow_close(*, actor, round: Round) -> Entry:
    """Close the current entry: every sheet of it locks (an unsubmitted one counts for nothing)
    and its score is computed, not yet shown."""
    round_ = locked_round(round)
    _require_chair(actor, round_)
    session = _locked_session(round_)
    if session.current_entry_id is None:
        raise ValidationError("当前没有正在路演的项目。")
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("brand", "org")
        .get(pk=session.current_entry_id)
    )
    if entry.roadshow_closed_at is not None:
        raise ValidationError(f"“{entry.brand.name}”的路演已结束。")
    now = clock.now()
    lock_sheets(ScoreSheet.objects.filter(entry=entry), now)
    entry.roadshow_closed_at = now
    entry.save(update_fields=["roadshow_closed_at", "updated_at"])
    from_results_score(entry, round_)
    audit(actor, PanelAudit.ROADSHOW_CLOSE, entry, entry.org.path, {"entry": entry.brand.name})
    return entry


@transaction.atomic
def roadshow_release(*, actor, round: Round) -> RoadshowSession:
    """Show the closed current entry's result on the room's screen."""
    round_ = locked_round(round)
    _require_chair(actor, round_)
    session = _locked_session(round_)
    entry = session.current_entry
    if entry is None or entry.roadshow_closed_at is None:
        raise ValidationError("请先结束当前项目的路演，再展示结果。")
    session.released = True
    session.save()
    Entry.objects.filter(pk=entry.pk).update(result_released_at=clock.now())
    audit(
        actor,
        PanelAudit.ROADSHOW_RELEASE,
        entry,
        entry.org.path,
        {"entry": entry.brand.name, "score": f"{entry.expert_score}"},
    )
    return session


def lock_sheets(sheets, now) -> int:
    return sheets.exclude(status=SheetStatus.LOCKED).update(
        status=SheetStatus.LOCKED, locked_at=now
    )


def from_results_score(entry: Entry, round_: Round) -> None:
    """Compute and store one entry's expert score (the results module's rule)."""
    from_totals = list(
        ScoreSheet.objects.filter(entry=entry, submitted_at__isnull=False).values_list(
            "total", flat=True
        )
    )
    score, divergent = combine(from_totals, round_.scoring_rule, round_.divergence_threshold)
    entry.expert_score = score
    entry.divergent = divergent
    entry.sheet_count = len(from_totals)
    if score is not None and entry.status == EntryStatus.PRESCREEN_PASSED:
        entry.status = EntryStatus.SCORED
    entry.save(update_fields=["expert_score", "divergent", "sheet_count", "status", "updated_at"])


def combine(totals, rule: str, threshold) -> tuple[Decimal | None, bool]:
    """The entry's expert score from its sheets' totals: the mean, or with three sheets or more
    and the trimmed-mean rule, the mean without one highest and one lowest; and whether the
    totals diverge (highest − lowest above the round's threshold)."""
    totals = sorted(Decimal(t) for t in totals)
    if not totals:
        return None, False
    divergent = totals[-1] - totals[0] > Decimal(threshold)
    used = totals[1:-1] if rule == "trimmed_mean" and len(totals) >= 3 else totals
    score = (sum(used, Decimal("0")) / len(used)).quantize(Decimal("0.01"))
    return score, divergent
