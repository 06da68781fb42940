"""Entering a round: the brand's secretary enters with its 申报书, the level above recommends
(its 推荐意见 goes into the 申报书) or returns it, the 党建工作部 runs 预审 (形式审查) and passes
or returns it with reasons; a returned entry is fixed and submitted again."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from partybrand.core import clock
from partybrand.core.versioning import check_version
from partybrand.documents.registry import kind_for
from partybrand.documents.services import document_edit, document_ensure
from partybrand.notices.services import build, notify_many, withdraw
from partybrand.orgs.roles import Cap, users_with
from partybrand.orgs.tree import ancestor_paths
from partybrand.rounds.access import (
    NOT_ENTRANT,
    NOT_PRESCREENER,
    NOT_RECOMMENDER,
    may_enter,
    may_prescreen,
    may_recommend,
)
from partybrand.rounds.choices import (
    EDITABLE_ENTRY,
    EntryStatus,
    ReviewDecision,
    ReviewStage,
    RoundsAudit,
    RoundsNotice,
    RoundStatus,
    StageKind,
)
from partybrand.rounds.models import Entry, EntryReview, Round
from partybrand.rounds.requirements import all_met, check_brand
from partybrand.rounds.services.common import audit, locked_entry
from partybrand.rounds.services.rounds import eligible_q
from partybrand.rounds.timetable import EXTEND, stage_of, window_reason
from partybrand.textsim.normalize import clean_text

APPLICATION_KIND = "application"
# Before the experts: entries are made while the round is open for entry, and returned ones
# fixed and reviewed until 预审 ends.
PRE_EXPERT = (RoundStatus.ENTRY, RoundStatus.RECOMMENDING, RoundStatus.PRESCREENING)
COMMENTS_MAX = 2000

# 形式审查: what the 党建工作部 checks of every entry before the experts see it.
PRESCREEN_CHECKLIST = {
    "application": "申报书内容完整，各部分均已填写",
    "recommendation": "上级党组织推荐意见明确并已签署",
    "requirements": "申报条件逐项符合，佐证材料齐全",
    "authenticity": "材料真实，无明显夸大或抄袭",
    "format": "格式规范，符合公文和材料报送要求",
}


def _text(value: str, field: str, required: str = "") -> str:
    value = clean_text(value or "").strip()
    if required and not value:
        raise ValidationError({field: required})
    if len(value) > COMMENTS_MAX:
        raise ValidationError({field: f"不超过 {COMMENTS_MAX} 字。"})
    return value


def _notify(user_ids, entry: Entry, kind: str, key: str, title: str, body: str) -> None:
    url = reverse("rounds:entry_detail", args=[entry.pk])
    notify_many(
        build(
            user_id=user_id,
            kind=kind,
            key=key,
            title=title,
            body=body,
            url=url,
            org_path=entry.org.path,
        )
        for user_id in sorted(set(user_ids))
    )


def recommenders(entry: Entry):
    """Who recommends the entry: staff holding Cap.SCREEN_BRANDS strictly above its organisation."""
    return users_with(Cap.SCREEN_BRANDS, ancestor_paths(entry.org.path))


def prescreeners(entry: Entry):
    committee = entry.round.committee
    return users_with(Cap.RUN_ROUNDS, [*ancestor_paths(committee.path), committee.path])


def entrants(entry: Entry):
    return users_with(Cap.OWN_BRAND, [entry.org.path])


def _withdraw_tasks(entry: Entry, users, stage: str) -> None:
    for user_id in users.values_list("pk", flat=True):
        withdraw(user_id=user_id, key=f"entry:{entry.pk}:{stage}:{entry.version}")


# Entries that no longer hold a brand in their round: it left or the round passed it over.
LEFT_ROUND = (EntryStatus.WITHDRAWN, EntryStatus.NOT_NAMED)


def entered_elsewhere(round_: Round, brand) -> Entry | None:
    """The brand's entry in another round of the same kind that has not ended, if any: a brand
    is judged by one 验收评选 (立项评审, 复评 …) at a time, so two committees do not score and
    name it twice over."""
    return (
        Entry.objects.filter(brand=brand, round__kind=round_.kind)
        .exclude(round=round_)
        .exclude(round__status=RoundStatus.CLOSED)
        .exclude(status__in=LEFT_ROUND)
        .select_related("round")
        .order_by("round_id")
        .first()
    )


def elsewhere_reason(entry: Entry) -> str:
    return (
        f"该品牌已申报“{entry.round.title}”（{entry.get_status_display()}），该批次结束前不能"
        f"再申报另一个{entry.round.get_kind_display()}；如需改报本批次，请先撤回原申报。"
    )


def is_eligible(round_: Round, brand) -> bool:
    return type(brand).objects.filter(eligible_q(round_), pk=brand.pk).exists()


@transaction.atomic
def entry_create(*, actor, round: Round, brand, tier=None, statement: str = "") -> Entry:
    """The brand enters the round (填报中), with its 申报书 made from the brand's data."""
    round_ = (
        Round.objects.select_for_update(of=("self",)).select_related("committee").get(pk=round.pk)
    )
    if not may_enter(actor, brand):
        raise PermissionDenied(NOT_ENTRANT)
    # The brand's row is the lock two rounds' entries of it queue on, so the check below sees
    # an entry made in another round at the same moment.
    brand = (
        type(brand).objects.select_for_update(of=("self",)).select_related("org").get(pk=brand.pk)
    )
    if round_.status != RoundStatus.ENTRY:
        raise ValidationError(f"评选处于“{round_.get_status_display()}”阶段，不接受新的申报。")
    if reason := window_reason(round_, StageKind.ENTRY):
        raise ValidationError(reason)
    if not is_eligible(round_, brand):
        raise ValidationError({"brand": "该品牌所在组织不在本次评选的参评范围内。"})
    if Entry.objects.filter(round=round_, brand=brand).exists():
        raise ValidationError({"brand": "该品牌已申报本次评选。"})
    if other := entered_elsewhere(round_, brand):
        raise ValidationError({"brand": elsewhere_reason(other)})
    if tier is not None and tier.round_id != round_.pk:
        raise ValidationError({"tier": "请选择本次评选的等次。"})
    entry = Entry.objects.create(
        round=round_,
        brand=brand,
        org=brand.org,
        tier=tier,
        statement=_text(statement, "statement"),
        created_by=actor,
    )
    entry.application = document_ensure(
        actor=actor, kind=kind_for(APPLICATION_KIND), subject_obj=brand
    )
    entry.save(update_fields=["application", "updated_at"])
    audit(
        actor,
        RoundsAudit.ENTRY_CREATE,
        entry,
        entry.org.path,
        {"round": round_.title, "brand": brand.name, "tier": tier.name if tier else ""},
    )
    return entry


@transaction.atomic
def entry_update(*, actor, entry: Entry, tier=None, statement: str = "", version=None) -> Entry:
    entry = locked_entry(entry)
    check_version(entry, version)
    if not may_enter(actor, entry.brand):
        raise PermissionDenied(NOT_ENTRANT)
    if entry.status not in EDITABLE_ENTRY:
        raise ValidationError(f"申报处于“{entry.get_status_display()}”状态，不能修改。")
    if tier is not None and tier.round_id != entry.round_id:
        raise ValidationError({"tier": "请选择本次评选的等次。"})
    changes = {}
    statement = _text(statement, "statement")
    if entry.tier_id != (tier.pk if tier else None):
        changes["tier"] = [entry.tier.name if entry.tier else "", tier.name if tier else ""]
    if entry.statement != statement:
        changes["statement"] = "已修改"
    entry.tier, entry.statement = tier, statement
    entry.save(update_fields=["tier", "statement", "updated_at"])
    audit(actor, RoundsAudit.ENTRY_UPDATE, entry, entry.org.path, changes)
    return entry


def _submit_window(entry: Entry) -> str:
    """A first submission falls within 申报; one after a return, before the last stage before
    the experts ends (预审, else 推荐, else 申报)."""
    round_ = entry.round
    if entry.status == EntryStatus.DRAFT:
        return window_reason(round_, StageKind.ENTRY)
    for kind in (StageKind.PRESCREEN, StageKind.RECOMMEND, StageKind.ENTRY):
        stage = stage_of(round_, kind)
        if stage is not None:
            if clock.today() > stage.ends_on:
                return (
                    f"退回的申报须在“{stage.get_kind_display()}”阶段结束"
                    f"（{clock.chinese_date(stage.ends_on)}）前重新提交，现已逾期。{EXTEND}"
                )
            return ""
    return ""


@transaction.atomic
def entry_submit(*, actor, entry: Entry, today=None) -> Entry:
    """Submit (or resubmit after a return): every requirement must hold now; what the check found
    is kept with the entry, and the level above is told."""
    entry = locked_entry(entry)
    if not may_enter(actor, entry.brand):
        raise PermissionDenied(NOT_ENTRANT)
    if entry.status not in EDITABLE_ENTRY:
        raise ValidationError(f"申报处于“{entry.get_status_display()}”状态，不能提交。")
    if entry.round.status not in PRE_EXPERT:
        raise ValidationError(f"评选处于“{entry.round.get_status_display()}”阶段，不能提交申报。")
    if reason := _submit_window(entry):
        raise ValidationError(reason)
    if entry.tier_id is None:
        raise ValidationError({"tier": "请选择申报等次。"})
    rows = check_brand(entry.round, entry.brand, entry.tier, today=today)
    if not all_met(rows):
        missing = "、".join(r.label for r in rows if not r.ok)
        raise ValidationError(f"尚未满足申报条件：{missing}。请按清单逐项完善后再提交。")
    source = entry.status
    entry.status = EntryStatus.SUBMITTED
    entry.requirement_snapshot = [r.as_json() for r in rows]
    entry.submitted_at, entry.submitted_by = clock.now(), actor
    entry.save(
        update_fields=[
            "status",
            "requirement_snapshot",
            "submitted_at",
            "submitted_by",
            "updated_at",
        ]
    )
    audit(
        actor,
        RoundsAudit.ENTRY_SUBMIT,
        entry,
        entry.org.path,
        {"status": [source, entry.status], "checklist": f"{len(rows)} 项均符合"},
    )
    again = "重新" if source != EntryStatus.DRAFT else ""
    _notify(
        recommenders(entry).values_list("pk", flat=True),
        entry,
        RoundsNotice.ENTRY_TO_RECOMMEND,
        f"entry:{entry.pk}:recommend:{entry.version}",
        f"待推荐：{entry.brand.name}{again}申报{entry.round.title}",
        f"{entry.org.name}{again}提交了参评申报，请审核申报书并推荐或退回。",
    )
    return entry


@transaction.atomic
def entry_withdraw(*, actor, entry: Entry, reason: str = "") -> Entry:
    entry = locked_entry(entry)
    if not may_enter(actor, entry.brand):
        raise PermissionDenied(NOT_ENTRANT)
    if entry.status not in (*EDITABLE_ENTRY, EntryStatus.SUBMITTED):
        raise ValidationError(f"申报处于“{entry.get_status_display()}”状态，不能撤回。")
    source = entry.status
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    audit(
        actor,
        RoundsAudit.ENTRY_WITHDRAW,
        entry,
        entry.org.path,
        {"status": [source, entry.status]},
        _text(reason, "reason"),
    )
    return entry


def _review(entry, stage, decision, comments, checklist, actor) -> EntryReview:
    return EntryReview.objects.create(
        entry=entry,
        stage=stage,
        decision=decision,
        comments=comments,
        checklist=checklist,
        actor=actor,
    )


@transaction.atomic
def entry_recommend(*, actor, entry: Entry, decision: str, comments: str = "") -> Entry:
    """The level above recommends the entry (its 推荐意见 is written into the 申报书) or
    returns it with comments for the entrant to fix."""
    entry = locked_entry(entry)
    if not may_recommend(actor, entry):
        raise PermissionDenied(NOT_RECOMMENDER)
    if entry.status != EntryStatus.SUBMITTED:
        raise ValidationError(f"申报处于“{entry.get_status_display()}”状态，不能推荐或退回。")
    if entry.round.status not in PRE_EXPERT:
        raise ValidationError(f"评选处于“{entry.round.get_status_display()}”阶段。")
    if reason := window_reason(entry.round, StageKind.RECOMMEND):
        raise ValidationError(reason)
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": "请选择推荐或退回。"})
    passing = decision == ReviewDecision.PASS
    comments = _text(
        comments,
        "comments",
        "请填写推荐意见。" if passing else "退回须写明需要修改的内容。",
    )
    source = entry.status
    _withdraw_tasks(entry, recommenders(entry), "recommend")
    entry.status = EntryStatus.RECOMMENDED if passing else EntryStatus.RETURNED
    entry.save(update_fields=["status", "updated_at"])
    _review(entry, ReviewStage.RECOMMEND, decision, comments, {}, actor)
    if passing:
        who = actor.display_name or actor.username
        signed = f"{comments}\n\n{who}（{clock.chinese_date(clock.today())}）"
        document_edit(
            actor=actor,
            kind=kind_for(APPLICATION_KIND),
            subject_obj=entry.brand,
            texts={"recommendation": signed},
            comment="上级党组织推荐意见",
        )
    changes = {"status": [source, entry.status]}
    if passing:
        audit(actor, RoundsAudit.ENTRY_RECOMMEND, entry, entry.org.path, changes, comments)
    else:
        audit(actor, RoundsAudit.ENTRY_RETURN, entry, entry.org.path, changes, comments)
    if passing:
        _notify(
            prescreeners(entry).values_list("pk", flat=True),
            entry,
            RoundsNotice.ENTRY_TO_PRESCREEN,
            f"entry:{entry.pk}:prescreen:{entry.version}",
            f"待预审：{entry.brand.name}（{entry.org.name}）",
            f"上级党组织已推荐该申报，请进行形式审查。推荐意见：{comments[:100]}",
        )
    else:
        _tell_returned(entry, "上级党组织", comments)
    return entry


def _tell_returned(entry: Entry, who: str, comments: str) -> None:
    _notify(
        entrants(entry).values_list("pk", flat=True),
        entry,
        RoundsNotice.ENTRY_RETURNED,
        f"entry:{entry.pk}:returned:{entry.version}",
        f"参评申报被退回：{entry.brand.name}",
        f"{who}退回了您的申报，请按意见修改后重新提交：{comments[:200]}",
    )


def prescreen_checklist(values: dict) -> dict:
    return {key: bool(values.get(key)) for key in PRESCREEN_CHECKLIST}


@transaction.atomic
def entry_prescreen(
    *, actor, entry: Entry, decision: str, comments: str = "", checklist: dict | None = None
) -> Entry:
    """预审 (形式审查) by the 党建工作部: passing needs every checklist item ticked; a return
    needs its reasons."""
    entry = locked_entry(entry)
    if not may_prescreen(actor, entry):
        raise PermissionDenied(NOT_PRESCREENER)
    if entry.status != EntryStatus.RECOMMENDED:
        raise ValidationError(f"申报处于“{entry.get_status_display()}”状态，不能预审。")
    if entry.round.status not in PRE_EXPERT:
        raise ValidationError(f"评选处于“{entry.round.get_status_display()}”阶段。")
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": "请选择通过或退回。"})
    passing = decision == ReviewDecision.PASS
    ticks = prescreen_checklist(checklist or {})
    if passing and not all(ticks.values()):
        missing = "、".join(PRESCREEN_CHECKLIST[k] for k, v in ticks.items() if not v)
        raise ValidationError({"checklist": f"形式审查尚有未通过的项目：{missing}。"})
    comments = _text(comments, "comments", "" if passing else "退回须写明理由。")
    source = entry.status
    _withdraw_tasks(entry, prescreeners(entry), "prescreen")
    entry.status = EntryStatus.PRESCREEN_PASSED if passing else EntryStatus.PRESCREEN_RETURNED
    entry.save(update_fields=["status", "updated_at"])
    _review(entry, ReviewStage.PRESCREEN, decision, comments, ticks, actor)
    changes = {"status": [source, entry.status], "checklist": [k for k, v in ticks.items() if v]}
    if passing:
        audit(actor, RoundsAudit.ENTRY_PRESCREEN_PASS, entry, entry.org.path, changes, comments)
    else:
        audit(actor, RoundsAudit.ENTRY_PRESCREEN_RETURN, entry, entry.org.path, changes, comments)
    if passing:
        _notify(
            entrants(entry).values_list("pk", flat=True),
            entry,
            RoundsNotice.ENTRY_PASSED,
            f"entry:{entry.pk}:passed",
            f"参评申报通过预审：{entry.brand.name}",
            f"{entry.round.title}：您的申报已通过形式审查，进入专家评审。",
        )
    else:
        _tell_returned(entry, "党建工作部（预审）", comments)
    return entry
