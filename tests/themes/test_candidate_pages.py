"""The workshop and candidate pages as members and scorers meet them: one message and no vote
button once voted, no experts or assistant once adopted, the scorer's real kind on the score
button, the rhythm check's advice shown as advice, a refused proposal keeps what was typed, and
a candidate is reached only through its own workshop."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partybrand.brands.services import brand_create
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
    services.candidate_add(
        actor=world.secretary, workshop=workshop, name="光耀电网", slogan="党建引领 光明使者"
    )
    services.candidate_add(actor=world.secretary, workshop=workshop, name="银线先锋", slogan="")
    return workshop


# The workshop pages ---------------------------------------------------------------------


def _voting(world, ws):
    services_votes.voting_open(
        actor=world.secretary,
        workshop=ws,
        opens_at=NOW,
        closes_at=NOW + timedelta(hours=24),
        now=NOW,
    )


def test_after_voting_there_is_one_message_and_no_more_vote_button(world, ws, monkeypatch):
    monkeypatch.setattr("partybrand.core.clock.now", lambda: NOW + timedelta(minutes=5))
    _voting(world, ws)
    client = client_for(world.member)
    page = client.get(reverse("themes:workshop_detail", args=[ws.pk]))
    assert "去投票" in page.content.decode()
    choice = ws.candidates.get(name="光耀电网")
    page = client.post(
        reverse("themes:ballot", args=[ws.pk]), {"candidate": str(choice.pk)}, follow=True
    )
    assert page.content.decode().count("已投票给") == 1
    page = client.get(reverse("themes:workshop_detail", args=[ws.pk]))
    assert "去投票" not in page.content.decode()


def test_an_adopted_workshop_offers_no_experts_or_assistant(world, ws):
    _voting(world, ws)
    services_votes.voting_close(actor=world.secretary, workshop=ws, now=NOW + timedelta(hours=1))
    services_decision.decision_record(
        actor=world.secretary,
        workshop=ws,
        candidate=ws.candidates.get(name="光耀电网"),
        reason="得票最多，支委会同意。",
        now=NOW,
    )
    services_decision.theme_adopt(actor=world.secretary, workshop=ws, now=NOW + timedelta(days=6))
    text = client_for(world.secretary).get(reverse("themes:workshop_detail", args=[ws.pk]))
    text = text.content.decode()
    assert "邀请专家" not in text and "尚未邀请专家" not in text
    assert reverse("themes:assistant", args=[ws.pk]) not in text


@pytest.mark.parametrize(
    ("who", "label"),
    [("branch_committee", "支委"), ("staff", "上级党委"), ("mid_admin", "上级党委")],
)
def test_the_score_button_names_the_scorers_real_kind(world, ws, who, label):
    candidate = ws.candidates.get(name="光耀电网")
    page = client_for(getattr(world, who)).get(
        reverse("themes:candidate_detail", args=[candidate.pk])
    )
    assert f"保存评分（{label}）" in page.content.decode()


# The rhythm check on the candidate page -----------------------------------------------------


def test_a_common_name_with_a_flat_tone_shows_as_passed_with_advice(world, ws):
    candidate, _ = services.candidate_add(actor=world.secretary, workshop=ws, name="党建引领")
    rhythm = next(c for c in candidate.check_report["checks"] if c["code"] == "rhythm")
    assert rhythm["passed"]
    text = (
        client_for(world.member)
        .get(reverse("themes:candidate_detail", args=[candidate.pk]))
        .content.decode()
    )
    assert "节奏与声调（通过，有建议）" in text and "不影响使用" in text


# Nested IDs: a candidate of another branch's workshop ----------------------------------------


@pytest.fixture
def other_candidate(world):

    brand = brand_create(actor=world.outsider, org=world.branch_b, name="护线尖兵")
    other = services.workshop_start(actor=world.outsider, brand=brand)
    candidate, _ = services.candidate_add(actor=world.outsider, workshop=other, name="银线卫士")
    services.candidate_add(actor=world.outsider, workshop=other, name="护网先锋")
    return candidate


def test_a_candidate_of_another_workshop_is_not_reached_through_ones_own(
    world, ws, other_candidate
):
    secretary = client_for(world.secretary)
    base = f"/api/v1/theme-workshops/{ws.pk}/candidates/{other_candidate.pk}/"
    assert secretary.get(base).status_code == 404
    scored = secretary.post(
        base + "score/",
        {"political": 5, "cultural": 5, "integration": 5},
        content_type="application/json",
    )
    assert scored.status_code == 404 and not other_candidate.scores.exists()
    # the decision form offers this workshop's candidates only
    services_votes.voting_open(
        actor=world.secretary, workshop=ws, opens_at=NOW, closes_at=NOW + timedelta(hours=2)
    )
    voted = client_for(world.member).post(
        f"/api/v1/theme-workshops/{ws.pk}/vote/",
        {"candidate": other_candidate.pk},
        content_type="application/json",
    )
    ballot = client_for(world.member).post(
        reverse("themes:ballot", args=[ws.pk]), {"candidate": other_candidate.pk}
    )
    assert voted.status_code == 404 and ballot.status_code == 404
    assert not other_candidate.votes.exists()
    services_votes.voting_close(actor=world.secretary, workshop=ws)
    decided = secretary.post(
        reverse("themes:decision_record", args=[ws.pk]),
        {"candidate": other_candidate.pk, "reason": "越权", "publicity_days": 5},
    )
    assert decided.status_code == 400  # refused: the page again, the choice kept
    ws.refresh_from_db()
    assert ws.decided_id is None and ws.stage == "reviewing"


def test_a_refused_proposal_keeps_what_the_member_typed(world, ws):
    url = reverse("themes:candidate_propose", args=[ws.pk])
    page = client_for(world.member).post(url, {"name": "、、、", "slogan": "守护光明 服务万家"})
    text = page.content.decode()
    assert page.status_code == 400 and "名称应包含汉字、字母或数字。" in text
    assert 'value="守护光明 服务万家"' in text
