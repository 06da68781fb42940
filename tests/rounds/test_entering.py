"""Entering a round: the checklist, submitting, 推荐 and 预审 with their returns, and what each
step records and tells the people concerned."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partybrand.core.models import AuditLog
from partybrand.documents.services import latest_texts
from partybrand.notices.models import Notification
from partybrand.rounds.choices import EntryStatus, RoundStatus
from partybrand.rounds.models import Entry, EntryReview
from partybrand.rounds.requirements import check_brand
from partybrand.rounds.services import entries as services
from partybrand.rounds.services import rounds as round_services
from partybrand.rounds.services.entries import PRESCREEN_CHECKLIST
from tests.rounds.helpers import LIGHT, make_round, open_round

ALL_TICKED = dict.fromkeys(PRESCREEN_CHECKLIST, True)


def enter(w, round_):
    return services.entry_create(
        actor=w.secretary, round=round_, brand=w.brand, tier=round_.tiers.get(rank=2)
    )


def test_a_round_opens_only_with_tiers_a_system_a_timetable_and_a_numbered_notice(world):
    round_ = make_round(world)
    with pytest.raises(ValidationError) as refused:
        round_services.round_advance(actor=world.staff, round=round_)
    text = " ".join(refused.value.messages)
    assert "等次" in text and "申报阶段" in text and "评选通知" in text
    assert round_services.open_blockers(round_) != []
    opened = open_round(world, title="另一批次")
    assert opened.status == RoundStatus.ENTRY
    assert opened.notice_number.endswith("〔2026〕1号") or "〔" in opened.notice_number
    assert opened.notice_document.kind == "round-notice"


def test_only_the_committee_staff_set_a_round_up(world):
    for who in (world.secretary, world.mid_admin, world.expert):
        with pytest.raises(PermissionDenied):
            make_round(world, actor=who)


def test_opening_tells_the_secretaries_of_the_eligible_organisations(world):
    round_ = open_round(world)
    told = Notification.objects.filter(key=f"round:{round_.pk}:open")
    assert told.filter(user=world.secretary).exists()
    assert told.filter(user=world.outsider).exists()  # 支部B is under the group too
    assert not told.filter(user=world.member).exists()


def test_the_checklist_says_what_is_missing_and_how_to_fix_it(world):
    round_ = open_round(world, requirements={**LIGHT, "meaning": True, "logo": True})
    rows = {r.key: r for r in check_brand(round_, world.brand)}
    assert set(rows) == {"stage", "name", "meaning", "logo"}
    assert rows["stage"].ok and rows["name"].ok
    assert not rows["meaning"].ok and "内涵释义" in rows["meaning"].found
    assert not rows["logo"].ok and rows["logo"].url.endswith(f"/brands/{world.brand.pk}/")
    entry = enter(world, round_)
    with pytest.raises(ValidationError) as refused:
        services.entry_submit(actor=world.secretary, entry=entry)
    assert "内涵释义完整" in refused.value.messages[0]
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.DRAFT


def test_entering_return_resubmit_recommend_and_prescreen(world):
    round_ = open_round(world)
    entry = enter(world, round_)
    assert entry.application.kind == "application"
    entry = services.entry_submit(actor=world.secretary, entry=entry)
    assert entry.status == EntryStatus.SUBMITTED
    assert [row["key"] for row in entry.requirement_snapshot] == ["stage", "name"]
    assert Notification.objects.filter(user=world.mid_admin, kind="entry_to_recommend").exists()

    with pytest.raises(ValidationError):  # a return says what to fix
        services.entry_recommend(actor=world.mid_admin, entry=entry, decision="return")
    entry = services.entry_recommend(
        actor=world.mid_admin, entry=entry, decision="return", comments="请补充创建成效数据"
    )
    assert entry.status == EntryStatus.RETURNED
    assert Notification.objects.filter(user=world.secretary, kind="entry_returned").exists()

    entry = services.entry_submit(actor=world.secretary, entry=entry)
    entry = services.entry_recommend(
        actor=world.mid_admin, entry=entry, decision="pass", comments="同意推荐，成效突出。"
    )
    assert entry.status == EntryStatus.RECOMMENDED
    texts = latest_texts(entry.application)
    assert texts["recommendation"].startswith("同意推荐，成效突出。")

    with pytest.raises(ValidationError) as refused:  # 形式审查 not complete
        services.entry_prescreen(
            actor=world.staff, entry=entry, decision="pass", checklist={"application": True}
        )
    assert "形式审查" in refused.value.messages[0]
    entry = services.entry_prescreen(
        actor=world.staff, entry=entry, decision="pass", checklist=ALL_TICKED
    )
    assert entry.status == EntryStatus.PRESCREEN_PASSED
    stages = list(EntryReview.objects.filter(entry=entry).values_list("stage", "decision"))
    assert stages == [("recommend", "return"), ("recommend", "pass"), ("prescreen", "pass")]
    actions = set(AuditLog.objects.filter(object_id=str(entry.pk)).values_list("action", flat=True))
    assert {"entry_create", "entry_submit", "entry_return", "entry_recommend"} <= actions
    assert "entry_prescreen_pass" in actions


def test_prescreen_returns_with_reasons_and_the_fixed_entry_comes_back(world):
    round_ = open_round(world)
    entry = services.entry_submit(actor=world.secretary, entry=enter(world, round_))
    entry = services.entry_recommend(
        actor=world.mid_admin, entry=entry, decision="pass", comments="同意推荐"
    )
    with pytest.raises(ValidationError):
        services.entry_prescreen(actor=world.staff, entry=entry, decision="return")
    entry = services.entry_prescreen(
        actor=world.staff, entry=entry, decision="return", comments="缺少佐证材料"
    )
    assert entry.status == EntryStatus.PRESCREEN_RETURNED
    entry = services.entry_submit(actor=world.secretary, entry=entry)
    assert entry.status == EntryStatus.SUBMITTED


def test_nobody_recommends_or_prescreens_their_own_or_out_of_turn(world):
    round_ = open_round(world)
    entry = services.entry_submit(actor=world.secretary, entry=enter(world, round_))
    with pytest.raises(PermissionDenied):
        services.entry_recommend(actor=world.secretary, entry=entry, decision="pass", comments="好")
    with pytest.raises(PermissionDenied):
        services.entry_prescreen(actor=world.mid_admin, entry=entry, decision="pass")
    with pytest.raises(ValidationError):  # not recommended yet
        services.entry_prescreen(
            actor=world.staff, entry=entry, decision="pass", checklist=ALL_TICKED
        )
    with pytest.raises(PermissionDenied):
        services.entry_create(actor=world.member, round=round_, brand=world.brand)
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.SUBMITTED


def test_a_brand_enters_a_round_once_and_only_while_it_takes_entries(world):
    round_ = open_round(world)
    enter(world, round_)
    with pytest.raises(ValidationError):
        enter(world, round_)
    draft = make_round(world, title="筹备中的批次")
    with pytest.raises(ValidationError):
        services.entry_create(actor=world.secretary, round=draft, brand=world.brand)


def test_a_brand_outside_the_eligible_organisations_may_not_enter(world):
    round_ = open_round(world, eligible_orgs=[world.committee_b])
    with pytest.raises(ValidationError):
        enter(world, round_)
