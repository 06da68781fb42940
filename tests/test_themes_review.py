"""Review fixes of the theme workshop: the assistant's drafts too close to an existing brand are
dropped with the reason, objections to a withdrawn decision do not block the next one, and the
rhythm check's advice is shown as advice."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partybrand.assistant.services import assistant_candidates
from partybrand.benchmarks.services import benchmark_create
from partybrand.themes.checks import FLAG_SCORE, too_similar
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services
from tests.factories import PASSWORD

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


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


# The assistant's too-similar hook ---------------------------------------------------------


def _library_copy_of_first_draft(world, ws):
    """A benchmark named like the offline engine's first draft (not a brand nearby, so only the
    similarity index, not the list of nearby names, knows it)."""
    first = assistant_candidates(
        actor=world.secretary, org=world.brand.org, brand=world.brand, count=4
    )[0]
    benchmark_create(actor=world.staff, name=first.name, slogan=first.slogan, org="某供电公司")
    return first


def test_the_assistant_drops_a_draft_too_close_to_an_existing_brand_before_anyone_sees_it(
    world, ws
):
    first = _library_copy_of_first_draft(world, ws)
    page = client_for(world.secretary).post(
        reverse("themes:assistant", args=[ws.pk]), {"action": "generate", "count": "4"}
    )
    shown = [row["draft"].name for row in page.context["drafts"]]
    assert first.name not in shown and len(shown) == 4  # the list stays full
    text = page.content.decode()
    assert f"“{first.name}”（与已有品牌“{first.name}”（某供电公司）过于相近" in text


def test_the_hook_names_the_brand_and_lets_unrelated_names_through(world, ws):
    first = _library_copy_of_first_draft(world, ws)
    avoid = too_similar(brand=world.brand)
    reason = avoid(first.name, first.slogan)
    assert reason.startswith(f"与已有品牌“{first.name}”") and "相似度" in reason
    assert float(reason.rsplit("相似度 ", 1)[1].rstrip("）")) >= FLAG_SCORE
    assert avoid("碧水青山护航队", "") == ""
    # the brand being named may keep (or come close to) its own name
    assert too_similar(brand=world.brand)(world.brand.name, "") == ""


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
    from partybrand.brands.services import brand_create

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


def test_a_refused_proposal_keeps_what_the_member_typed(world, ws):
    url = reverse("themes:candidate_propose", args=[ws.pk])
    page = client_for(world.member).post(url, {"name": "、、、", "slogan": "守护光明 服务万家"})
    text = page.content.decode()
    assert page.status_code == 400 and "名称应包含汉字、字母或数字。" in text
    assert 'value="守护光明 服务万家"' in text


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
