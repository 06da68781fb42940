"""The brand lifecycle: every move through the service, who may make it, and what it records."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partybrand.brands.choices import BrandStatus, BrandTier
from partybrand.brands.lifecycle import TRANSITIONS, round_note
from partybrand.brands.models import BrandEvent
from partybrand.brands.transitions import available_transitions, brand_transition
from partybrand.core.models import AuditLog
from tests.helpers import ready_brand

TODAY = date(2026, 3, 1)


def move(world, who, action, today=TODAY, **params):
    """The move as its service makes it; those a round owns as the round's services call it."""
    by_round = "round" if round_note(world.brand, action) else None
    return brand_transition(
        actor=getattr(world, who),
        brand=world.brand,
        action=action,
        today=today,
        by_round=by_round,
        **params,
    )


def walk_to(world, status):
    """Drive the demo brand to `status` through the real moves."""
    path = [
        ("secretary", "submit", {}),
        ("mid_admin", "start_review", {}),
        ("committee_admin", "approve", {}),
        ("secretary", "start_cultivation", {}),
        ("staff", "start_midterm", {}),
        ("staff", "pass_midterm", {}),
        ("secretary", "apply_acceptance", {}),
        ("staff", "accept", {"publicity_days": 5}),
        (
            "committee_admin",
            "name",
            {
                "doc_no": "测党发〔2026〕8号",
                "named_on": TODAY + timedelta(days=5),
                "today": TODAY + timedelta(days=6),
            },
        ),
    ]
    if world.brand.status == BrandStatus.DRAFT and status != BrandStatus.DRAFT:
        ready_brand(world)  # the materials each move outside rounds asks for
    for who, action, params in path:
        if world.brand.status == status:
            return world.brand
        world.brand = move(world, who, action, **params)
    assert world.brand.status == status
    return world.brand


def test_a_brand_walks_from_draft_to_named_recording_every_step(world):
    brand = walk_to(world, BrandStatus.NAMED)
    assert brand.doc_no == "测党发〔2026〕8号"
    assert brand.named_on == date(2026, 3, 6)
    assert brand.next_review_on == date(2027, 3, 6)
    events = list(BrandEvent.objects.filter(brand=brand).values_list("action", flat=True))
    assert events == [
        "create",
        "submit",
        "start_review",
        "approve",
        "start_cultivation",
        "start_midterm",
        "pass_midterm",
        "apply_acceptance",
        "accept",
        "name",
    ]
    audited = AuditLog.objects.filter(object_type="brands.brand", object_id=str(brand.pk))
    assert audited.filter(action="brand_name", actor=world.committee_admin).exists()
    moves = [f"brand_{a}" for a in TRANSITIONS]
    assert audited.filter(action__in=moves).count() == 9


def test_secretary_cannot_approve_own_brand(world):
    walk_to(world, BrandStatus.REVIEWING)
    with pytest.raises(PermissionDenied, match="批准立项"):
        move(world, "secretary", "approve")


def test_only_the_committee_itself_approves_and_names(world):
    walk_to(world, BrandStatus.REVIEWING)
    for who in ("mid_admin", "staff"):
        with pytest.raises(PermissionDenied):
            move(world, who, "approve")
    assert move(world, "committee_admin", "approve").status == BrandStatus.APPROVED


def test_owner_moves_need_the_role_at_the_brands_own_organisation(world):
    with pytest.raises(PermissionDenied):
        move(world, "staff", "submit")  # the party office cannot apply on the branch's behalf
    assert move(world, "secretary", "submit").status == BrandStatus.SUBMITTED


def test_a_mid_level_admin_returns_at_first_review_only(world):
    walk_to(world, BrandStatus.PUBLICIZING)
    with pytest.raises(PermissionDenied):
        move(world, "mid_admin", "return", comment="材料不全")
    assert move(world, "staff", "return", comment="公示期收到异议").status == BrandStatus.ACCEPTING


def test_an_outsider_committee_cannot_move_a_brand_of_another_company(world):
    from partybrand.orgs.choices import Role
    from partybrand.orgs.services import role_assign

    role_assign(actor=None, user=world.outsider, org=world.committee_b, role=Role.PARTY_OFFICE)
    walk_to(world, BrandStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        move(world, "outsider", "start_review")


def test_a_move_from_the_wrong_state_is_refused_with_the_state_named(world):
    with pytest.raises(ValidationError, match="创建中.*批准立项"):
        move(world, "staff", "approve")
    assert BrandEvent.objects.filter(brand=world.brand).count() == 1


def test_return_needs_a_comment_and_goes_back_to_draft(world):
    walk_to(world, BrandStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="意见"):
        move(world, "mid_admin", "return", comment="  ")
    brand = move(world, "mid_admin", "return", comment="创建方案缺少三定任务清单")
    assert brand.status == BrandStatus.DRAFT
    event = brand.events.last()
    assert (event.from_status, event.to_status) == (BrandStatus.SUBMITTED, BrandStatus.DRAFT)
    assert event.comment == "创建方案缺少三定任务清单"
    assert event.actor == world.mid_admin


def test_naming_waits_for_the_publicity_period(world):
    walk_to(world, BrandStatus.PUBLICIZING)
    ends = TODAY + timedelta(days=5)
    assert world.brand.publicity_ends_on == ends
    with pytest.raises(ValidationError, match="公示期满后方可命名"):
        # A naming date after the publicity period does not help while it is still running.
        move(world, "committee_admin", "name", doc_no="测党发〔2026〕9号", named_on=ends)
    with pytest.raises(ValidationError, match="不能早于公示期满"):
        move(world, "committee_admin", "name", doc_no="9号", named_on=TODAY, today=ends)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        move(
            world, "committee_admin", "name", doc_no="9号", named_on=ends + timedelta(3), today=ends
        )
    with pytest.raises(ValidationError, match="命名文号"):
        move(world, "committee_admin", "name", doc_no="", named_on=ends, today=ends)


def test_rereview_upgrades_downgrades_rectifies_and_revokes(world):
    walk_to(world, BrandStatus.NAMED)
    assert world.brand.tier == BrandTier.CULTIVATED
    brand = move(world, "staff", "rereview", outcome="upgrade", comment="成效突出")
    assert (brand.status, brand.tier) == (BrandStatus.NAMED, BrandTier.DEMONSTRATION)
    brand = move(world, "staff", "rereview", outcome="downgrade", comment="推广不足")
    assert brand.tier == BrandTier.CULTIVATED
    with pytest.raises(ValidationError, match="最低等级"):
        move(world, "staff", "rereview", outcome="downgrade", comment="再降")
    with pytest.raises(ValidationError, match="整改期限"):
        move(world, "staff", "rereview", outcome="rectify", comment="台账不全")
    brand = move(
        world,
        "staff",
        "rereview",
        outcome="rectify",
        comment="台账不全",
        deadline=TODAY + timedelta(days=60),
    )
    assert brand.status == BrandStatus.RECTIFYING
    assert brand.rectify_deadline == TODAY + timedelta(days=60)
    brand = move(world, "staff", "rereview", outcome="revoke", comment="整改不到位")
    assert brand.status == BrandStatus.REVOKED
    assert brand.next_review_on is None
    assert available_transitions(world.staff, brand) == []


def test_read_only_member_has_no_moves_and_cannot_submit(world):
    assert available_transitions(world.member, world.brand) == []
    with pytest.raises(PermissionDenied):
        move(world, "member", "submit")


def test_secretary_sees_submit_and_staff_sees_review_moves(world):
    assert [t.action for t in available_transitions(world.secretary, world.brand)] == ["submit"]
    walk_to(world, BrandStatus.SUBMITTED)
    actions = {t.action for t in available_transitions(world.staff, world.brand)}
    assert actions == {"return", "start_review"}
    assert available_transitions(world.secretary, world.brand) == []


def test_every_status_is_reachable_from_draft():
    reached, frontier = {BrandStatus.DRAFT}, [BrandStatus.DRAFT]
    targets = {
        "rereview": [BrandStatus.NAMED, BrandStatus.RECTIFYING, BrandStatus.REVOKED],
    }
    while frontier:
        status = frontier.pop()
        for transition in TRANSITIONS.values():
            if status not in transition.moves:
                continue
            nexts = targets.get(transition.action) or [transition.moves[status]]
            for nxt in nexts:
                if nxt not in reached:
                    reached.add(nxt)
                    frontier.append(nxt)
    assert reached == set(BrandStatus)


def test_a_revoked_brands_record_is_frozen(world):
    from partybrand.brands.models import Brand
    from partybrand.brands.services import honour_add, kpi_create

    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.REVOKED)
    world.brand.refresh_from_db()
    with pytest.raises(ValidationError, match="已摘牌"):
        honour_add(actor=world.secretary, brand=world.brand, title="x", level="company", year=2025)
    with pytest.raises(ValidationError, match="已摘牌"):
        kpi_create(
            actor=world.secretary,
            brand=world.brand,
            name="x",
            baseline=1,
            baseline_on=TODAY,
            target=2,
        )


def test_identity_is_locked_from_the_application_on(world):
    from partybrand.brands.services import brand_set_phrases, brand_update

    walk_to(world, BrandStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="已锁定"):
        brand_update(actor=world.secretary, brand=world.brand, name="改名")
    with pytest.raises(ValidationError, match="已锁定"):
        brand_set_phrases(actor=world.secretary, brand=world.brand, phrases=[("红色", "新释义")])
    # Notes on the brand's flavour may still be refined.
    brand_update(actor=world.secretary, brand=world.brand, cultural_note="传承电力铁军精神")
    move(world, "mid_admin", "return", comment="请完善内涵")
    assert brand_update(actor=world.secretary, brand=world.brand, name="改名").name == "改名"
