"""The business profile (主责主业) the checks and the assistant work from: the organisation's own
business text, never its names run together; without one the integration check says so and how
to set it, and the offline wording follows the business (a power plant hears nothing of the
grid)."""

import pytest

from partybrand.assistant.business import business_of
from partybrand.assistant.drafts import CandidateRequest, OrgContext
from partybrand.assistant.lexicons import load
from partybrand.assistant.offline.provider import OfflineProvider
from partybrand.orgs.services import org_update
from partybrand.themes.checks import check_theme

PLANT = "火力发电、水力发电及热力生产供应，装机容量 620 万千瓦"

GRID_WORDS = ("电网", "护网", "点亮万家", "守护光明", "巡线", "银线")


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


def _drafts(ctx: OrgContext, seed: int = 3):
    return OfflineProvider().candidates(CandidateRequest(context=ctx, count=12, seed=seed))


def _integration(report):
    return next(c for c in report.checks if c.code == "integration")


# The business profile ------------------------------------------------------------------


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


# Offline wording follows the business text ---------------------------------------------


def test_a_maintenance_team_at_a_power_plant_gets_no_grid_wording():
    ctx = OrgContext(org_name="检修一班党支部", business=PLANT)
    drafts = _drafts(ctx)
    text = " ".join(f"{d.name} {d.slogan} {d.rationale}" for d in drafts)
    # “热力生产供应” is not procurement either
    assert drafts and not [w for w in (*GRID_WORDS, "采购", "物资") if w in text]
    assert "发电" in text and ("稳发" in text or "机组" in text or "节能" in text)


def test_without_a_business_text_the_drafts_use_neutral_wording():
    drafts = _drafts(OrgContext(org_name="检修一班党支部"))
    text = " ".join(f"{d.name} {d.slogan}" for d in drafts)
    assert drafts and not [w for w in (*GRID_WORDS, "追风", "稳发", "绿电") if w in text]


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
