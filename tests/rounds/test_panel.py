"""The expert panel, scoring, 路演, results, 公示 and 命名 of a round, through the services."""

import random
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.documents.registry import kind_for
from partybrand.documents.services import document_export
from partybrand.notices.models import Notification as Notice
from partybrand.rounds.choices import EntryStatus, RoundStatus, SheetStatus
from partybrand.rounds.matrix import score_matrix_xlsx
from partybrand.rounds.models import Assignment, Entry, Round, ScoreSheet
from partybrand.rounds.services import naming, panel, publicity, results, scoring
from partybrand.rounds.services.scoring import combine
from tests.rounds.panel_helpers import expert, full_marks, panel_round, prescreened_round

pytestmark = pytest.mark.django_db


def sheet_of(member, entry):
    return ScoreSheet.objects.get(assignment__member=member, entry=entry)


def score_all(round_, entries, members, scales):
    """Every expert submits each entry at the scale given per (member index, entry index)."""
    for m, member in enumerate(members):
        for e, entry in enumerate(entries):
            scoring.sheet_save(
                actor=member.user,
                sheet=sheet_of(member, entry),
                items=full_marks(round_, scales[m][e]),
                comments="材料翔实",
                submit=True,
            )


def test_conflict_of_own_unit_is_refused_with_a_clear_message(world):
    w = world
    round_, entries = prescreened_round(w)
    member = panel.member_add(
        actor=w.staff, round=round_, user=expert(w, "expHome", home=w.branch_a)
    )
    with pytest.raises(ValidationError, match="须回避本单位的申报"):
        panel.assign(actor=w.staff, round=round_, member=member, entries=[entries[0]])
    assert not Assignment.objects.filter(member=member).exists()
    panel.assign(actor=w.staff, round=round_, member=member, entries=[entries[1]])
    assert Assignment.objects.filter(member=member, entry=entries[1]).exists()


def test_declared_conflict_refuses_assignment_and_group_skips_it(world):
    w = world
    round_, entries = prescreened_round(w)
    group = panel.group_create(actor=w.staff, round=round_, name="第一评审组")
    member = panel.member_add(actor=w.staff, round=round_, user=expert(w, "expD"), group=group)
    panel.conflict_declare(actor=member.user, member=member, entry=entries[1], reason="曾参与指导")
    with pytest.raises(ValidationError, match="曾参与指导"):
        panel.assign(actor=w.staff, round=round_, member=member, entries=[entries[1]])
    done = panel.assign_group(actor=w.staff, round=round_, group=group, entries=entries)
    assert done["assigned"] == 1
    assert any("回避" in s for s in done["skipped"])


def test_draw_is_reproducible_from_its_seed(world):
    w = world
    round_, _ = prescreened_round(w)
    pool = [expert(w, f"pool{n}") for n in range(6)]
    drawn = [
        m.user_id
        for m in panel.members_draw(actor=w.staff, round=round_, pool=pool, count=3, seed=42)
    ]
    expected = [u.pk for u in random.Random(42).sample(sorted(pool, key=lambda u: u.pk), 3)]
    assert drawn == expected
    with pytest.raises(ValidationError, match="只有 3 名"):
        panel.members_draw(actor=w.staff, round=round_, pool=pool, count=4, seed=1)


def test_only_the_runner_builds_the_panel(world):
    w = world
    round_, _ = prescreened_round(w)
    with pytest.raises(PermissionDenied):
        panel.member_add(actor=w.secretary, round=round_, user=w.expert)


def test_expert_scores_only_own_sheet_within_points(world):
    w = world
    round_, entries, members = panel_round(w)
    sheet = sheet_of(members[0], entries[0])
    with pytest.raises(PermissionDenied):
        scoring.sheet_save(actor=members[1].user, sheet=sheet, items={}, submit=False)
    leaf = scoring.leaf_items(round_.indicator_system)[0]
    with pytest.raises(ValidationError):
        scoring.sheet_save(
            actor=members[0].user, sheet=sheet, items={str(leaf.pk): str(leaf.points + 1)}
        )
    with pytest.raises(ValidationError, match="未评分"):
        scoring.sheet_save(actor=members[0].user, sheet=sheet, items={}, submit=True)
    saved = scoring.sheet_save(
        actor=members[0].user, sheet=sheet, items=full_marks(round_), submit=True
    )
    assert saved.status == SheetStatus.SUBMITTED
    assert saved.total == round_.indicator_system.total_points or saved.total > 0


def test_trimmed_mean_and_mean_and_divergence():
    assert combine([Decimal(90), Decimal(80), Decimal(60)], "trimmed_mean", 10) == (
        Decimal("80.00"),
        True,
    )
    assert combine([Decimal(90), Decimal(80), Decimal(70)], "mean", 30) == (Decimal("80.00"), False)
    assert combine([Decimal(90), Decimal(60)], "trimmed_mean", 50) == (Decimal("75.00"), False)
    assert combine([], "mean", 10) == (None, False)


def test_ties_follow_the_stated_rules_and_quota_drops_to_next_tier(world):
    w = world
    round_, entries, members = panel_round(w)
    # Both at the same mean; the second has the higher lowest score, so it ranks first.
    score_all(round_, entries, members, [["0.9", "0.85"], ["0.8", "0.85"], ["0.85", "0.85"]])
    tiers = list(round_.tiers.order_by("rank"))
    tiers[0].quota = 1
    tiers[0].min_score = Decimal("0")
    tiers[0].save()
    ranked = results.results_compute(actor=w.staff, round=round_)
    assert ranked[0].expert_score == ranked[1].expert_score
    assert [e.pk for e in ranked] == [entries[1].pk, entries[0].pk]
    assert ranked[0].awarded_tier == tiers[0]
    # Over the top tier's quota of 1: the second drops to the next tier.
    assert ranked[1].awarded_tier == tiers[1]


def test_roadshow_locks_on_close_and_screen_shows_only_after_release(world):
    w = world
    round_, entries, members = panel_round(w)
    chair = members[0].user
    scoring.roadshow_start(actor=chair, round=round_, minutes=5)
    sheet = sheet_of(members[1], entries[0])
    with pytest.raises(ValidationError, match="尚未开始路演"):
        scoring.sheet_save(actor=members[1].user, sheet=sheet, items=full_marks(round_))
    with pytest.raises(PermissionDenied):
        scoring.roadshow_open(actor=members[1].user, round=round_, entry=entries[0])
    scoring.roadshow_open(actor=chair, round=round_, entry=entries[0])
    for member in members:
        scoring.sheet_save(
            actor=member.user,
            sheet=sheet_of(member, entries[0]),
            items=full_marks(round_, "0.9"),
            submit=True,
        )
    with pytest.raises(ValidationError, match="请先结束当前项目"):
        scoring.roadshow_release(actor=chair, round=round_)
    scoring.roadshow_close(actor=chair, round=round_)
    assert set(ScoreSheet.objects.filter(entry=entries[0]).values_list("status", flat=True)) == {
        SheetStatus.LOCKED
    }
    with pytest.raises(ValidationError, match="锁定"):
        scoring.sheet_save(actor=members[1].user, sheet=sheet, items=full_marks(round_))
    assert Entry.objects.get(pk=entries[0].pk).result_released_at is None
    scoring.roadshow_release(actor=chair, round=round_)
    assert Entry.objects.get(pk=entries[0].pk).result_released_at is not None


def run_to_publicity(w, monkeypatch):
    round_, entries, members = panel_round(w)
    score_all(round_, entries, members, [["0.95", "0.8"], ["0.9", "0.8"], ["0.92", "0.75"]])
    results.results_compute(actor=w.staff, round=round_)
    results.results_confirm(actor=w.staff, round=round_)
    assert not ScoreSheet.objects.exclude(status=SheetStatus.LOCKED).exists()
    publicity.publicity_start(actor=w.staff, round=round_)
    return Round.objects.get(pk=round_.pk), entries


def test_publicity_objection_blocks_naming_until_answered_then_brands_named(world, monkeypatch):
    w = world
    round_, entries = run_to_publicity(w, monkeypatch)
    assert round_.status == RoundStatus.PUBLICIZING
    assert Brand.objects.get(pk=w.brand.pk).status == "publicizing"
    objection = publicity.objection_raise(
        actor=w.member, round=round_, entry=entries[1], text="该品牌成效数据存疑"
    )
    later = round_.publicity_ends_on + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: later)
    with pytest.raises(ValidationError, match="未答复"):
        naming.naming_decide(actor=w.committee_admin, round=round_, today=later)
    with pytest.raises(PermissionDenied):
        publicity.objection_answer(actor=w.member, objection=objection, answer="x", upheld=False)
    publicity.objection_answer(
        actor=w.staff, objection=objection, answer="经核实，数据有台账佐证。", upheld=False
    )
    with pytest.raises(PermissionDenied, match="党委审定"):
        naming.naming_decide(actor=w.staff, round=round_, today=later)
    decision = naming.naming_decide(actor=w.committee_admin, round=round_, today=later)
    assert "〔" in decision.doc_number
    brand = Brand.objects.get(pk=w.brand.pk)
    assert brand.status == "named"
    assert brand.doc_no == decision.doc_number
    assert brand.tier == "demonstration"
    assert brand.next_review_on is not None
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.CLOSED
    assert Entry.objects.get(pk=entries[0].pk).status == EntryStatus.NAMED
    assert Notice.objects.filter(user=w.secretary, kind="round_named").exists()


def test_experts_hear_of_their_sheets(world):
    w = world
    _round, _entries, members = panel_round(w)
    assert Notice.objects.filter(user=members[0].user, kind="round_sheets_assigned").count() == 1


def test_vote_once_within_window(world):
    w = world
    round_, entries = prescreened_round(w, vote_enabled=True, vote_weight=Decimal("0.2"))
    publicity.vote_cast(actor=w.member, round=round_, entry=entries[0])
    with pytest.raises(ValidationError, match="限投一票"):
        publicity.vote_cast(actor=w.member, round=round_, entry=entries[1])
    Round.objects.filter(pk=round_.pk).update(vote_closes_at=clock.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="已截止"):
        publicity.vote_cast(actor=w.secretary, round=round_, entry=entries[0])


def test_rereview_downgrades_one_brand_and_removes_another(world, monkeypatch):
    w = world
    round_, entries, members = panel_round(
        w,
        kind="rereview",
        title="2026年度党建品牌复评",
        brand_states=[("named", "demonstration"), ("named", "cultivated")],
    )
    # 红色引擎 reaches only 培育 (≥70): one step down; 蓝色先锋 reaches no tier: 摘牌.
    score_all(round_, entries, members, [["0.75", "0.5"], ["0.76", "0.5"], ["0.74", "0.5"]])
    ranked = results.results_compute(actor=w.staff, round=round_)
    assert {e.brand.name: e.outcome for e in ranked} == {
        "红色引擎": "downgrade",
        "蓝色先锋": "revoke",
    }
    results.results_confirm(actor=w.staff, round=round_)
    round_ = publicity.publicity_start(actor=w.staff, round=round_)
    later = round_.publicity_ends_on + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: later)
    decision = naming.naming_decide(actor=w.committee_admin, round=round_, today=later)
    red = Brand.objects.get(pk=w.brand.pk)
    blue = Brand.objects.get(name="蓝色先锋")
    assert (red.status, red.tier) == ("named", "cultivated")
    assert blue.status == "revoked"
    assert red.events.filter(action="rereview", comment__contains=decision.doc_number).exists()


def test_results_documents_and_score_matrix_read_back(world, monkeypatch):
    w = world
    round_, entries, members = panel_round(w)
    score_all(round_, entries, members, [["0.9", "0.8"], ["0.92", "0.8"], ["0.5", "0.8"]])
    results.results_compute(actor=w.staff, round=round_)
    book = load_workbook(BytesIO(score_matrix_xlsx(round_)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][:3] == ("排名", "品牌名称", "申报组织")
    assert rows[2][1] == "红色引擎" and rows[2][-2] == "是"  # 0.5 against 0.9: divergent
    report = document_export(actor=w.staff, kind=kind_for("round-results"), subject_obj=round_)
    assert report[:2] == b"PK"


def test_an_expert_opens_the_dossier_of_an_entry_given_to_them_and_no_other(world):
    """The 申报材料 link on an expert's sheet led to a 404: experts see no brands."""
    round_, entries, members = panel_round(world)
    mine = Assignment.objects.filter(member=members[0]).values_list("entry_id", flat=True)
    given = Entry.objects.get(pk=mine[0])
    client = Client()
    client.force_login(members[0].user)
    assert client.get(reverse("rounds:entry_detail", args=[given.pk])).status_code == 200
    Assignment.objects.filter(member=members[0], entry=given).delete()
    assert client.get(reverse("rounds:entry_detail", args=[given.pk])).status_code == 404
