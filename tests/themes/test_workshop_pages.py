"""The workshop's pages as people use them: the list, the workshop, proposing on a phone form,
the ballot, the brand page's card and navigation, the API, and the AI assistant's page with the
offline engine, the local OpenAI-compatible server, and a server that is down."""

import socket
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partybrand.brands.services import brand_create
from partybrand.themes.choices import CandidateSource
from partybrand.themes.models import Candidate
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services
from tests.assistant.server import FakeOpenAI
from tests.helpers import assert_queries_flat, client_for


@pytest.fixture
def ws(world):
    workshop = services.workshop_start(actor=world.secretary, brand=world.brand)
    for name, slogan in [("光耀电网", "党建引领聚合力 光明使者暖万家"), ("银线先锋", "")]:
        services.candidate_add(actor=world.secretary, workshop=workshop, name=name, slogan=slogan)
    return workshop


def test_the_workshop_page_shows_candidates_with_their_checks(world, ws):
    page = client_for(world.member).get(reverse("themes:workshop_detail", args=[ws.pk]))
    text = page.content.decode()
    assert "光耀电网" in text and "银线先锋" in text
    assert "检测通过" in text or "项未通过" in text
    assert (
        "我来提议" in text and "开启投票</button>" not in text
    )  # a member proposes, does not manage
    staff_page = client_for(world.secretary).get(reverse("themes:workshop_detail", args=[ws.pk]))
    assert "开启投票</button>" in staff_page.content.decode()


def test_a_candidate_page_explains_each_check_in_chinese(world, ws):
    candidate = ws.candidates.get(name="光耀电网")
    text = (
        client_for(world.member)
        .get(reverse("themes:candidate_detail", args=[candidate.pk]))
        .content.decode()
    )
    for label in ("长度", "政治味", "文化味", "融合味", "独特性", "禁用词"):
        assert label in text
    assert "重新检测" not in text  # only managers run the checks again


def test_a_member_proposes_on_the_short_form_and_sees_the_checks(world, ws):
    client = client_for(world.member)
    url = reverse("themes:candidate_propose", args=[ws.pk])
    form = client.get(url).content.decode()
    assert 'name="name"' in form and 'name="phrases"' not in form
    response = client.post(url, {"name": "电靓初心", "slogan": "初心如炬 电亮万家"}, follow=True)
    candidate = Candidate.objects.get(name="电靓初心")
    assert candidate.source == CandidateSource.MEMBER and candidate.proposed_by == world.member
    assert "已提出候选“电靓初心”" in response.content.decode()
    assert candidate.check_report is not None


def test_demo_style_candidates_without_checks_get_them_on_first_view(world, ws):
    services.candidate_add(
        actor=world.secretary, workshop=ws, name="匠心护网", slogan="", check=False
    )
    client_for(world.secretary).get(reverse("themes:workshop_detail", args=[ws.pk]))
    assert Candidate.objects.get(name="匠心护网").check_report["checks"]


def test_the_ballot_takes_one_vote_and_then_shows_the_results(world, ws):
    now = timezone.now()
    services_votes.voting_open(
        actor=world.secretary,
        workshop=ws,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=1),
        now=now,
    )
    client = client_for(world.member)
    url = reverse("themes:ballot", args=[ws.pk])
    assert "投票" in client.get(url).content.decode()
    pick = ws.candidates.get(name="银线先锋")
    page = client.post(url, {"candidate": pick.pk}, follow=True).content.decode()
    assert "您已投票给“<b>银线先锋</b>”" in page
    assert 'data-chart="theme-votes"' in page and "theme-vote-results" in page
    again = client.post(url, {"candidate": pick.pk}, follow=True).content.decode()
    assert "每人每轮限投一票" in again


def _tally_shown(world, ws, user) -> dict:
    """Where the user sees this round's vote counts: the workshop page, the API, the brand card."""
    client = client_for(user)
    page = client.get(reverse("themes:workshop_detail", args=[ws.pk])).content.decode()
    rows = client.get(f"/api/v1/theme-workshops/{ws.pk}/candidates/").json()["results"]
    card = client.get(reverse("brands:brand_detail", args=[world.brand.pk])).content.decode()
    return {
        "page": 'id="vote-table"' in page,
        "api": all(r["vote_count"] is not None for r in rows),
        "card": "1 票</span>" in card,
    }


def test_page_api_and_brand_card_show_the_running_tally_to_the_same_people(world, ws, settings):
    now = timezone.now()
    services_votes.voting_open(
        actor=world.secretary,
        workshop=ws,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=1),
        now=now,
    )
    services_votes.vote_cast(
        actor=world.branch_committee, workshop=ws, candidate=ws.candidates.first(), now=now
    )
    everywhere, nowhere = (
        dict.fromkeys(["page", "api", "card"], True),
        dict.fromkeys(["page", "api", "card"], False),
    )
    assert _tally_shown(world, ws, world.member) == nowhere  # has not voted yet
    assert _tally_shown(world, ws, world.branch_committee) == everywhere  # has voted
    assert _tally_shown(world, ws, world.secretary) == everywhere  # runs the workshop
    settings.CLOCK_SHIFT = timedelta(days=2)  # the round takes no more votes
    assert _tally_shown(world, ws, world.member) == everywhere


def test_the_brand_page_card_shows_the_workshop_and_a_start_button_before_it(world):
    detail = reverse("brands:brand_detail", args=[world.brand.pk])
    assert "开始主题征集</button>" in client_for(world.secretary).get(detail).content.decode()
    assert "开始主题征集</button>" not in client_for(world.member).get(detail).content.decode()
    workshop = services.workshop_start(actor=world.secretary, brand=world.brand)
    services.candidate_add(actor=world.member, workshop=workshop, name="光耀电网", check=False)
    card = client_for(world.member).get(detail).content.decode()
    assert "光耀电网" in card and reverse("themes:workshop_detail", args=[workshop.pk]) in card
    nav = client_for(world.member).get(reverse("home")).content.decode()
    assert "品牌主题" in nav and reverse("themes:workshop_list") in nav


def _more_workshops(world, start, n):
    for i in range(start, start + n):
        brand = brand_create(actor=world.mid_admin, org=world.committee_a, name=f"品牌{i}号")
        workshop = services.workshop_start(actor=world.mid_admin, brand=brand)
        services.candidate_add(
            actor=world.mid_admin, workshop=workshop, name=f"候选{i}", check=False
        )


def test_the_workshop_list_costs_the_same_queries_for_few_and_many(world):
    client = client_for(world.staff)
    _more_workshops(world, 0, 1)
    client.get(reverse("themes:workshop_list"))
    assert_queries_flat(
        lambda: _more_workshops(world, 1, 6), lambda: client.get(reverse("themes:workshop_list"))
    )
    page = client.get(reverse("themes:workshop_list"))
    assert "品牌6号" in page.content.decode()


def test_the_api_lists_candidates_and_takes_a_vote(world, ws):
    client = client_for(world.member)
    rows = client.get(f"/api/v1/theme-workshops/{ws.pk}/candidates/").json()["results"]
    assert {r["name"] for r in rows} == {"光耀电网", "银线先锋"}
    assert all(r["check_report"]["checks"] for r in rows)
    now = timezone.now()
    services_votes.voting_open(
        actor=world.secretary, workshop=ws, opens_at=now, closes_at=now + timedelta(hours=2)
    )
    listing = f"/api/v1/theme-workshops/{ws.pk}/candidates/"
    assert {r["vote_count"] for r in client.get(listing).json()["results"]} == {None}
    pick = ws.candidates.get(name="光耀电网").pk
    answer = client.post(
        f"/api/v1/theme-workshops/{ws.pk}/vote/",
        {"candidate": pick},
        content_type="application/json",
    )
    assert answer.status_code == 201 and answer.json()["candidate_name"] == "光耀电网"
    again = client.post(
        f"/api/v1/theme-workshops/{ws.pk}/vote/",
        {"candidate": pick},
        content_type="application/json",
    )
    assert again.status_code == 400 and "每人每轮限投一票" in str(again.json())
    assert ws.candidates.get(pk=pick).votes.count() == 1
    tally = {r["name"]: r["vote_count"] for r in client.get(listing).json()["results"]}
    assert tally == {"光耀电网": 1, "银线先锋": 0}  # shown once the member has voted
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/theme-workshops/{id}/vote/" in schema


# The assistant ------------------------------------------------------------------------------


def assistant_post(world, ws, **data):
    return client_for(world.secretary).post(reverse("themes:assistant", args=[ws.pk]), data)


def assistant_job(world, ws, capture, **data):
    """A configured model answers in the background: the post leads to the page of the job
    (run at once here), which shows its drafts or why there are none."""
    client = client_for(world.secretary)
    with capture(execute=True):
        started = client.post(reverse("themes:assistant", args=[ws.pk]), data)
    assert started.status_code == 302 and "?job=" in started["Location"]
    return client.get(started["Location"])


def test_the_offline_assistant_drafts_checked_candidates_that_are_saved_only_when_accepted(
    world, ws
):
    before = Candidate.objects.count()
    page = assistant_post(world, ws, action="generate", count="4", keywords="安全 光明")
    text = page.content.decode()
    assert page.status_code == 200 and "候选草稿" in text and "采纳为候选" in text
    assert "自动检测详情" in text
    assert Candidate.objects.count() == before  # drafts are not candidates
    draft = page.context["drafts"][0]["draft"]
    accepted = client_for(world.secretary).post(
        reverse("themes:assistant_accept", args=[ws.pk]),
        {"name": draft.name, "slogan": draft.slogan},
    )
    assert accepted.status_code == 302
    assert Candidate.objects.get(name=draft.name).source == CandidateSource.ASSISTANT


def test_the_assistant_explains_and_critiques_a_candidate(world, ws):
    candidate = ws.candidates.get(name="光耀电网")
    explained = assistant_post(world, ws, action="explain", candidate=candidate.pk)
    assert "内涵释义草稿" in explained.content.decode()
    assert explained.context["meaning"].phrases
    critique = assistant_post(world, ws, action="critique", candidate=candidate.pk)
    assert "政治味" in critique.content.decode() and "的点评" in critique.content.decode()


def test_the_assistant_answers_through_the_local_openai_compatible_server(
    world, ws, settings, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with FakeOpenAI() as server:
        settings.AI_PROVIDER, settings.AI_BASE_URL = "openai", server.url
        settings.AI_MODEL, settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = "party-7b", 0, 5
        page = assistant_job(world, ws, capture, action="generate", count="3")
        names = [row["draft"].name for row in page.context["drafts"]]
        # 银线先锋 is already a candidate of the workshop: dropped, with the reason
        assert names == ["红心护网"] and page.context["source"] == "openai"
        assert "“银线先锋”（已是本次征集的候选“银线先锋”）" in page.content.decode()
        assert "行业第一检修队" in page.content.decode()  # dropped, with the reason shown
        assert "含有禁用词" in page.content.decode()
        explained = assistant_job(
            world, ws, capture, action="explain", candidate=ws.candidates.get(name="银线先锋").pk
        )
        assert "输电线路连通千家万户" in explained.content.decode()
    assert "王书记" not in server.sent_text()  # no personal data left the platform


def test_an_assistant_that_cannot_be_reached_is_told_in_chinese_on_the_page(
    world, ws, settings, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.AI_PROVIDER, settings.AI_BASE_URL = "openai", f"http://127.0.0.1:{port}/v1"
    settings.AI_MODEL, settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = "party-7b", 0, 2
    settings.JOBS_MAX_ATTEMPTS = 2
    page = assistant_job(
        world, ws, django_capture_on_commit_callbacks, action="generate", count="3"
    )
    assert page.status_code == 200
    assert "AI 助手暂时无法回答：无法连接 AI 服务，请检查服务地址和网络。" in page.content.decode()


def test_an_expert_sees_and_scores_a_workshop_only_once_invited(world, ws):
    from partybrand.themes.services.decision import expert_invite

    candidate = ws.candidates.get(name="光耀电网")
    expert = client_for(world.expert)
    url = reverse("themes:candidate_detail", args=[candidate.pk])
    assert expert.get(url).status_code == 404  # a draft brand, not put before the expert
    expert_invite(actor=world.secretary, workshop=ws, expert=world.expert)
    assert "保存评分（专家）" in expert.get(url).content.decode()
    listing = expert.get(reverse("themes:workshop_list")).content.decode()
    assert "红色引擎" in listing
    expert.post(
        reverse("themes:score_save", args=[candidate.pk]),
        {"political": "4", "cultural": "5", "integration": "4", "comment": "文化味足"},
    )
    page = client_for(world.member).get(url).content.decode()
    assert "文化味足" in page and "评审专家" in page


def test_adopting_a_submitted_brands_theme_is_refused_with_a_reason(world, ws):
    from partybrand.brands.transitions import brand_transition
    from partybrand.themes.services.decision import decision_record

    now = timezone.now()
    services_votes.voting_open(
        actor=world.secretary, workshop=ws, opens_at=now, closes_at=now + timedelta(hours=1)
    )
    services_votes.voting_close(actor=world.secretary, workshop=ws)
    decision_record(
        actor=world.secretary,
        workshop=ws,
        candidate=ws.candidates.get(name="银线先锋"),
        reason="得票最多。",
        now=now - timedelta(days=6),
    )
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    client = client_for(world.secretary)
    page = client.post(reverse("themes:theme_adopt", args=[ws.pk]), follow=True)
    assert "名称、口号和内涵释义已锁定" in page.content.decode()
    world.brand.refresh_from_db()
    assert world.brand.name == "红色引擎"


def test_a_members_name_typed_into_a_candidate_never_reaches_an_external_model(
    world, ws, settings, django_capture_on_commit_callbacks
):
    named = services.candidate_add(
        actor=world.secretary, workshop=ws, name="李党员工作法", slogan="学习身边榜样"
    )[0]
    with FakeOpenAI() as server:
        settings.AI_PROVIDER, settings.AI_BASE_URL = "openai", server.url
        settings.AI_MODEL, settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = "party-7b", 0, 5
        page = assistant_job(
            world, ws, django_capture_on_commit_callbacks, action="explain", candidate=named.pk
        )
        assert "含有本组织党员的姓名，已拒绝发送给外部模型" in page.content.decode()
        assert "李党员" not in server.sent_text() and not server.requests
    settings.AI_PROVIDER = "offline"  # the built-in engine sends nothing: it answers
    offline = assistant_post(world, ws, action="explain", candidate=named.pk)
    assert "拒绝发送" not in offline.content.decode()
