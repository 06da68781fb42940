"""Results agree with the scores entered: the radar, the gap list, the trend, the committee's
star distribution, heat map and below-threshold list; query counts do not grow; a strange
threshold in the address falls back to the policy."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from partybrand.assessments import selectors
from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.orgs.choices import OrgKind
from tests.factories import PASSWORD, make_org
from tests.helpers import assert_queries_flat, client_for
from tests.permissions.cases.assessments import (
    finalised,
    rows_for,
    submitted,
)

pytestmark = pytest.mark.django_db

A_2025 = {"1.1": 12, "1.2": 4, "2.1": 27, "2.2": 6}  # 12+16+27+24 = 79; 70% and 85%

A_2024 = {"1.1": 10, "1.2": 10, "2.1": 20, "2.2": 10}  # 10+10+20+20 = 60

C_2025 = {"1.1": 20, "1.2": 0, "2.1": 30, "2.2": 3}  # 20+20+30+27 = 97; 100% and 95%

B_2025 = {"1.1": 10, "1.2": 10, "2.1": 15, "2.2": 15}  # 10+10+15+15 = 50; 50% and 50%


def result(w, org, values, *, actor, manager, period="2025年度"):
    a = submitted(w, org=org, period=period, actor=actor)
    assignment = services_review.reviewer_assign(actor=manager, assessment=a, reviewer=w.expert)
    services_review.review_scores_save(
        actor=w.expert, assignment=assignment, rows=rows_for(a.system, values)
    )
    services_review.review_complete(actor=w.expert, assignment=assignment)
    return services_finalise.assessment_finalise(actor=manager, assessment=a)


@pytest.fixture
def scored(world):
    branch_c = make_org(world.general_branch, "支部C", OrgKind.BRANCH, "T112")
    result(
        world,
        world.branch_a,
        A_2024,
        actor=world.secretary,
        manager=world.mid_admin,
        period="2024年度",
    )
    a = result(world, world.branch_a, A_2025, actor=world.secretary, manager=world.mid_admin)
    c = result(world, branch_c, C_2025, actor=world.mid_admin, manager=world.staff)
    b = result(world, world.branch_b, B_2025, actor=world.outsider, manager=world.staff)
    world.branch_c = branch_c
    return world, a, b, c


def page(user, name, pk, **params):
    response = client_for(user).get(reverse(f"assessments:{name}", args=[pk]), params)
    assert response.status_code == 200
    return response


def test_finalised_scores_are_those_entered(scored):
    _w, a, b, c = scored
    assert (a.final_score, a.stars) == (Decimal("79"), 2)
    assert (c.final_score, c.stars) == (Decimal("97"), 5)
    assert (b.final_score, b.stars, b.star_label) == (Decimal("50"), 0, "未定星级")


def test_radar_gap_list_and_trend_of_one_branch(scored):
    world, a, _b, c = scored
    response = page(world.secretary, "org_results", world.branch_a.pk)
    chart = response.context["chart"]
    assert chart["dimensions"] == [
        {
            "code": "1",
            "name": "组织建设",
            "score": 28.0,
            "max": 40.0,
            "percent": 70.0,
            "parent": 85.0,
            "peer": 100.0,
        },
        {
            "code": "2",
            "name": "制度运行",
            "score": 51.0,
            "max": 60.0,
            "percent": 85.0,
            "parent": 90.0,
            "peer": 95.0,
        },
    ]
    assert chart["peer"] == "支部C" and chart["parent"] == "甲公司机关党总支"
    assert chart["trend"] == [
        {"period": "2024年度", "score": 60.0},
        {"period": "2025年度", "score": 79.0},
    ]
    gaps = [(g.indicator.code, g.lost) for g in response.context["data"]["gaps"]]
    assert gaps == [("1.1", 8), ("2.2", 6), ("1.2", 4), ("2.1", 3)]
    html = response.content.decode()
    assert 'data-chart="assessment-radar"' in html and "失 8 分（12/20）" in html
    assert 'id="chart-data"' in html and "<script>" not in html.replace(
        '<script id="chart-data"', ""
    )


def test_committee_stars_heat_map_and_below_threshold(scored):
    world, _a, _b, _c = scored
    response = page(world.staff, "committee_results", world.group.pk)
    ctx = response.context
    assert ctx["period"] == "2025年度" and ctx["periods"] == ["2025年度", "2024年度"]
    assert {s.label: s.count for s in ctx["stars"]} == {
        "5星": 1,
        "4星": 0,
        "3星": 0,
        "2星": 1,
        "1星": 0,
        "一票否决/未定星级": 1,
    }
    assert ctx["summary"] == {"count": 3, "average": Decimal("75.33")}
    heat = {r["org"].name: r["cells"] for r in ctx["heat_rows"]}
    assert heat == {
        "甲公司党委": {"1": Decimal("85"), "2": Decimal("90")},
        "乙公司党委": {"1": Decimal("50"), "2": Decimal("50")},
    }
    assert ctx["chart"]["cells"] == [[0, 0, 85.0], [1, 0, 90.0], [0, 1, 50.0], [1, 1, 50.0]]
    assert [a.org.name for a in ctx["below"]] == ["支部B"]  # default line 60
    # The committee sets its line at 80: 支部A (79) falls below too, lowest first.
    services_finalise.policy_set(
        actor=world.committee_admin, org=world.group, system_code="t-std", min_score="80"
    )
    ctx = page(world.staff, "committee_results", world.group.pk).context
    assert [a.org.name for a in ctx["below"]] == ["支部B", "支部A"] and ctx["threshold"] == 80
    # Drill-down: the 二级党委's page averages its own children.
    ctx = page(world.mid_admin, "committee_results", world.committee_a.pk).context
    assert {r["org"].name: r["cells"] for r in ctx["heat_rows"]} == {
        "甲公司机关党总支": {"1": Decimal("85"), "2": Decimal("90")}
    }
    ctx = page(
        world.mid_admin, "committee_results", world.committee_a.pk, period="2024年度"
    ).context
    assert ctx["summary"]["count"] == 1 and ctx["heat_rows"][0]["cells"] == {
        "1": Decimal("50"),
        "2": Decimal("66.67"),
    }


def test_brand_card_shows_the_score_and_warns_below_the_committee_line(scored):
    world, a, _b, _c = scored
    assert selectors.latest_standardisation(world.branch_a) == a
    client = Client()
    client.login(username="secretary", password=PASSWORD)
    html = client.get(reverse("brands:brand_detail", args=[world.brand.pk])).content.decode()
    assert 'data-testid="std-score">79.00<' in html and "★★" in html
    assert "std-warning" not in html
    services_finalise.policy_set(
        actor=world.mid_admin, org=world.committee_a, system_code="t-std", min_score="80"
    )
    html = client.get(reverse("brands:brand_detail", args=[world.brand.pk])).content.decode()
    assert "低于甲公司党委设定的达标线 80.00 分" in html


def test_query_counts_do_not_grow_with_the_subtree(scored):
    world, _a, _b, _c = scored
    client = client_for(world.staff)

    def four_more_branches():
        for i in range(4):
            branch = make_org(world.committee_b, f"支部D{i}", OrgKind.BRANCH, f"T3{i}")
            result(world, branch, C_2025, actor=world.staff, manager=world.committee_admin)

    few, org_few = assert_queries_flat(
        four_more_branches,
        lambda: client.get(reverse("assessments:committee_results", args=[world.group.pk])),
        lambda: client.get(reverse("assessments:org_results", args=[world.branch_a.pk])),
    )
    assert few <= 22 and org_few <= 18


def test_rollup_api_matches_the_page(scored):
    world, *_ = scored
    client = Client()
    client.login(username="staff", password=PASSWORD)
    data = client.get(reverse("api:assessment-results", args=[world.group.pk])).json()
    assert data["count"] == 3 and data["average"] == "75.33" and data["period"] == "2025年度"
    assert [(d["code"], d["average_percent"], d["assessed"]) for d in data["dimensions"]] == [
        ("1", "73.33", 3),
        ("2", "76.67", 3),
    ]
    assert {s["label"]: s["count"] for s in data["stars"]}["一票否决/未定星级"] == 1


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "1e99999", "-5"])
def test_a_strange_threshold_in_the_address_falls_back_to_the_policy(world, raw):
    finalised(world)
    url = reverse("assessments:committee_results", args=[world.committee_a.pk])
    response = client_for(world.mid_admin).get(url, {"threshold": raw})
    assert response.status_code == 200
    assert response.context["threshold"] == Decimal("60")


def test_the_breadcrumb_links_the_organisation_above_only_when_its_results_open(world):
    above = reverse("assessments:committee_results", args=[world.branch_a.parent_id])
    own = reverse("assessments:org_results", args=[world.branch_a.pk])
    secretary = client_for(world.secretary)
    page = secretary.get(own)
    assert page.status_code == 200 and above not in page.content.decode()
    assert secretary.get(above).status_code == 404
    staff_page = client_for(world.staff).get(own).content.decode()
    assert above in staff_page
