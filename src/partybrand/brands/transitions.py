"""Lifecycle moves of a brand, checked against the table in `lifecycle.py`."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from partybrand.brands.choices import (
    TIER_ORDER,
    BrandNotice,
    BrandStatus,
    BrandTier,
    ReReviewOutcome,
)
from partybrand.brands.lifecycle import (
    TRANSITIONS,
    Transition,
    move_blockers,
    round_note,
    target_status,
)
from partybrand.brands.models import Brand, BrandEvent
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.notices.services import build, notify_many
from partybrand.orgs.roles import caps_at, has_cap_over, users_with
from partybrand.orgs.tree import ancestor_paths


def actor_may(user, brand: Brand, transition: Transition) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cap = transition.cap_for(brand.status)
    if transition.where == "owner":
        return cap in caps_at(user, brand.org.path)
    return has_cap_over(user, cap, brand.org.path, strictly_above=True)


def available_transitions(user, brand: Brand) -> list[Transition]:
    """The moves the user may make on the brand page (not those a round makes)."""
    return [
        t
        for t in TRANSITIONS.values()
        if brand.status in t.moves and actor_may(user, brand, t) and not round_note(brand, t.action)
    ]


def can_decide(user, brand: Brand) -> bool:
    """Whether the user makes any move of the brand's current state, a round's included."""
    return any(actor_may(user, brand, t) for t in TRANSITIONS.values() if brand.status in t.moves)


def round_notes(brand: Brand) -> list[str]:
    """What the brand's current state waits for in a round: the notes of the moves from it that
    only a round makes (shown on the brand page instead of their buttons)."""
    notes = [round_note(brand, t.action) for t in TRANSITIONS.values() if brand.status in t.moves]
    return list(dict.fromkeys(n for n in notes if n))


def _name_params(brand: Brand, params: dict, today: date) -> tuple[dict, dict]:
    ends = brand.publicity_ends_on
    doc_no = (params.get("doc_no") or "").strip()
    named_on = params.get("named_on")
    tier = params.get("tier") or brand.tier
    if not doc_no:
        raise ValidationError("命名需要填写命名文号。")
    if not isinstance(named_on, date):
        raise ValidationError("命名需要填写命名日期。")
    if tier not in BrandTier.values:
        raise ValidationError("品牌等级无效。")
    if ends and today < ends:
        raise ValidationError(f"公示期至{clock.chinese_date(ends)}结束，公示期满后方可命名。")
    if ends and named_on < ends:
        raise ValidationError("命名日期不能早于公示期满之日。")
    if named_on > today:
        raise ValidationError("命名日期不能晚于今天：请在命名文件印发后登记。")
    updates = {
        "doc_no": doc_no,
        "named_on": named_on,
        "tier": tier,
        "next_review_on": named_on.replace(year=named_on.year + 1)
        if not (named_on.month == 2 and named_on.day == 29)
        else named_on + timedelta(days=365),
    }
    return updates, {"doc_no": doc_no, "named_on": named_on.isoformat(), "tier": tier}


def _rereview_params(brand: Brand, params: dict, today: date) -> tuple[dict, dict]:
    outcome = params.get("outcome")
    if outcome not in ReReviewOutcome.values:
        raise ValidationError("请选择复评结论。")
    updates: dict = {"next_review_on": today + timedelta(days=365), "rectify_deadline": None}
    index = TIER_ORDER.index(BrandTier(brand.tier))
    if brand.status == BrandStatus.RECTIFYING and outcome in (
        ReReviewOutcome.UPGRADE,
        ReReviewOutcome.RECTIFY,
    ):
        raise ValidationError("整改期间的复评只能保持、降级或取消命名。")
    if outcome == ReReviewOutcome.UPGRADE:
        if index == len(TIER_ORDER) - 1:
            raise ValidationError("已是最高等级，不能再升级。")
        updates["tier"] = TIER_ORDER[index + 1]
    elif outcome == ReReviewOutcome.DOWNGRADE:
        if index == 0:
            raise ValidationError("已是最低等级，不能再降级；可选择限期整改或取消命名。")
        updates["tier"] = TIER_ORDER[index - 1]
    elif outcome == ReReviewOutcome.RECTIFY:
        deadline = params.get("deadline")
        if not isinstance(deadline, date) or deadline <= today:
            raise ValidationError("限期整改需要填写今天之后的整改期限。")
        updates["rectify_deadline"] = deadline
        updates["next_review_on"] = deadline
    elif outcome == ReReviewOutcome.REVOKE:
        updates["next_review_on"] = None
    data = {"outcome": outcome, "outcome_label": ReReviewOutcome(outcome).label}
    if "tier" in updates:
        data["tier"] = [brand.tier, updates["tier"]]
    if updates.get("rectify_deadline"):
        data["deadline"] = updates["rectify_deadline"].isoformat()
    return updates, data


def _accept_params(brand: Brand, params: dict, today: date) -> tuple[dict, dict]:
    try:
        days = int(params.get("publicity_days") or 5)
    except (TypeError, ValueError) as exc:
        raise ValidationError("公示天数应为整数。") from exc
    if not 1 <= days <= 30:
        raise ValidationError("公示天数应在 1 到 30 天之间。")
    ends = today + timedelta(days=days)
    return {"publicity_ends_on": ends}, {"publicity_days": days, "ends_on": ends.isoformat()}


PARAM_HANDLERS = {"name": _name_params, "rereview": _rereview_params, "accept": _accept_params}


@transaction.atomic
def brand_transition(
    *,
    actor,
    brand: Brand,
    action: str,
    comment: str = "",
    today: date | None = None,
    by_round: object = None,
    recorded: bool = False,
    **params,
) -> Brand:
    """Make one lifecycle move, or refuse it with a message that says why. A move a round owns
    (lifecycle.round_note) is made only by the round's services, which pass `by_round`. A move
    `recorded` from the organisation's past (the demo's history of decisions taken before the
    platform) is checked for its state and actor but not against today's materials."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError("未知的操作。")
    brand = Brand.objects.select_for_update().select_related("org").get(pk=brand.pk)
    if brand.status not in transition.moves:
        raise ValidationError(
            f"品牌当前状态为“{brand.get_status_display()}”，不能执行“{transition.label}”。"
        )
    if not actor_may(actor, brand, transition):
        raise PermissionDenied(f"您的角色不能对该品牌执行“{transition.label}”。")
    if by_round is None and (note := round_note(brand, action)):
        raise ValidationError(note)
    if not recorded and (blockers := move_blockers(brand, action)):
        raise ValidationError(" ".join(blockers))
    comment = (comment or "").strip()
    if transition.needs_comment and not comment:
        raise ValidationError(f"“{transition.label}”需要填写意见。")
    today = today or clock.today()
    handler = PARAM_HANDLERS.get(action)
    updates, data = handler(brand, params, today) if handler else ({}, {})
    source = brand.status
    target = target_status(transition, source, params.get("outcome"))
    updates["status"] = target
    for name, value in updates.items():
        setattr(brand, name, value)
    brand.save(update_fields=[*updates, "updated_at"])
    event = BrandEvent.objects.create(
        brand=brand,
        action=action,
        label=transition.label,
        from_status=source,
        to_status=target,
        actor=actor,
        comment=comment,
        data=data,
    )
    audit_record(
        actor=actor,
        action=f"brand_{action}",
        obj=brand,
        org_path=brand.org.path,
        changes={"status": [source, target], **data},
        comment=comment,
    )
    _tell_next(brand, event, actor, returned=action == "return")
    return brand


def _tell_next(brand: Brand, event: BrandEvent, actor, *, returned: bool) -> None:
    """Whoever makes a move of the brand's new state on its page hears that it waits for them
    (the brand's own organisation for its own moves, the levels above for theirs); a return
    tells the brand's owners why. Moves a round owns are told by the round."""
    above = ancestor_paths(brand.org.path)
    user_ids: set[int] = set()
    for t in TRANSITIONS.values():
        if brand.status not in t.moves or t.action == "return" or round_note(brand, t.action):
            continue
        paths = [brand.org.path] if t.where == "owner" else above
        user_ids.update(users_with(t.cap_for(brand.status), paths).values_list("pk", flat=True))
    user_ids.discard(actor.pk)
    if not user_ids:
        return
    title = f"{brand.name}：{event.label}，{brand.get_status_display()}"
    notify_many(
        build(
            user_id=user_id,
            kind=BrandNotice.RETURNED if returned else BrandNotice.WAITING,
            key=f"brand:{brand.pk}:event:{event.pk}",
            title=title,
            body=event.comment or "请在品牌页办理下一步。",
            url=reverse("brands:brand_detail", args=[brand.pk]),
            org_path=brand.org.path,
        )
        for user_id in sorted(user_ids)
    )
