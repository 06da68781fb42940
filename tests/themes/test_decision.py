"""Deciding and adopting a theme: an objection to a withdrawn decision does not block the next
one while an objection to the current decision does, adopting a new name replaces the old name's
meaning and phrases, and a candidate's name and slogan are locked once members have voted."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services
from tests.helpers import client_for

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


@pytest.fixture
def ws(world):
    workshop = services.workshop_start(actor=world.secretary, brand=world.brand)
    for name, slogan in [("光耀电网", "党建引领聚合力 光明使者暖万家"), ("银线先锋", "")]:
        services.candidate_add(actor=world.secretary, workshop=workshop, name=name, slogan=slogan)
    return workshop


# Objections to a withdrawn decision -------------------------------------------------------


def _decide(world, ws, candidate, now):
    return services_decision.decision_record(
        actor=world.secretary, workshop=ws, candidate=candidate, reason="支委会研究决定。", now=now
    )


def test_an_open_objection_to_a_withdrawn_decision_does_not_block_the_next_one(world, ws):
    a, b = ws.candidates.order_by("id")
    services_votes.voting_open(
        actor=world.secretary,
        workshop=ws,
        opens_at=NOW,
        closes_at=NOW + timedelta(hours=2),
        now=NOW,
    )
    services_votes.voting_close(actor=world.secretary, workshop=ws, now=NOW + timedelta(hours=1))
    ws = _decide(world, ws, a, NOW)
    services_decision.objection_add(
        actor=world.member, workshop=ws, text="“光耀”与兄弟单位品牌相近。", now=NOW
    )
    ws = services_decision.decision_withdraw(
        actor=world.secretary, workshop=ws, reason="异议成立，改选其他候选。"
    )
    later = NOW + timedelta(days=1)
    ws = _decide(world, ws, b, later)
    after = later + timedelta(days=5, minutes=1)
    assert services_decision.adoption_blockers(ws, after) == []
    services_decision.theme_adopt(actor=world.secretary, workshop=ws, now=after)
    world.brand.refresh_from_db()
    assert world.brand.name == "银线先锋"

    # an objection to the decision now being publicised still blocks
    page = client_for(world.secretary).get(reverse("themes:workshop_detail", args=[ws.pk]))
    assert "针对已撤回的决定" in page.content.decode()


def test_an_objection_to_the_current_decision_still_blocks(world, ws):
    a, _ = ws.candidates.order_by("id")
    services_votes.voting_open(
        actor=world.secretary,
        workshop=ws,
        opens_at=NOW,
        closes_at=NOW + timedelta(hours=2),
        now=NOW,
    )
    services_votes.voting_close(actor=world.secretary, workshop=ws, now=NOW + timedelta(hours=1))
    ws = _decide(world, ws, a, NOW)
    services_decision.objection_add(actor=world.member, workshop=ws, text="有意见。", now=NOW)
    with pytest.raises(ValidationError, match="1 条异议未办结"):
        services_decision.theme_adopt(
            actor=world.secretary, workshop=ws, now=NOW + timedelta(days=6)
        )


# Adoption: a new name does not keep the old name's meaning -----------------------------------


def test_adopting_a_new_name_replaces_the_old_names_meaning_and_phrases(world, ws):
    from partybrand.brands.services import brand_set_phrases, brand_update

    brand_update(actor=world.secretary, brand=world.brand, meaning="红色引擎驱动发展。")
    brand_set_phrases(
        actor=world.secretary,
        brand=world.brand,
        phrases=[("红色", "坚持党建引领"), ("引擎", "驱动发展")],
    )
    a, _ = ws.candidates.order_by("id")  # 光耀电网, no meaning written
    services_votes.voting_open(
        actor=world.secretary, workshop=ws, opens_at=NOW, closes_at=NOW + timedelta(hours=2)
    )
    services_votes.voting_close(actor=world.secretary, workshop=ws)
    ws = _decide(world, ws, a, NOW)
    services_decision.theme_adopt(actor=world.secretary, workshop=ws, now=NOW + timedelta(days=6))
    world.brand.refresh_from_db()
    assert world.brand.name == "光耀电网"
    assert world.brand.meaning == "" and not world.brand.phrases.exists()


def test_a_voted_candidates_name_cannot_be_changed_after_the_vote(world, ws):
    a, _ = ws.candidates.order_by("id")
    services_votes.voting_open(
        actor=world.secretary, workshop=ws, opens_at=NOW, closes_at=NOW + timedelta(hours=2)
    )
    services_votes.vote_cast(actor=world.member, workshop=ws, candidate=a)
    services_votes.voting_close(actor=world.secretary, workshop=ws)
    page = client_for(world.secretary).post(
        reverse("themes:candidate_edit", args=[a.pk]),
        {"name": "别的名字", "slogan": a.slogan, "meaning": "", "phrases": ""},
    )
    assert "该候选已有党员投票，名称和口号不能再修改" in page.content.decode()
    a.refresh_from_db()
    assert a.name == "光耀电网"
    # its 内涵释义 may still be written
    services.candidate_update(actor=world.secretary, candidate=a, meaning="以党建之光照亮电网。")
    a.refresh_from_db()
    assert a.meaning == "以党建之光照亮电网。"
