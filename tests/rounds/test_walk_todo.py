"""Steps of a round found waiting for nobody in a walk through it: a 公示 objection waiting for the
党建工作部's answer, a 命名决定 waiting for the 党委 once the 公示 is over, and an expert who wants
to declare a conflict before the entry presents in the 现场路演."""

from datetime import timedelta

from django.urls import reverse

from partybrand.core import clock
from partybrand.rounds.models import Assignment, ScoreSheet
from partybrand.rounds.services import publicity, scoring
from tests.helpers import assert_queries_flat, client_for
from tests.rounds.test_panel import run_to_publicity


def home(user) -> str:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_objection_waits_for_the_office_and_the_naming_for_the_committee(world, monkeypatch):
    w = world
    round_, entries = run_to_publicity(w, monkeypatch)
    assert "待我答复的公示异议" not in home(w.staff)
    objection = publicity.objection_raise(
        actor=w.member, round=round_, entry=entries[1], text="该品牌成效数据存疑"
    )
    assert "待我答复的公示异议" in home(w.staff)
    assert "待我答复的公示异议" not in home(w.member)  # the objector answers nothing
    tasks = client_for(w.staff).get(reverse("rounds:my_tasks")).content.decode()
    assert "该品牌成效数据存疑" in tasks
    assert reverse("rounds:publicity", args=[round_.pk]) in tasks
    later = round_.publicity_ends_on + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: later)
    # the 公示 is over but an objection is unanswered: nothing for the 党委 to issue yet
    assert "待印发的命名决定" not in home(w.committee_admin)
    publicity.objection_answer(
        actor=w.staff, objection=objection, answer="经核实，数据有台账佐证。", upheld=False
    )
    assert "待我答复的公示异议" not in home(w.staff)
    assert "公示期满、待印发的命名决定" in home(w.committee_admin)
    assert (
        round_.title
        in client_for(w.committee_admin).get(reverse("rounds:my_tasks")).content.decode()
    )
    assert "待印发的命名决定" not in home(w.member)


def test_the_objection_lines_cost_the_same_queries_with_more_objections(world, monkeypatch):
    w = world
    round_, entries = run_to_publicity(w, monkeypatch)
    client = client_for(w.staff)

    def more():
        publicity.objection_raise(actor=w.member, round=round_, entry=entries[0], text="再核实")

    assert_queries_flat(more, lambda: client.get(reverse("home")))


def test_an_expert_declares_a_conflict_before_the_entry_presents(world):
    from tests.rounds.panel_helpers import panel_round

    round_, entries, members = panel_round(world)
    scoring.roadshow_start(actor=members[0].user, round=round_)  # scoring now waits for the chair
    expert = members[1].user
    sheet = ScoreSheet.objects.get(assignment__member=members[1], entry=entries[0])
    client = client_for(expert)
    page = client.get(reverse("rounds:sheet", args=[sheet.pk])).content.decode()
    assert "申明回避" in page
    response = client.post(
        reverse("rounds:sheet", args=[sheet.pk]),
        {"action": "conflict", "c-reason": "曾在该支部任职"},
    )
    assert response.status_code == 302
    assert not Assignment.objects.filter(member=members[1], entry=entries[0]).exists()
    # the 党建工作部 reading an expert's sheet is offered no declaration on the expert's behalf
    other = ScoreSheet.objects.get(assignment__member=members[2], entry=entries[0])
    page = client_for(world.staff).get(reverse("rounds:sheet", args=[other.pk]))
    assert page.status_code == 200
    assert "申明回避" not in page.content.decode()


def test_an_experts_workbench_does_not_say_nothing_is_theirs_beside_their_sheets(world):
    from tests.rounds.panel_helpers import panel_round

    _round, _entries, members = panel_round(world)
    page = home(members[1].user)
    assert "待我评分的参评申报" in page
    assert "目前还没有与您相关的内容" not in page


def test_a_brand_not_yet_in_acceptance_may_not_enter_an_acceptance_round(world):
    """Entered from 培育建设, a brand was judged, listed and 'named' while its own page never
    moved: the round's 命名决定 names only brands that reached 验收评选."""
    import pytest
    from django.core.exceptions import ValidationError

    from partybrand.brands.models import Brand
    from partybrand.rounds.models import Entry
    from partybrand.rounds.requirements import check_brand
    from partybrand.rounds.services import entries as services
    from tests.rounds.helpers import open_round

    round_ = open_round(world)
    Brand.objects.filter(pk=world.brand.pk).update(status="cultivating")
    brand = Brand.objects.get(pk=world.brand.pk)
    stage = next(r for r in check_brand(round_, brand) if r.key == "stage")
    assert not stage.ok and "培育建设" in stage.found and "申请验收" in stage.fix
    entry = services.entry_create(
        actor=world.secretary, round=round_, brand=brand, tier=round_.tiers.first()
    )
    with pytest.raises(ValidationError, match="验收评选"):
        services.entry_submit(actor=world.secretary, entry=entry)
    assert Entry.objects.get(pk=entry.pk).status == "draft"
    page = client_for(world.secretary).get(reverse("rounds:entry_detail", args=[entry.pk]))
    assert "品牌处于“验收评选”阶段" in page.content.decode()
