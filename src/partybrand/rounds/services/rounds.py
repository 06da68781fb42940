"""Setting a round up: its record, timetable, tiers and quotas, its 通知, and its stages."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from partybrand.core import clock
from partybrand.core.versioning import check_version
from partybrand.documents.registry import kind_for
from partybrand.documents.services import document_ensure, document_number_assign
from partybrand.indicators.choices import SystemStatus
from partybrand.notices.services import build, notify_many
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.roles import Cap, can, roles_with
from partybrand.orgs.tree import subtree_q
from partybrand.rounds.access import NOT_RUNNER, may_run
from partybrand.rounds.choices import (
    ROUND_STATUS_ORDER,
    RoundsAudit,
    RoundsNotice,
    RoundStatus,
    StageKind,
)
from partybrand.rounds.models import Round, RoundStage, RoundTier
from partybrand.rounds.services.common import audit, locked_round

ROUND_FIELDS = (
    "kind",
    "title",
    "year",
    "description",
    "indicator_system",
    "scoring_rule",
    "divergence_threshold",
    "min_sheets",
    "publicity_days",
    "min_months",
    "requirements",
    "vote_enabled",
    "vote_weight",
    "review_interval_months",
)
NOTICE_KIND = "round-notice"


def _require_runner(actor, committee) -> None:
    if not can(actor, Cap.RUN_ROUNDS, committee.path):
        raise PermissionDenied(NOT_RUNNER)


def _clean(fields: dict, committee, eligible) -> dict:
    title = (fields.get("title") or "").strip()
    if not title:
        raise ValidationError({"title": "请填写批次名称。"})
    fields["title"] = title
    system = fields.get("indicator_system")
    if system is not None and system.status != SystemStatus.PUBLISHED:
        raise ValidationError({"indicator_system": "请选择已发布的指标体系。"})
    weight = fields.get("vote_weight")
    if weight is not None and not Decimal(0) <= weight <= Decimal(1):
        raise ValidationError({"vote_weight": "投票权重应在 0 到 1 之间。"})
    sheets = fields.get("min_sheets")
    if sheets is not None and not 1 <= sheets <= 30:
        raise ValidationError({"min_sheets": "每项最少评分表应在 1 到 30 份之间。"})
    days = fields.get("publicity_days")
    if days is not None and not 1 <= days <= 30:
        raise ValidationError({"publicity_days": "公示天数应在 1 到 30 天之间。"})
    for org in eligible or []:
        if not org.path.startswith(committee.path):
            raise ValidationError({"eligible_orgs": f"“{org.name}”不在组织单位的范围内。"})
    return fields


def _eligible_names(orgs) -> list[str]:
    return [o.name for o in orgs]


@transaction.atomic
def round_create(*, actor, committee, eligible_orgs=(), **fields) -> Round:
    """A new round in 筹备中, set up by the committee's 党建工作部."""
    _require_runner(actor, committee)
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(f"unknown round fields: {sorted(unknown)}")
    fields = _clean(dict(fields), committee, eligible_orgs)
    round_ = Round.objects.create(committee=committee, created_by=actor, **fields)
    round_.eligible_orgs.set(eligible_orgs)
    audit(
        actor,
        RoundsAudit.ROUND_CREATE,
        round_,
        committee.path,
        {"title": round_.title, "kind": round_.kind, "eligible": _eligible_names(eligible_orgs)},
    )
    return round_


@transaction.atomic
def round_update(*, actor, round: Round, version: int | None = None, eligible_orgs=None, **fields):
    round_ = locked_round(round)
    check_version(round_, version)
    if not may_run(actor, round_):
        raise PermissionDenied(NOT_RUNNER)
    if round_.status == RoundStatus.CLOSED:
        raise ValidationError("评选已结束，不能修改。")
    fields = _clean(
        {**{n: getattr(round_, n) for n in ROUND_FIELDS}, **fields}, round_.committee, eligible_orgs
    )
    if round_.status != RoundStatus.DRAFT and fields["kind"] != round_.kind:
        raise ValidationError({"kind": "评选已发布，不能改变评选类型。"})
    changes = {
        name: [getattr(round_, name), value]
        for name, value in fields.items()
        if getattr(round_, name) != value
    }
    for name, value in fields.items():
        setattr(round_, name, value)
    round_.save(update_fields=[*ROUND_FIELDS, "updated_at"])
    if eligible_orgs is not None:
        before = _eligible_names(round_.eligible_orgs.all())
        round_.eligible_orgs.set(eligible_orgs)
        after = _eligible_names(eligible_orgs)
        if before != after:
            changes["eligible"] = [before, after]
    for key in ("indicator_system",):
        if key in changes:
            changes[key] = [str(v) if v else "" for v in changes[key]]
    audit(actor, RoundsAudit.ROUND_UPDATE, round_, round_.committee.path, changes)
    return round_


@transaction.atomic
def round_set_stages(*, actor, round: Round, stages: dict) -> Round:
    """The timetable: stage kind → (starts_on, ends_on); a stage left out is removed."""
    round_ = locked_round(round)
    if not may_run(actor, round_):
        raise PermissionDenied(NOT_RUNNER)
    order = list(StageKind.values)
    previous: tuple | None = None
    for kind in order:
        if kind not in stages:
            continue
        starts, ends = stages[kind]
        label = StageKind(kind).label
        if ends < starts:
            raise ValidationError(f"“{label}”的结束日期不能早于开始日期。")
        if previous and kind == StageKind.RECOMMEND and previous[0] == StageKind.ENTRY:
            # The level above recommends entries as they arrive: 推荐 may run alongside 申报.
            if starts < previous[1] or ends < previous[2]:
                raise ValidationError("“推荐”不能早于“申报”开始，也不能早于“申报”结束。")
        elif previous and starts < previous[2]:
            raise ValidationError(f"“{label}”不能早于上一阶段结束前开始。")
        previous = (kind, starts, ends)
    RoundStage.objects.filter(round=round_).exclude(kind__in=list(stages)).delete()
    for kind, (starts, ends) in stages.items():
        RoundStage.objects.update_or_create(
            round=round_, kind=kind, defaults={"starts_on": starts, "ends_on": ends}
        )
    audit(
        actor,
        RoundsAudit.ROUND_STAGES,
        round_,
        round_.committee.path,
        {
            "stages": [
                f"{StageKind(k).label} {s.isoformat()}—{e.isoformat()}"
                for k, (s, e) in sorted(stages.items(), key=lambda kv: order.index(kv[0]))
            ]
        },
    )
    return round_


@transaction.atomic
def round_set_tiers(*, actor, round: Round, tiers: list[dict]) -> Round:
    """Tiers from the highest (rank 1) down, each with name, brand_tier, quota and min_score.
    A tier entries applied for cannot be removed."""
    round_ = locked_round(round)
    if not may_run(actor, round_):
        raise PermissionDenied(NOT_RUNNER)
    if not tiers:
        raise ValidationError("请至少设置一个等次。")
    names = [t["name"].strip() for t in tiers]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise ValidationError("等次名称不能为空，也不能重复。")
    existing = {t.rank: t for t in RoundTier.objects.filter(round=round_)}
    for rank, spec in enumerate(tiers, start=1):
        tier = existing.pop(rank, None) or RoundTier(round=round_, rank=rank)
        tier.name, tier.brand_tier = spec["name"].strip(), spec.get("brand_tier") or ""
        tier.quota, tier.min_score = spec["quota"], spec.get("min_score") or Decimal(0)
        tier.save()
    for tier in existing.values():
        if tier.applications.exists() or tier.awards.exists():
            raise ValidationError(f"已有申报选择了“{tier.name}”，不能删除该等次。")
        tier.delete()
    audit(
        actor,
        RoundsAudit.ROUND_TIERS,
        round_,
        round_.committee.path,
        {"tiers": [f"{t['name']} {t['quota']}名" for t in tiers]},
    )
    return round_


def open_blockers(round_: Round) -> list[str]:
    """Why the round cannot be published for entry yet, in Chinese; empty when it can."""
    blockers = []
    if not round_.tiers.exists():
        blockers.append("尚未设置等次和名额。")
    if round_.indicator_system_id is None:
        blockers.append("尚未选择评分指标体系。")
    if not round_.stages.filter(kind=StageKind.ENTRY).exists():
        blockers.append("时间安排中尚未设置申报阶段。")
    if not round_.notice_number:
        blockers.append("尚未生成并编号评选通知。")
    return blockers


def next_status(round_: Round) -> str | None:
    index = ROUND_STATUS_ORDER.index(round_.status)
    return ROUND_STATUS_ORDER[index + 1] if index + 1 < len(ROUND_STATUS_ORDER) else None


# Checks before a round leaves a stage, by the stage it leaves; later stages' checks are added
# by the services of those stages (register_advance_check).
_ADVANCE_CHECKS: dict[str, list] = {RoundStatus.DRAFT: [open_blockers]}


def register_advance_check(status: str, check) -> None:
    """`check(round) → [reasons]` run before a round leaves `status`."""
    _ADVANCE_CHECKS.setdefault(status, []).append(check)


@transaction.atomic
def round_advance(*, actor, round: Round, comment: str = "") -> Round:
    """Move the round to its next stage, once the current one is done."""
    round_ = locked_round(round)
    if not may_run(actor, round_):
        raise PermissionDenied(NOT_RUNNER)
    target = next_status(round_)
    if target is None:
        raise ValidationError("评选已结束。")
    reasons = [r for check in _ADVANCE_CHECKS.get(round_.status, []) for r in check(round_)]
    if reasons:
        raise ValidationError(" ".join(reasons))
    source = round_.status
    round_.status = target
    round_.save(update_fields=["status", "updated_at"])
    audit(
        actor,
        RoundsAudit.ROUND_ADVANCE,
        round_,
        round_.committee.path,
        {"status": [source, target]},
        comment,
    )
    if target == RoundStatus.ENTRY:
        _tell_entrants(round_)
    return round_


def eligible_q(round_: Round, field: str = "org__path"):
    """The organisations whose brands may enter: under the eligible roots, or the committee's
    whole subtree when none is set; never the committee itself, which judges."""
    roots = [o.path for o in round_.eligible_orgs.all()] or [round_.committee.path]
    query = subtree_q(roots[0], field)
    for path in roots[1:]:
        query |= subtree_q(path, field)
    return query & ~Q(**{field: round_.committee.path})


def _tell_entrants(round_: Round) -> None:
    """The secretaries of the eligible organisations hear that the round is open for entry."""
    roots = [o.path for o in round_.eligible_orgs.all()] or [round_.committee.path]
    rows = RoleAssignment.objects.filter(
        eligible_q(round_, "org__path"), role__in=roles_with(Cap.OWN_BRAND), org__is_active=True
    )
    user_ids = set(rows.values_list("user_id", flat=True))
    url = reverse("rounds:round_detail", args=[round_.pk])
    notify_many(
        build(
            user_id=user_id,
            kind=RoundsNotice.ROUND_OPEN,
            key=f"round:{round_.pk}:open",
            title=f"{round_.title}开始申报",
            body=f"{round_.committee.name}发布了评选通知（{round_.notice_number}），请对照申报条件填报。",
            url=url,
            org_path=roots[0],
        )
        for user_id in sorted(user_ids)
    )


@transaction.atomic
def round_notice_generate(*, actor, round: Round) -> Round:
    """The round's 通知 as a 公文 with its 发文字号 from the committee's sequence (once)."""
    round_ = locked_round(round)
    if not may_run(actor, round_):
        raise PermissionDenied(NOT_RUNNER)
    kind = kind_for(NOTICE_KIND)
    document = document_ensure(actor=actor, kind=kind, subject_obj=round_)
    if not document.doc_number:
        document = document_number_assign(actor=actor, kind=kind, subject_obj=round_)
    round_.notice_document = document
    round_.notice_number = document.doc_number
    round_.notice_date = round_.notice_date or clock.today()
    round_.save(update_fields=["notice_document", "notice_number", "notice_date", "updated_at"])
    audit(
        actor,
        RoundsAudit.ROUND_NOTICE,
        round_,
        round_.committee.path,
        {"notice_number": round_.notice_number},
    )
    return round_
