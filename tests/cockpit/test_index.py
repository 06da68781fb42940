"""The brand health index: each part moves when the work it names is done, the weights a
committee sets change the total, and the rollups count the subtree in SQL."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from partybrand.assessments.services import finalise as assessment_services
from partybrand.brands import services as brand_services
from partybrand.cases.choices import CaseState
from partybrand.cockpit import compute, jobs, rollup, selectors, services
from partybrand.cockpit.models import BrandHealth, BrandHealthHistory, OrgRollup
from partybrand.core import clock
from partybrand.plans import services as plan_services
from partybrand.promotion import services as promotion_services
from tests.assessments.test_results import A_2025, result
from tests.cases.builders import make_case
from tests.plans.helpers import START, add_task, template_plan
from tests.promotion.test_publicity import add as add_publicity

pytestmark = pytest.mark.django_db


def health(brand) -> BrandHealth:
    compute.recompute()
    return BrandHealth.objects.get(brand=brand)


def test_a_bare_brand_scores_low_and_says_why(world):
    h = health(world.brand)
    assert h.score < 20
    texts = [x["text"] for x in h.lowers]
    assert any("标准化测评" in t for t in texts)
    assert any("未设成效指标" in t for t in texts)
    assert any("未上传品牌标识" in t for t in texts)
    assert all(x["url"].startswith("/") for x in h.lowers_shown())
    assert BrandHealthHistory.objects.filter(brand=world.brand).count() == 1


def test_identity_rises_with_meaning_and_visual_rules(world):
    before = health(world.brand).identity
    brand_services.brand_update(
        actor=world.secretary,
        brand=world.brand,
        meaning="以红色引擎驱动安全生产。",
        standard_colors="中国红",
        standard_fonts="方正小标宋",
        usage_rules="标识不得变形。",
    )
    brand_services.brand_set_phrases(
        actor=world.secretary, brand=world.brand, phrases=[("红色", "坚定信念")]
    )
    after = health(world.brand)
    assert before == 0
    assert after.identity == Decimal("75.0")  # all but the logo
    assert [x["text"] for x in after.lowers if x["part"] == "identity"] == ["未上传品牌标识"]


def test_results_follow_kpi_progress(world):
    kpi = brand_services.kpi_create(
        actor=world.secretary,
        brand=world.brand,
        name="隐患整改率",
        unit="%",
        direction="up",
        baseline=Decimal("50"),
        baseline_on=date(2024, 1, 1),
        target=Decimal("100"),
    )
    assert health(world.brand).results == 0
    brand_services.kpi_record_value(
        actor=world.secretary, kpi=kpi, measured_on=date(2024, 6, 1), value=Decimal("75")
    )
    assert health(world.brand).results == Decimal("50.0")


def test_influence_counts_honours_by_level(world):
    assert health(world.brand).influence == 0
    brand_services.honour_add(
        actor=world.secretary,
        brand=world.brand,
        title="先进基层党组织",
        level="provincial",
        year=2024,
    )
    assert health(world.brand).influence == Decimal("35.0")


def test_participation_counts_members_in_carriers_and_activities(world):
    assert health(world.brand).participation == 0
    carrier = promotion_services.carrier_create(
        actor=world.secretary,
        brand=world.brand,
        kind="post",
        name="检修一班党员示范岗",
        leader=world.member_a,
        members=[world.member_a],
        starts_on=date(2024, 1, 1),
        display=["identity"],
    )
    assert carrier.members.count() == 1
    assert health(world.brand).participation > 0


def test_weights_of_a_committee_change_the_total(world, django_capture_on_commit_callbacks):
    brand_services.honour_add(
        actor=world.secretary, brand=world.brand, title="全国先进", level="national", year=2024
    )
    before = health(world.brand)
    assert before.influence == Decimal("50.0")
    with django_capture_on_commit_callbacks(execute=True):
        row = services.weights_set(
            actor=world.staff,
            org=world.group,
            weights={"influence": 100},
            note="只看影响",
        )
    assert row.version == 1
    after = BrandHealth.objects.get(brand=world.brand)
    assert after.score == Decimal("50.0")
    assert after.weights_version == 1


def test_rollups_count_the_subtree(world):
    compute.recompute()
    group = OrgRollup.objects.get(org=world.group)
    assert group.branches == 2
    assert group.branches_creating == 1  # 支部A's draft
    assert group.branches_none == 1  # 支部B
    assert group.brands == 1
    assert group.funnel == {"draft": 1}
    assert sum(group.bands) == 1
    committee_b = OrgRollup.objects.get(org=world.committee_b)
    assert (committee_b.branches, committee_b.brands, sum(committee_b.bands)) == (1, 0, 0)


def test_the_trend_keeps_one_point_a_month(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 8, 31))
    compute.recompute()
    brand_services.honour_add(
        actor=world.secretary, brand=world.brand, title="全国先进", level="national", year=2026
    )
    monkeypatch.setattr(clock, "today", lambda: date(2026, 9, 1))
    compute.recompute()
    compute.recompute()  # twice a day: still one point for the month
    points = selectors.trend(world.group)
    assert [p["month"] for p in points] == ["2026-08", "2026-09"]
    assert points[1]["avg"] > points[0]["avg"]
    assert BrandHealthHistory.objects.filter(brand=world.brand).count() == 2


def test_basics_follow_the_score_against_the_committees_line(world):
    assessment = result(
        world, world.branch_a, A_2025, actor=world.secretary, manager=world.mid_admin
    )
    assert assessment.final_score == Decimal("79")
    assert health(world.brand).basics == Decimal("79.0")  # no 达标线: the score itself
    assessment_services.policy_set(
        actor=world.staff,
        org=world.group,
        system_code=assessment.system.code,
        min_score=Decimal("80"),
    )
    below = health(world.brand)
    assert below.basics == Decimal("59.2")  # 60 × 79 / 80 = 59.25, kept to one place
    assert any("低于达标线 80" in x["text"] for x in below.lowers)


def test_mechanism_rises_as_tasks_are_verified_on_time(world):
    plan = template_plan(world)
    task = add_task(
        plan, world.secretary, "编制品牌手册", owner=world.member, checker=world.branch_committee
    )
    day = START + timedelta(days=10)
    before = health(world.brand)
    plan_services.task_report(
        actor=world.member, task=task, percent=100, text="已完成。", today=day
    )
    plan_services.task_verify(
        actor=world.branch_committee, task=task, now=datetime.combine(day, time(10), tzinfo=UTC)
    )
    after = health(world.brand)
    assert after.mechanism > before.mechanism
    assert before.mechanism > 0  # the plan's tasks count before any is done


def test_influence_counts_publicity_by_level_and_cases_published(world):
    bare = health(world.brand)
    assert bare.influence == 0
    lowered = " ".join(item["text"] for item in bare.lowers if item["part"] == "influence")
    assert "推介台账中尚无记录" in lowered and "尚无已发布的典型案例" in lowered
    add_publicity(world, level="group")  # a 集团-level item: 10 points
    make_case(world, CaseState.PUBLISHED)  # a published case: 8 points
    raised = health(world.brand)
    assert raised.influence == Decimal("18.0")
    lowered = " ".join(item["text"] for item in raised.lowers if item["part"] == "influence")
    assert "推介台账中尚无记录" not in lowered and "尚无已发布的典型案例" not in lowered


def _rollup_figures(org):
    r = OrgRollup.objects.get(org=org)
    return (r.branches, r.branches_creating, r.brands, r.funnel, list(r.bands), r.health_avg)


def test_rollups_reach_every_level_and_an_event_refreshes_them_alike(world):
    compute.recompute()
    # 支部A is four levels down: each organisation above it counts it and its brand.
    for org in (world.group, world.committee_a, world.general_branch, world.branch_a):
        branches, creating, brands, *_ = _rollup_figures(org)
        assert (branches, creating, brands) == (1 if org != world.group else 2, 1, 1)
    full = {org.pk: _rollup_figures(org) for org in (world.group, world.committee_a)}
    OrgRollup.objects.all().delete()
    jobs.recompute_brand(world.brand.pk)  # the ancestors of one brand only
    assert {org.pk: _rollup_figures(org) for org in (world.group, world.committee_a)} == full
    assert not OrgRollup.objects.filter(org=world.committee_b).exists()


def test_participation_counts_the_members_of_the_whole_subtree(world):
    committee_brand = brand_services.brand_create(
        actor=world.mid_admin, org=world.committee_a, name="甲公司党建品牌", slogan="红色动力"
    )
    compute.recompute()

    def members_named(brand):
        texts = [lower["text"] for lower in BrandHealth.objects.get(brand=brand).lowers]
        return next(t for t in texts if t.startswith("参加活动载体的党员"))

    # 李党员 is in 支部A, under the 二级党委's 党总支: counted for both brands.
    assert members_named(committee_brand) == "参加活动载体的党员 0/1 人"
    assert members_named(world.brand) == "参加活动载体的党员 0/1 人"


def test_past_months_of_the_trend_come_from_the_brands_history(world, monkeypatch):
    """History kept before any refresh ran in its months (the demo's year) gives each
    organisation's monthly average from its brands' last point of each month."""
    other = brand_services.brand_create(
        actor=world.staff, org=world.branch_b, name="乙支部品牌", slogan=""
    )
    compute.recompute()

    def point(brand, day, score):
        BrandHealthHistory.objects.create(
            brand=brand,
            org_path=brand.org.path,
            day=day,
            month=day.strftime("%Y-%m"),
            score=Decimal(score),
        )

    point(world.brand, date(2026, 3, 10), "10")
    point(world.brand, date(2026, 3, 31), "30")  # the month's last point counts
    point(other, date(2026, 3, 31), "50")
    point(world.brand, date(2026, 4, 30), "40")
    assert rollup.months_from_history(["2026-03", "2026-04"]) > 0
    by_month = {p["month"]: p for p in selectors.trend(world.group)}
    assert (by_month["2026-03"]["avg"], by_month["2026-03"]["brands"]) == (40.0, 2)
    assert (by_month["2026-04"]["avg"], by_month["2026-04"]["brands"]) == (40.0, 1)
    march_b = {p["month"]: p["avg"] for p in selectors.trend(world.committee_b)}["2026-03"]
    assert march_b == 50.0  # 乙 counts its own brand only
