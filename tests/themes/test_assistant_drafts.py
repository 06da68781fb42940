"""The workshop's AI assistant page: drafts named like the brand itself, like a candidate of
this workshop or like another organisation's brand are dropped with the reason, and so are drafts
too close to a brand of the library; drafts stay on the page while a candidate is explained or
critiqued, and the summary box grows with its text."""

import pytest
from django.urls import reverse

from partybrand.assistant.drafts import CandidateDraft
from partybrand.assistant.offline import trade_drafts
from partybrand.assistant.offline.provider import OfflineProvider
from partybrand.assistant.services import assistant_candidates
from partybrand.benchmarks.services import benchmark_create
from partybrand.brands.services import brand_create
from partybrand.themes.checks import FLAG_SCORE, too_similar, workshop_avoid
from partybrand.themes.services import workshops as services
from partybrand.themes.views.assistant import text_rows
from tests.helpers import client_for


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


# Names that already exist are dropped -----------------------------------------------------


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


# Drafts survive 解释内涵 and 点评; the summary shows whole ------------------------------------


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


# The assistant's too-similar hook ---------------------------------------------------------


def _library_copy_of_first_draft(world, ws, monkeypatch):
    """A benchmark named like the offline engine's first draft (not a brand nearby, so only the
    similarity index, not the list of nearby names, knows it). Every request draws the same
    drafts here (a fixed seed), so the page would show that draft first."""
    monkeypatch.setattr(trade_drafts, "new_seed", lambda: 7)
    first = assistant_candidates(
        actor=world.secretary, org=world.brand.org, brand=world.brand, count=4
    )[0]
    benchmark_create(actor=world.staff, name=first.name, slogan=first.slogan, org="某供电公司")
    return first


def test_the_assistant_drops_a_draft_too_close_to_an_existing_brand_before_anyone_sees_it(
    world, ws, monkeypatch
):
    first = _library_copy_of_first_draft(world, ws, monkeypatch)
    page = client_for(world.secretary).post(
        reverse("themes:assistant", args=[ws.pk]), {"action": "generate", "count": "4"}
    )
    shown = [row["draft"].name for row in page.context["drafts"]]
    assert first.name not in shown and len(shown) == 4  # the list stays full
    text = page.content.decode()
    assert f"“{first.name}”（与已有品牌“{first.name}”（某供电公司）过于相近" in text


def test_the_hook_names_the_brand_and_lets_unrelated_names_through(world, ws, monkeypatch):
    first = _library_copy_of_first_draft(world, ws, monkeypatch)
    avoid = too_similar(brand=world.brand)
    reason = avoid(first.name, first.slogan)
    assert reason.startswith(f"与已有品牌“{first.name}”") and "相似度" in reason
    assert float(reason.rsplit("相似度 ", 1)[1].rstrip("）")) >= FLAG_SCORE
    assert avoid("碧水青山护航队", "") == ""
    # the brand being named may keep (or come close to) its own name
    assert too_similar(brand=world.brand)(world.brand.name, "") == ""
