"""Fixes from the QA walk of the demo: the business profile is the organisation's own business
text (never its names), the assistant drops names that already exist, its drafts survive
explaining or critiquing, and the workshop pages show only what still makes sense."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partybrand.assistant.business import business_of
from partybrand.assistant.drafts import CandidateDraft, OrgContext
from partybrand.assistant.lexicons import load
from partybrand.assistant.offline.generate import generate
from partybrand.assistant.offline.provider import OfflineProvider
from partybrand.brands.services import brand_create
from partybrand.orgs.services import org_update
from partybrand.themes.checks import check_theme, workshop_avoid
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services
from partybrand.themes.views.assistant import text_rows
from tests.factories import PASSWORD

NOW = timezone.now().replace(microsecond=0)
PLANT = "火力发电、水力发电及热力生产供应，装机容量 620 万千瓦"
GRID_WORDS = ("电网", "护网", "点亮万家", "守护光明", "巡线", "银线")


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


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _integration(report):
    return next(c for c in report.checks if c.code == "integration")


# 1. The business profile ------------------------------------------------------------------


def test_names_run_together_are_not_a_business_profile_the_nearest_real_one_is(world):
    # as the demo had it: the unit's and the branch's names joined
    org_update(actor=None, org=world.branch_a, business="甲公司支部A")
    org_update(actor=None, org=world.general_branch, business="甲公司机关")
    org_update(actor=None, org=world.committee_a, business=PLANT)
    assert business_of(world.branch_a) == PLANT
    text = _integration(check_theme("红心向党", org=world.branch_a)).explanation
    assert f"对照主责主业“{PLANT[:30]}”" in text
    assert "甲公司支部A" not in text


def test_without_any_business_text_the_check_says_so_and_how_to_set_it(world):
    assert business_of(world.branch_a) == ""
    text = _integration(check_theme("红心向党", org=world.branch_a)).explanation
    assert "未填写主责主业" in text
    assert "所在单位及主责主业" in text and "支部A" not in text


# 3. Offline wording follows the business text ---------------------------------------------


def test_a_maintenance_team_at_a_power_plant_gets_no_grid_wording():
    ctx = OrgContext(org_name="检修一班党支部", business=PLANT)
    drafts = generate(ctx, 12, load())
    text = " ".join(f"{d.name} {d.slogan} {d.rationale}" for d in drafts)
    # “热力生产供应” is not procurement either
    assert drafts and not [w for w in (*GRID_WORDS, "采购", "物资") if w in text]
    assert "发电运行" in text or "稳发" in text or "节能" in text


def test_without_a_business_text_the_drafts_use_neutral_wording():
    drafts = generate(OrgContext(org_name="检修一班党支部"), 12, load())
    text = " ".join(f"{d.name} {d.slogan}" for d in drafts)
    assert drafts and not [w for w in (*GRID_WORDS, "追风", "稳发", "绿电") if w in text]


# 2. Names that already exist are dropped -----------------------------------------------------


def test_the_hook_drops_the_own_name_a_workshop_candidate_and_another_brands_name(world, ws):
    brand_create(actor=world.outsider, org=world.branch_b, name="智慧绿能", slogan="")
    avoid = workshop_avoid(ws)
    assert avoid("红色引擎", "") == "与本品牌当前名称相同"
    assert avoid("光耀 电网", "") == "已是本次征集的候选“光耀电网”"
    assert avoid("智慧绿能", "")  # another organisation's draft: dropped, name withheld
    assert avoid("匠心聚能", "") == ""


def test_the_page_lists_existing_names_as_dropped_with_the_reason(world, ws, monkeypatch):
    names = ["红色引擎", "光耀电网", "匠心聚能"]
    monkeypatch.setattr(
        OfflineProvider,
        "_candidates",
        lambda self, request: [
            CandidateDraft(n, "党建引领", "四字短语", "", "offline") for n in names
        ],
    )
    page = client_for(world.secretary).post(
        reverse("themes:assistant", args=[ws.pk]), {"action": "generate", "count": "3"}
    )
    assert [row["draft"].name for row in page.context["drafts"]] == ["匠心聚能"]
    text = page.content.decode()
    assert "“红色引擎”（与本品牌当前名称相同）" in text
    assert "“光耀电网”（已是本次征集的候选“光耀电网”）" in text


# 4. Drafts survive 解释内涵 and 点评; the summary shows whole ------------------------------------


def test_drafts_stay_on_the_page_when_explaining_or_critiquing(world, ws):
    client = client_for(world.secretary)
    url = reverse("themes:assistant", args=[ws.pk])
    first = client.post(url, {"action": "generate", "count": "3"})
    names = [row["draft"].name for row in first.context["drafts"]]
    assert len(names) == 3
    candidate = ws.candidates.get(name="光耀电网")
    for action in ("explain", "critique"):
        page = client.post(url, {"action": action, "candidate": str(candidate.pk)})
        assert [row["draft"].name for row in page.context["drafts"]] == names
        assert names[0] in page.content.decode()
    assert page.context["critique"] is not None


def test_the_summary_box_grows_with_the_text():
    assert text_rows("短") == 3
    assert text_rows("长" * 200) >= 6


# 5–7. The workshop pages ---------------------------------------------------------------------


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


def test_the_meaning_of_a_power_plants_name_does_not_speak_of_the_grid():
    from partybrand.assistant.offline.meaning import explain

    ctx = OrgContext(org_name="检修一班党支部", business=PLANT)
    draft = explain("匠心守护", "匠心守护 安全发电", ctx, load())
    text = draft.summary + " ".join(e for _, e in draft.phrases)
    assert "电网" not in text and "匠心" in text


def test_a_company_name_without_its_legal_suffix_still_counts_as_a_name():
    from partybrand.assistant.business import names_only
    from partybrand.orgs.models import Organization

    chain = [
        Organization(name="集团总部机关第一党支部"),
        Organization(name="华信能源集团有限公司党委", short_name="集团党委"),
    ]
    assert names_only("华信能源集团集团总部机关第一", chain)
    assert not names_only("集团总部人力资源与财务管理", chain)
