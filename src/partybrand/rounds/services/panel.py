"""The expert panel of a round: experts added by group or drawn at random (seeded and recorded)
from a pool, their declared conflicts, and which expert scores which entry. No expert scores an
entry of an organisation in their own subtree (where they hold a role that sees its brands, or
are on the rolls) nor one where they declared a conflict."""

import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from partybrand.notices.services import build, notify_many
from partybrand.orgs.models import Member
from partybrand.orgs.roles import Cap, cap_paths
from partybrand.rounds.access import NOT_RUNNER, may_run
from partybrand.rounds.choices import EntryStatus, RoundStatus
from partybrand.rounds.models import (
    Assignment,
    ConflictDeclaration,
    Entry,
    PanelGroup,
    PanelMember,
    Round,
    ScoreSheet,
)
from partybrand.rounds.panel_choices import PanelAudit, PanelNotice
from partybrand.rounds.services.common import audit, locked_round

# Entries the experts score: through 预审, or already scored.
SCORABLE = (EntryStatus.PRESCREEN_PASSED, EntryStatus.SCORED)
PANEL_OPEN = (
    RoundStatus.ENTRY,
    RoundStatus.RECOMMENDING,
    RoundStatus.PRESCREENING,
    RoundStatus.REVIEWING,
    RoundStatus.ROADSHOW,
)


def _require_runner(actor, round_: Round) -> None:
    if not may_run(actor, round_):
        raise PermissionDenied(NOT_RUNNER)


def _require_open(round_: Round) -> None:
    if round_.status not in PANEL_OPEN or round_.results_confirmed_at:
        raise ValidationError(
            f"评选处于“{round_.get_status_display()}”阶段，评审专家和评审任务已不能调整。"
        )


def home_paths(user) -> list[str]:
    """The organisations an expert belongs to: where they hold a role that sees the
    organisation's own brands (any role but the reviewing expert's), and the organisation of
    their record on the rolls."""
    paths = set(cap_paths(user, Cap.VIEW_BRANDS))
    paths.update(Member.objects.filter(user=user).values_list("org__path", flat=True))
    return sorted(paths)


def in_homes(path: str, homes) -> bool:
    """Whether the organisation `path` lies in the subtree of any of `homes` (fixed-width
    materialised paths: a prefix is the subtree)."""
    return any(path.startswith(h) for h in homes)


def conflict_reason(member: PanelMember, entry: Entry, homes: list[str] | None = None) -> str:
    """Why the expert may not score the entry, in Chinese; "" when they may."""
    homes = home_paths(member.user) if homes is None else homes
    if in_homes(entry.org.path, homes):
        return f"{member.user} 是“{entry.org.name}”所在组织的成员，须回避本单位的申报。"
    declared = ConflictDeclaration.objects.filter(member=member, entry=entry).first()
    if declared:
        return f"{member.user} 已申明回避“{entry.brand.name}”：{declared.reason}"
    return ""


@transaction.atomic
def group_create(*, actor, round: Round, name: str) -> PanelGroup:
    round_ = locked_round(round)
    _require_runner(actor, round_)
    _require_open(round_)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写评审组名称。"})
    if round_.panel_groups.filter(name=name).exists():
        raise ValidationError({"name": "已有同名的评审组。"})
    group = PanelGroup.objects.create(round=round_, name=name, position=round_.panel_groups.count())
    audit(actor, PanelAudit.MEMBER_ADD, round_, round_.committee.path, {"group": name})
    return group


@transaction.atomic
def member_add(*, actor, round: Round, user, group=None, is_chair: bool = False) -> PanelMember:
    round_ = locked_round(round)
    _require_runner(actor, round_)
    _require_open(round_)
    if group is not None and group.round_id != round_.pk:
        raise ValidationError({"group": "请选择本次评选的评审组。"})
    if PanelMember.objects.filter(round=round_, user=user).exists():
        raise ValidationError({"user": f"{user} 已是本次评选的评审专家。"})
    if is_chair:
        PanelMember.objects.filter(round=round_, group=group, is_chair=True).update(is_chair=False)
    member = PanelMember.objects.create(
        round=round_, user=user, group=group, is_chair=is_chair, added_by=actor
    )
    audit(
        actor,
        PanelAudit.MEMBER_ADD,
        round_,
        round_.committee.path,
        {"expert": str(user), "group": group.name if group else "", "chair": is_chair},
    )
    return member


@transaction.atomic
def members_draw(*, actor, round: Round, pool, count: int, seed: int, group=None) -> list:
    """Draw `count` experts at random from `pool` (users), reproducibly from `seed`; the seed,
    the pool and who was drawn are recorded in the audit row."""
    round_ = locked_round(round)
    _require_runner(actor, round_)
    _require_open(round_)
    taken = set(PanelMember.objects.filter(round=round_).values_list("user_id", flat=True))
    candidates = sorted((u for u in pool if u.pk not in taken), key=lambda u: u.pk)
    if count < 1:
        raise ValidationError({"count": "抽取人数至少为 1。"})
    if count > len(candidates):
        raise ValidationError({"count": f"专家库中可抽取的专家只有 {len(candidates)} 名。"})
    drawn = random.Random(seed).sample(candidates, count)
    members = [
        PanelMember.objects.create(round=round_, user=u, group=group, drawn=True, added_by=actor)
        for u in drawn
    ]
    audit(
        actor,
        PanelAudit.MEMBER_DRAW,
        round_,
        round_.committee.path,
        {
            "seed": seed,
            "pool": [u.pk for u in candidates],
            "drawn": [str(u) for u in drawn],
            "group": group.name if group else "",
        },
    )
    return members


@transaction.atomic
def conflict_declare(*, actor, member: PanelMember, entry: Entry, reason: str):
    """The expert declares they may not judge the entry; an assignment not yet scored goes."""
    if actor.pk != member.user_id and not may_run(actor, member.round):
        raise PermissionDenied("只有专家本人或评选组织单位可以申明回避。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写回避理由。"})
    if entry.round_id != member.round_id:
        raise ValidationError("该申报不属于本次评选。")
    declared, _ = ConflictDeclaration.objects.get_or_create(
        round_id=member.round_id, member=member, entry=entry, defaults={"reason": reason[:200]}
    )
    Assignment.objects.filter(member=member, entry=entry).exclude(
        sheet__status__in=["submitted", "locked"]
    ).delete()
    audit(
        actor,
        PanelAudit.CONFLICT,
        entry,
        entry.org.path,
        {"expert": str(member.user), "entry": entry.brand.name},
        reason,
    )
    return declared


def _tell_experts(round_: Round, user_ids) -> None:
    """Each expert given sheets hears of it, with the way to their scoring page."""
    url = reverse("rounds:my_sheets", args=[round_.pk])
    notify_many(
        build(
            user_id=user_id,
            kind=PanelNotice.SHEETS_ASSIGNED,
            key=f"round:{round_.pk}:sheets",
            title=f"{round_.title}：请完成评审评分",
            body="您有新的评审任务，可在手机或电脑上逐项评分。",
            url=url,
            org_path=round_.committee.path,
        )
        for user_id in sorted(set(user_ids))
    )


def _check_assign(member: PanelMember, entry: Entry, round_: Round, homes) -> None:
    if member.round_id != round_.pk or entry.round_id != round_.pk:
        raise ValidationError("专家和申报须属于同一评选批次。")
    if entry.status not in SCORABLE:
        raise ValidationError(f"“{entry.brand.name}”尚未通过预审，不能分配评审。")
    reason = conflict_reason(member, entry, homes)
    if reason:
        raise ValidationError(f"不能分配：{reason}")


@transaction.atomic
def assign(*, actor, round: Round, member: PanelMember, entries) -> list[Assignment]:
    """Give the expert entries to score (refused whole when any is a conflict)."""
    round_ = locked_round(round)
    _require_runner(actor, round_)
    _require_open(round_)
    homes = home_paths(member.user)
    entries = list(entries)
    for entry in entries:
        _check_assign(member, entry, round_, homes)
    have = set(Assignment.objects.filter(member=member).values_list("entry_id", flat=True))
    made = [Assignment(round=round_, member=member, entry=e) for e in entries if e.pk not in have]
    made = Assignment.objects.bulk_create(made)
    ScoreSheet.objects.bulk_create(
        [ScoreSheet(assignment=a, round=round_, entry=a.entry) for a in made]
    )
    if made:
        _tell_experts(round_, [member.user_id])
        audit(
            actor,
            PanelAudit.ASSIGN,
            round_,
            round_.committee.path,
            {"expert": str(member.user), "entries": [a.entry.brand.name for a in made][:50]},
        )
    return made


@transaction.atomic
def assign_group(*, actor, round: Round, group: PanelGroup, entries) -> dict:
    """Give every expert of the group the entries, skipping (and reporting) conflicts: returns
    {"assigned": n, "skipped": [reasons]}."""
    round_ = locked_round(round)
    _require_runner(actor, round_)
    _require_open(round_)
    if group.round_id != round_.pk:
        raise ValidationError("请选择本次评选的评审组。")
    entries = list(entries)
    members = list(group.members.select_related("user"))
    if not members:
        raise ValidationError("该评审组还没有评审专家。")
    have = set(
        Assignment.objects.filter(round=round_, member__in=members).values_list(
            "member_id", "entry_id"
        )
    )
    declared = set(
        ConflictDeclaration.objects.filter(round=round_, member__in=members).values_list(
            "member_id", "entry_id"
        )
    )
    rows, skipped = [], []
    for member in members:
        homes = home_paths(member.user)
        for entry in entries:
            if entry.status not in SCORABLE:
                continue
            if (member.pk, entry.pk) in declared or in_homes(entry.org.path, homes):
                skipped.append(f"{member.user} 回避“{entry.brand.name}”")
                continue
            if (member.pk, entry.pk) not in have:
                rows.append(Assignment(round=round_, member=member, entry=entry))
    made = Assignment.objects.bulk_create(rows, batch_size=2000)
    ScoreSheet.objects.bulk_create(
        [ScoreSheet(assignment=a, round=round_, entry_id=a.entry_id) for a in made],
        batch_size=2000,
    )
    _tell_experts(round_, {a.member.user_id for a in made})
    audit(
        actor,
        PanelAudit.ASSIGN,
        round_,
        round_.committee.path,
        {"group": group.name, "assigned": len(made), "skipped": skipped[:50]},
    )
    return {"assigned": len(made), "skipped": skipped}
