"""The 公示 runs through its last day: an objection raised that day is taken, so the 命名决定
waits until the day after, and the 党委's 我的待办 lists the round only then."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from partybrand.core import clock
from partybrand.rounds.models import Objection, Round
from partybrand.rounds.selectors import namings_to_issue
from partybrand.rounds.services import naming, publicity
from tests.rounds.panel_helpers import panel_round, scored_and_confirmed


def test_no_naming_on_the_last_day_of_the_publicity_while_objections_are_taken(world, monkeypatch):
    round_, entries, members = panel_round(world)
    scored_and_confirmed(world, round_, entries, members)
    round_ = publicity.publicity_start(actor=world.staff, round=round_)
    last = round_.publicity_ends_on
    monkeypatch.setattr(clock, "today", lambda: last)
    publicity.objection_raise(actor=world.member, round=round_, text="请核实成效数据")
    answered = Objection.objects.get(round=round_)
    publicity.objection_answer(
        actor=world.staff, objection=answered, answer="经核实，数据有台账佐证。", upheld=False
    )
    assert not namings_to_issue(world.committee_admin, last).exists()
    with pytest.raises(ValidationError, match="期满后方可印发命名决定"):
        naming.naming_decide(actor=world.committee_admin, round=round_, today=last)
    assert Round.objects.get(pk=round_.pk).status == "publicizing"

    after = last + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: after)
    assert list(namings_to_issue(world.committee_admin, after)) == [round_]
    decision = naming.naming_decide(actor=world.committee_admin, round=round_, today=after)
    assert decision.decided_on == after
    assert Round.objects.get(pk=round_.pk).status == "closed"
