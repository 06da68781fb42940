"""The theme workshop's rules, driven through its services: candidates and their checks, survey
imports, voting rounds, scores, the decision, publicity and adopting the theme."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.brands.transitions import brand_transition
from partybrand.core.models import AuditLog
from partybrand.surveys.services import surveys as survey_services
from partybrand.themes.access import can_vote, scorer_kind, visible_workshops
from partybrand.themes.choices import CandidateSource, WorkshopStage
from partybrand.themes.models import Candidate, Vote
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services
from tests.factories import make_user

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def ws(world):
    return services.workshop_start(actor=world.secretary, brand=world.brand)


def add(ws, actor, name, slogan="", **kw):
    kw.setdefault("source", CandidateSource.STAFF)
    return services.candidate_add(actor=actor, workshop=ws, name=name, slogan=slogan, **kw)[0]


def open_round(ws, actor, now=NOW, hours=24):
    return services_votes.voting_open(
        actor=actor, workshop=ws, opens_at=now, closes_at=now + timedelta(hours=hours), now=now
    )


@pytest.fixture
def voting(world, ws):
    a = add(ws, world.secretary, "光耀电网", "党建引领聚合力 光明使者暖万家")
    b = add(ws, world.member, "银线先锋", "党员当先锋 银线连万家", source=CandidateSource.MEMBER)
    open_round(ws, world.secretary)
    return a, b


def decided(world, ws, voting, now=NOW):
    a, _ = voting
    services_votes.voting_close(actor=world.secretary, workshop=ws, now=now + timedelta(hours=1))
    return services_decision.decision_record(
        actor=world.secretary, workshop=ws, candidate=a, reason="得票最多，支委会同意。", now=now
    )


def test_a_candidate_keeps_a_snapshot_of_the_automatic_checks(world, ws):
    candidate = add(ws, world.secretary, "光耀电网", "党建引领聚合力 光明使者暖万家")
    report = candidate.check_report
    assert {c["code"] for c in report["checks"]} >= {"length", "political", "uniqueness"}
    assert all(c["explanation"] for c in report["checks"])
    assert "passed" in report and candidate.checked_at is not None


def test_a_name_similar_to_an_existing_brand_is_shown_with_reasons(world, ws):
    candidate = add(ws, world.secretary, "红色引擎", "党建引领")
    # world.brand itself ("红色引擎") is left out: the brand may keep its own name.
    assert all(n["key"] != f"brand:{world.brand.pk}" for n in candidate.check_report["nearest"])
    from partybrand.brands.services import brand_create

    other = brand_create(
        actor=world.outsider, org=world.branch_b, name="红色引擎之光", slogan="党建引领"
    )
    rechecked = services.candidate_recheck(actor=world.secretary, candidate=candidate)
    nearest = rechecked.check_report["nearest"]
    # 支部B's draft counts against the name but is not named to 支部A.
    assert nearest[0]["key"] == f"brand:{other.pk}" and nearest[0]["flagged"]
    assert nearest[0]["name"] == "（尚未公开的品牌）" and "支部B" not in str(rechecked.check_report)
    Brand.objects.filter(pk=other.pk).update(status=BrandStatus.NAMED)
    rechecked = services.candidate_recheck(actor=world.secretary, candidate=candidate)
    nearest = rechecked.check_report["nearest"]
    assert nearest and nearest[0]["name"] == "红色引擎之光" and nearest[0]["reasons"]
    assert AuditLog.objects.filter(action="theme_candidate_recheck").exists()


def test_the_same_name_proposed_again_counts_one_more_proposer(world, ws):
    first = add(ws, world.member, "光耀电网", source=CandidateSource.MEMBER)
    again, created = services.candidate_add(
        actor=world.secretary, workshop=ws, name=" 光耀 電網！", source=CandidateSource.MEMBER
    )
    assert not created and again.pk == first.pk
    assert Candidate.objects.get(pk=first.pk).proposer_count == 2


def test_it_rejects_an_empty_or_overlong_name(world, ws):
    with pytest.raises(ValidationError, match="请填写品牌名称"):
        add(ws, world.secretary, "   ")
    with pytest.raises(ValidationError, match="不超过 30 个字"):
        add(ws, world.secretary, "光" * 31)


def survey_with_proposals(world, names):
    from partybrand.surveys.answering import NAME_MAX  # noqa: F401  (the survey's own limits)
    from partybrand.surveys.models import Answer, Question, Response

    survey = survey_services.survey_create(
        actor=world.secretary, org=world.branch_a, title="品牌名称征集问卷", brand=world.brand
    )
    question = Question.objects.create(
        survey=survey, order=1, kind="name_proposal", title="请为支部品牌起个名字"
    )
    for name, slogan in names:
        response = Response.objects.create(survey=survey)
        Answer.objects.create(
            response=response,
            question=question,
            value={"name": name, "slogan": slogan, "reason": "体现检修主业"},
        )
    return survey


def test_survey_proposals_are_imported_once_deduplicated_with_their_counts(world, ws):
    survey = survey_with_proposals(
        world,
        [("光耀电网", "点亮万家"), ("光耀 电网", ""), ("光耀電網", ""), ("银线先锋", "")],
    )
    result = services.survey_import(actor=world.secretary, workshop=ws, survey=survey)
    assert result == {"added": 2, "merged": 0, "proposals": 4}
    counts = dict(ws.candidates.values_list("name", "proposer_count"))
    assert counts == {"光耀电网": 3, "银线先锋": 1}
    assert ws.candidates.get(name="光耀电网").slogan == "点亮万家"
    assert set(ws.candidates.values_list("source", flat=True)) == {"survey"}
    with pytest.raises(ValidationError, match="已导入过"):
        services.survey_import(actor=world.secretary, workshop=ws, survey=survey)


def test_members_vote_once_per_round_and_only_while_voting_is_open(world, ws, voting):
    a, b = voting
    with pytest.raises(ValidationError, match="尚未开始"):
        services_votes.vote_cast(
            actor=world.member, workshop=ws, candidate=a, now=NOW - timedelta(minutes=1)
        )
    services_votes.vote_cast(actor=world.member, workshop=ws, candidate=a, now=NOW)
    with pytest.raises(ValidationError, match="每人每轮限投一票"):
        services_votes.vote_cast(actor=world.member, workshop=ws, candidate=b, now=NOW)
    with pytest.raises(ValidationError, match="截止"):
        services_votes.vote_cast(
            actor=world.secretary, workshop=ws, candidate=b, now=NOW + timedelta(hours=25)
        )
    assert Vote.objects.filter(workshop=ws).count() == 1
    # The audit log keeps that a vote was cast, never for whom.
    log = AuditLog.objects.get(action="theme_vote_cast")
    assert "银线先锋" not in str(log.changes) and "光耀电网" not in str(log.changes)


def test_who_may_vote_is_the_brand_organisations_own_people(world, ws, voting):
    a, _ = voting
    assert can_vote(world.member, ws) and can_vote(world.secretary, ws)
    assert can_vote(world.branch_committee, ws)
    for user in (world.staff, world.mid_admin, world.expert):
        assert not can_vote(user, ws)
        with pytest.raises(PermissionDenied):
            services_votes.vote_cast(actor=user, workshop=ws, candidate=a, now=NOW)


def test_a_new_round_on_the_shortlist_lets_everyone_vote_again(world, ws, voting):
    a, b = voting
    services_votes.vote_cast(actor=world.member, workshop=ws, candidate=a, now=NOW)
    services_votes.voting_close(actor=world.secretary, workshop=ws, now=NOW)
    c = add(ws, world.secretary, "电靓初心")  # staff may still add while reviewing
    for cand in (a, c):
        services.candidate_shortlist(actor=world.secretary, candidate=cand, shortlisted=True)
    later = NOW + timedelta(days=1)
    ws = open_round(ws, world.secretary, now=later)
    assert ws.vote_round == 2 and sorted(ws.ballot) == sorted([a.pk, c.pk])
    with pytest.raises(ValidationError, match="不在本轮投票名单"):
        services_votes.vote_cast(actor=world.member, workshop=ws, candidate=b, now=later)
    services_votes.vote_cast(actor=world.member, workshop=ws, candidate=c, now=later)
    assert Vote.objects.filter(voter=world.member).count() == 2


def test_voting_needs_two_candidates_and_a_closing_time_after_the_opening(world, ws):
    add(ws, world.secretary, "光耀电网")
    with pytest.raises(ValidationError, match="至少需要 2 个候选"):
        open_round(ws, world.secretary)
    add(ws, world.secretary, "银线先锋")
    with pytest.raises(ValidationError, match="晚于开始时间"):
        services_votes.voting_open(
            actor=world.secretary, workshop=ws, opens_at=NOW, closes_at=NOW, now=NOW
        )


def test_staff_and_experts_score_and_others_cannot(world, ws, voting):
    a, _ = voting
    services_votes.score_save(
        actor=world.secretary, candidate=a, political=5, cultural=4, integration=5, comment="好"
    )
    assert scorer_kind(world.member, ws) is None
    with pytest.raises(PermissionDenied):
        services_votes.score_save(
            actor=world.member, candidate=a, political=5, cultural=5, integration=5
        )
    # An expert sees a draft brand's workshop only when invited.
    assert not visible_workshops(world.expert).filter(pk=ws.pk).exists()
    services_decision.expert_invite(actor=world.secretary, workshop=ws, expert=world.expert)
    assert visible_workshops(world.expert).filter(pk=ws.pk).exists()
    score = services_votes.score_save(
        actor=world.expert, candidate=a, political=4, cultural=4, integration=3
    )
    assert score.kind == "expert"
    with pytest.raises(ValidationError, match="1–5"):
        services_votes.score_save(
            actor=world.expert, candidate=a, political=6, cultural=4, integration=3
        )
    with pytest.raises(ValidationError, match="评审专家"):
        services_decision.expert_invite(actor=world.secretary, workshop=ws, expert=world.member)


def test_the_decision_is_publicised_for_five_days_by_default(world, ws, voting):
    services_votes.voting_close(actor=world.secretary, workshop=ws, now=NOW)
    with pytest.raises(ValidationError, match="决定理由"):
        services_decision.decision_record(
            actor=world.secretary, workshop=ws, candidate=voting[1], reason=""
        )
    ws = services_decision.decision_record(
        actor=world.secretary, workshop=ws, candidate=voting[0], reason="得票最多。", now=NOW
    )
    assert ws.stage == WorkshopStage.PUBLICIZING
    assert ws.publicity_ends_at == NOW + timedelta(days=5)
    with pytest.raises(ValidationError, match="不能作出决定"):
        services_decision.decision_record(
            actor=world.secretary, workshop=ws, candidate=voting[1], reason="改主意"
        )


def test_adoption_waits_for_the_period_and_every_objection(world, ws, voting):
    ws = decided(world, ws, voting)
    objection = services_decision.objection_add(
        actor=world.member, workshop=ws, text="“光耀”与兄弟单位品牌相近。", now=NOW
    )
    after = NOW + timedelta(days=5, minutes=1)
    with pytest.raises(ValidationError, match="公示期尚未结束"):
        services_decision.theme_adopt(actor=world.secretary, workshop=ws, now=NOW)
    with pytest.raises(ValidationError, match="1 条异议未办结"):
        services_decision.theme_adopt(actor=world.secretary, workshop=ws, now=after)
    with pytest.raises(ValidationError, match="不在公示期内"):
        services_decision.objection_add(actor=world.member, workshop=ws, text="晚了", now=after)
    services_decision.objection_answer(
        actor=world.secretary, objection=objection, answer="经比对不构成雷同。", now=NOW
    )
    services_decision.theme_adopt(actor=world.secretary, workshop=ws, now=after)
    world.brand.refresh_from_db()
    assert (world.brand.name, world.brand.slogan) == ("光耀电网", "党建引领聚合力 光明使者暖万家")
    assert AuditLog.objects.filter(action="theme_adopt").exists()
    assert AuditLog.objects.filter(action="brand_update", object_id=str(world.brand.pk)).exists()


def test_adoption_copies_the_phrase_by_phrase_meaning(world, ws):
    a = add(
        ws,
        world.secretary,
        "光耀电网",
        meaning="以党建之光照亮电网。",
        phrases=[("光耀", "党建之光"), ("电网", "主责主业")],
    )
    add(ws, world.secretary, "银线先锋")
    open_round(ws, world.secretary)
    ws = decided(world, ws, (a, None))
    services_decision.theme_adopt(actor=world.secretary, workshop=ws, now=NOW + timedelta(days=6))
    assert list(world.brand.phrases.values_list("phrase", "explanation")) == [
        ("光耀", "党建之光"),
        ("电网", "主责主业"),
    ]
    world.brand.refresh_from_db()
    assert world.brand.meaning == "以党建之光照亮电网。"


def test_adoption_is_refused_once_the_brand_is_submitted(world, ws, voting):
    ws = decided(world, ws, voting)
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    with pytest.raises(ValidationError, match="已锁定"):
        services_decision.theme_adopt(
            actor=world.secretary, workshop=ws, now=NOW + timedelta(days=6)
        )
    world.brand.refresh_from_db()
    assert world.brand.name == "红色引擎"


def test_members_propose_only_while_collecting(world, ws, voting):
    with pytest.raises(ValidationError, match="仅限征集阶段"):
        add(ws, world.member, "新的名字", source=CandidateSource.MEMBER)


def test_a_withdrawn_decision_goes_back_to_review(world, ws, voting):
    ws = decided(world, ws, voting)
    ws = services_decision.decision_withdraw(
        actor=world.secretary, workshop=ws, reason="异议成立，重新评议。"
    )
    assert ws.stage == WorkshopStage.REVIEWING and ws.decided is None


def test_every_change_leaves_an_audit_row(world, ws, voting):
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {"theme_workshop_start", "theme_candidate_add", "theme_voting_open"} <= actions
    assert not visible_workshops(make_user("nobody")).exists()  # an unrelated account
