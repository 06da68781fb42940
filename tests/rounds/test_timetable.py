"""The timetable is kept: entering outside 申报, recommending outside 推荐, scoring outside 专家评审
or 现场路演 and objecting outside 公示 are refused with a clear message; the committee extends a
stage on the timetable page and the change is audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partybrand.core import clock
from partybrand.core.models import AuditLog
from partybrand.rounds.models import Entry, RoundStage, ScoreSheet
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services import publicity, scoring
from partybrand.rounds.services import rounds as round_services
from tests.helpers import client_for
from tests.rounds.helpers import open_round
from tests.rounds.panel_helpers import full_marks, panel_round, scored_and_confirmed

pytestmark = pytest.mark.django_db


def days(n: int):
    return clock.today() + timedelta(days=n)


def move_stage(round_, kind, starts, ends):
    RoundStage.objects.update_or_create(
        round=round_, kind=kind, defaults={"starts_on": starts, "ends_on": ends}
    )


def test_entering_after_the_entry_stage_is_refused_until_the_committee_extends_it(world):
    round_ = open_round(world)
    move_stage(round_, "entry", days(-30), days(-1))
    with pytest.raises(ValidationError, match="“申报”阶段已于.*结束，不能再申报"):
        entry_services.entry_create(
            actor=world.secretary, round=round_, brand=world.brand, tier=round_.tiers.first()
        )
    assert not Entry.objects.filter(round=round_).exists()
    stages = {s.kind: (s.starts_on, s.ends_on) for s in round_.stages.all()}
    stages["entry"] = (days(-30), days(5))
    stages["recommend"] = (days(-30), days(10))
    stages["prescreen"] = (days(11), days(20))
    round_services.round_set_stages(actor=world.staff, round=round_, stages=stages)
    assert AuditLog.objects.filter(action="round_stages", object_id=str(round_.pk)).exists()
    entry = entry_services.entry_create(
        actor=world.secretary, round=round_, brand=world.brand, tier=round_.tiers.first()
    )
    assert entry.pk


def test_entering_before_the_entry_stage_opens_is_refused(world):
    round_ = open_round(world)
    move_stage(round_, "entry", days(2), days(20))
    with pytest.raises(ValidationError, match="自.*开始，现在还不能申报"):
        entry_services.entry_create(actor=world.secretary, round=round_, brand=world.brand)


def test_a_first_submission_after_the_entry_stage_is_refused(world):
    round_ = open_round(world)
    entry = entry_services.entry_create(
        actor=world.secretary, round=round_, brand=world.brand, tier=round_.tiers.first()
    )
    move_stage(round_, "entry", days(-30), days(-1))
    with pytest.raises(ValidationError, match="不能再申报"):
        entry_services.entry_submit(actor=world.secretary, entry=entry)
    assert Entry.objects.get(pk=entry.pk).status == "draft"


def test_recommending_outside_the_recommend_stage_is_refused(world):
    round_ = open_round(world)
    entry = entry_services.entry_create(
        actor=world.secretary, round=round_, brand=world.brand, tier=round_.tiers.first()
    )
    entry = entry_services.entry_submit(actor=world.secretary, entry=entry)
    move_stage(round_, "recommend", days(-40), days(-1))
    with pytest.raises(ValidationError, match="“推荐”阶段已于.*结束，不能再推荐或退回"):
        entry_services.entry_recommend(
            actor=world.mid_admin, entry=entry, decision="pass", comments="同意推荐"
        )
    assert Entry.objects.get(pk=entry.pk).status == "submitted"


def test_the_recommend_page_shows_the_refusal_and_changes_nothing(world):
    round_ = open_round(world)
    entry = entry_services.entry_create(
        actor=world.secretary, round=round_, brand=world.brand, tier=round_.tiers.first()
    )
    entry = entry_services.entry_submit(actor=world.secretary, entry=entry)
    move_stage(round_, "recommend", days(-40), days(-1))
    url = reverse("rounds:entry_recommend", args=[entry.pk])
    answer = client_for(world.mid_admin).post(
        url, {"rec-decision": "pass", "rec-comments": "同意推荐"}
    )
    assert answer.status_code == 400 and "不能再推荐或退回" in answer.content.decode()
    assert Entry.objects.get(pk=entry.pk).status == "submitted"


def test_scoring_outside_the_review_stage_is_refused(world):
    round_, entries, members = panel_round(world)
    sheet = ScoreSheet.objects.get(assignment__member=members[0], entry=entries[0])
    move_stage(round_, "review", days(3), days(10))
    with pytest.raises(ValidationError, match="“专家评审”阶段自.*开始，现在还不能评分"):
        scoring.sheet_save(actor=members[0].user, sheet=sheet, items=full_marks(round_))
    move_stage(round_, "review", days(-10), days(1))
    scoring.sheet_save(actor=members[0].user, sheet=sheet, items=full_marks(round_))
    assert ScoreSheet.objects.get(pk=sheet.pk).total > 0


def test_roadshow_scoring_outside_the_roadshow_day_is_refused(world):
    round_, entries, members = panel_round(world)
    chair = members[0].user
    scoring.roadshow_start(actor=chair, round=round_)
    scoring.roadshow_open(actor=chair, round=round_, entry=entries[0])
    move_stage(round_, "roadshow", days(-3), days(-2))
    sheet = ScoreSheet.objects.get(assignment__member=members[1], entry=entries[0])
    with pytest.raises(ValidationError, match="“现场路演”阶段已于"):
        scoring.sheet_save(actor=members[1].user, sheet=sheet, items=full_marks(round_))


def test_objections_after_the_publicity_are_refused(world, monkeypatch):
    round_, entries, members = panel_round(world)
    scored_and_confirmed(world, round_, entries, members)
    round_ = publicity.publicity_start(actor=world.staff, round=round_)
    after = round_.publicity_ends_on + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: after)
    with pytest.raises(ValidationError, match="“公示”阶段已于.*结束，不能再提出异议"):
        publicity.objection_raise(actor=world.member, round=round_, text="材料存疑")


def test_recommending_may_run_alongside_entering_but_later_stages_keep_their_order(world):
    round_ = open_round(world)
    with pytest.raises(ValidationError, match="不能早于上一阶段结束前开始"):
        round_services.round_set_stages(
            actor=world.staff,
            round=round_,
            stages={
                "entry": (days(-5), days(5)),
                "recommend": (days(-5), days(8)),
                "prescreen": (days(6), days(12)),
            },
        )


def test_the_publicity_and_the_naming_keep_to_their_stages(world, monkeypatch):
    from partybrand.rounds.models import Round
    from partybrand.rounds.services import naming

    round_, entries, members = panel_round(world)
    scored_and_confirmed(world, round_, entries, members)
    move_stage(round_, "publicity", days(3), days(9))
    move_stage(round_, "naming", days(10), days(20))
    with pytest.raises(ValidationError, match="“公示”阶段自.*开始，现在还不能发布公示"):
        publicity.publicity_start(actor=world.staff, round=round_)
    assert Round.objects.get(pk=round_.pk).status == "reviewing"
    move_stage(round_, "publicity", days(0), days(9))
    round_ = publicity.publicity_start(actor=world.staff, round=round_)
    late, in_time = days(25), max(round_.publicity_ends_on + timedelta(days=1), days(10))
    monkeypatch.setattr(clock, "today", lambda: late)
    with pytest.raises(ValidationError, match="“命名”阶段已于.*结束，不能再印发命名决定"):
        naming.naming_decide(actor=world.committee_admin, round=round_, today=late)
    monkeypatch.setattr(clock, "today", lambda: in_time)
    decision = naming.naming_decide(actor=world.committee_admin, round=round_, today=in_time)
    assert decision.doc_number
