"""The decision, its publicity with objections, and adopting the theme as the brand's identity."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.brands.services import (
    IDENTITY_FROZEN,
    brand_set_phrases,
    brand_update,
    ensure_editable,
)
from partybrand.core import clock
from partybrand.textsim.normalize import clean_text
from partybrand.themes.access import invitable_experts
from partybrand.themes.choices import WorkshopStage
from partybrand.themes.models import Candidate, ExpertInvite, Objection, Workshop
from partybrand.themes.services.workshops import _audit, _refuse_closed, locked_workshop

PUBLICITY_DEFAULT, PUBLICITY_MAX = 5, 30
TEXT_MAX = 2000


def _decision_values(reason, publicity_days) -> tuple[str, int]:
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明决定理由（如投票结果、评分和支委会意见）。"})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"reason": f"决定理由不超过 {TEXT_MAX} 字。"})
    try:
        days = int(publicity_days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= PUBLICITY_MAX:
        raise ValidationError({"publicity_days": f"公示天数应为 1–{PUBLICITY_MAX} 天。"})
    return reason, days


def similar_flag(candidate: Candidate) -> str:
    """The copy check's 高度相似 finding on the candidate ("" when there is none): a candidate
    so flagged is decided only with an explicit confirmation and its reason."""
    report = candidate.check_report or {}
    uniqueness = next((c for c in report.get("checks", []) if c.get("code") == "uniqueness"), None)
    if uniqueness is None or uniqueness.get("passed", True):
        return ""
    top = next((n for n in report.get("nearest", []) if n.get("flagged")), None)
    if top is None:
        return uniqueness.get("explanation", "查重提示高度相似")
    owner = f"（{top['owner']}）" if top.get("owner") else ""
    return f"与已有品牌“{top['name']}”{owner}高度相似（相似度 {top['score']:.2f}）"


def _similar_values(candidate, similar_confirmed, similar_reason) -> dict:
    flag = similar_flag(candidate)
    if not flag:
        return {}
    reason = clean_text(similar_reason or "").strip()
    if not similar_confirmed or not reason:
        raise ValidationError(
            {
                "similar_reason": f"“{candidate.name}”{flag}。确需采用的，请勾选确认并写明理由"
                "（如已征得对方同意、含义和业务不同不致混淆）。"
            }
        )
    if len(reason) > TEXT_MAX:
        raise ValidationError({"similar_reason": f"理由不超过 {TEXT_MAX} 字。"})
    return {"similar": flag, "similar_reason": reason}


@transaction.atomic
def decision_record(
    *,
    actor,
    workshop: Workshop,
    candidate: Candidate,
    reason: str,
    publicity_days: int = PUBLICITY_DEFAULT,
    now=None,
    similar_confirmed: bool = False,
    similar_reason: str = "",
) -> Workshop:
    """The branch decides (after the vote and the scores) and the decision is publicised. A
    candidate the copy check flags 高度相似 is decided only with `similar_confirmed` and a
    reason, both kept in the audit row."""
    now = now or clock.now()
    workshop = locked_workshop(workshop)
    ensure_editable(workshop.brand)
    _refuse_closed(workshop, {WorkshopStage.REVIEWING}, "作出决定")
    if candidate.workshop_id != workshop.pk:
        raise ValidationError({"candidate": "请选择本次征集中的候选。"})
    reason, publicity_days = _decision_values(reason, publicity_days)
    similar = _similar_values(candidate, similar_confirmed, similar_reason)
    workshop.stage = WorkshopStage.PUBLICIZING
    workshop.decided = candidate
    workshop.decision_reason = reason
    workshop.decided_by, workshop.decided_at = actor, now
    workshop.publicity_days = publicity_days
    workshop.publicity_ends_at = now + timedelta(days=publicity_days)
    workshop.save(
        update_fields=[
            "stage",
            "decided",
            "decision_reason",
            "decided_by",
            "decided_at",
            "publicity_days",
            "publicity_ends_at",
            "updated_at",
        ]
    )
    _audit(
        actor,
        "theme_decision_record",
        workshop,
        workshop,
        {
            "candidate": candidate.name,
            "publicity_ends_at": workshop.publicity_ends_at,
            **similar,
        },
        comment=reason,
    )
    return workshop


@transaction.atomic
def decision_withdraw(*, actor, workshop: Workshop, reason: str) -> Workshop:
    """Take the decision back during publicity (an objection was upheld): back to 评议决定."""
    workshop = locked_workshop(workshop)
    _refuse_closed(workshop, {WorkshopStage.PUBLICIZING}, "撤回决定")
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明撤回理由。"})
    name = workshop.decided.name if workshop.decided else ""
    workshop.stage, workshop.decided, workshop.publicity_ends_at = (
        WorkshopStage.REVIEWING,
        None,
        None,
    )
    workshop.save(update_fields=["stage", "decided", "publicity_ends_at", "updated_at"])
    _audit(actor, "theme_decision_withdraw", workshop, workshop, {"candidate": name}, reason)
    return workshop


@transaction.atomic
def objection_add(*, actor, workshop: Workshop, text: str, now=None) -> Objection:
    """Anyone who sees the brand may object while the decision is publicised."""
    now = now or clock.now()
    workshop = locked_workshop(workshop)  # not crossing a withdrawal or the adoption
    if workshop.stage != WorkshopStage.PUBLICIZING or now >= workshop.publicity_ends_at:
        raise ValidationError("现在不在公示期内，不能提出异议。")
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError({"text": "请写明异议内容。"})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": f"异议内容不超过 {TEXT_MAX} 字。"})
    objection = Objection.objects.create(workshop=workshop, author=actor, text=text, created_at=now)
    _audit(actor, "theme_objection_add", objection, workshop, {"text": text})
    return objection


@transaction.atomic
def objection_answer(
    *, actor, objection: Objection, answer: str, resolved: bool = True, now=None
) -> Objection:
    now = now or clock.now()
    objection = (
        Objection.objects.select_for_update()
        .select_related("workshop__brand__org")
        .get(pk=objection.pk)
    )
    answer = clean_text(answer or "").strip()
    if not answer:
        raise ValidationError({"answer": "请填写答复意见。"})
    if len(answer) > TEXT_MAX:
        raise ValidationError({"answer": f"答复不超过 {TEXT_MAX} 字。"})
    objection.answer, objection.resolved = answer, bool(resolved)
    objection.answered_by, objection.answered_at = actor, now
    objection.save(update_fields=["answer", "resolved", "answered_by", "answered_at"])
    _audit(
        actor,
        "theme_objection_answer",
        objection,
        objection.workshop,
        {"answer": answer, "resolved": objection.resolved},
    )
    return objection


def current_objections(workshop: Workshop):
    """The objections to the decision being publicised: those raised against an earlier,
    withdrawn decision no longer block (they were answered by withdrawing it)."""
    rows = workshop.objections.all()
    if workshop.decided_at is not None:
        rows = rows.filter(created_at__gte=workshop.decided_at)
    return rows


def adoption_blockers(workshop: Workshop, now=None) -> list[str]:
    """Why the decided theme cannot be adopted yet, in Chinese; empty when it can."""
    now = now or clock.now()
    if workshop.stage != WorkshopStage.PUBLICIZING:
        return [f"主题征集处于“{workshop.get_stage_display()}”阶段，尚未进入公示。"]
    blockers = []
    if now < workshop.publicity_ends_at:
        ends = clock.text(workshop.publicity_ends_at)
        blockers.append(f"公示期尚未结束（截止 {ends}），期满后才能采用。")
    open_count = current_objections(workshop).filter(resolved=False).count()
    if open_count:
        blockers.append(f"还有 {open_count} 条异议未办结，请逐条答复并办结后再采用。")
    if workshop.brand.status in IDENTITY_FROZEN:
        blockers.append(
            f"品牌处于“{workshop.brand.get_status_display()}”状态，名称、口号和内涵释义已锁定。"
        )
    return blockers


@transaction.atomic
def theme_adopt(*, actor, workshop: Workshop, now=None) -> Workshop:
    """采用: the decided theme becomes the brand's name, slogan and 内涵释义 (and its phrases)."""
    now = now or clock.now()
    workshop = locked_workshop(workshop)
    ensure_editable(workshop.brand)
    if blockers := adoption_blockers(workshop, now):
        raise ValidationError(" ".join(blockers))
    chosen = workshop.decided
    if chosen is None:
        raise ValidationError("尚未确定候选。")
    brand = workshop.brand
    old = {"name": brand.name, "slogan": brand.slogan}
    fields = {"name": chosen.name, "slogan": chosen.slogan}
    # A new name takes its own 内涵释义: the brand's old one explains words it no longer has.
    renamed = chosen.name != brand.name
    if chosen.meaning or renamed:
        fields["meaning"] = chosen.meaning
    brand = brand_update(actor=actor, brand=brand, **fields)
    if chosen.phrases or renamed:
        brand_set_phrases(actor=actor, brand=brand, phrases=[tuple(p) for p in chosen.phrases])
    workshop.stage, workshop.adopted_by, workshop.adopted_at = WorkshopStage.ADOPTED, actor, now
    workshop.save(update_fields=["stage", "adopted_by", "adopted_at", "updated_at"])
    _audit(
        actor,
        "theme_adopt",
        workshop,
        workshop,
        {"from": old, "to": fields, "phrases": len(chosen.phrases)},
    )
    return workshop


@transaction.atomic
def expert_invite(*, actor, workshop: Workshop, expert) -> ExpertInvite:
    """Ask an expert (a user holding Cap.JUDGE_THEMES: the 评审专家 role) to score the
    candidates."""
    workshop = locked_workshop(workshop)
    if not invitable_experts().filter(pk=expert.pk).exists():
        raise ValidationError({"expert": "只能邀请具有“评审专家”角色的用户。"})
    invite, created = ExpertInvite.objects.get_or_create(
        workshop=workshop, expert=expert, defaults={"invited_by": actor}
    )
    if created:
        _audit(actor, "theme_expert_invite", workshop, workshop, {"expert": str(expert)})
    return invite
