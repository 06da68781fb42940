"""The cockpit as its users meet it: figures that add up and link to their lists, drill-down,
the 大屏, the export, the API with the same figures, the brand page's section, updates after
an event, and query counts that stay flat with more brands and organisations."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.brands import services as brand_services
from partybrand.brands.services import brand_create
from partybrand.cockpit import compute
from partybrand.cockpit.choices import Part
from partybrand.cockpit.models import BrandHealth, BrandHealthHistory, OrgRollup
from partybrand.orgs.choices import OrgKind
from tests.factories import make_org
from tests.helpers import api_client, assert_queries_flat, login

pytestmark = pytest.mark.django_db


def test_the_group_cockpit_shows_coverage_and_links_to_the_lists(world):
    compute.recompute()
    client = login(world, "staff")
    page = client.get(reverse("cockpit:home")).content.decode()
    assert "测试集团党委 · 品牌驾驶舱" in page
    assert 'data-testid="branches">2<' in page
    assert 'data-testid="creating">1<' in page
    assert 'data-testid="none">1<' in page
    none_url = reverse("cockpit:branch_list", args=[world.group.pk]) + "?state=none"
    assert none_url in page
    listed = client.get(none_url).content.decode()
    assert "支部B" in listed and "支部A" not in listed
    assert reverse("cockpit:org", args=[world.committee_a.pk]) in page  # drill-down
    assert reverse("cockpit:brand_health", args=[world.brand.pk]) in page  # lowest brands


def test_drilling_down_to_a_branch_and_back(world):
    compute.recompute()
    client = login(world, "staff")
    page = client.get(reverse("cockpit:org", args=[world.branch_a.pk])).content.decode()
    assert "支部A · 品牌驾驶舱" in page
    assert reverse("cockpit:org", args=[world.general_branch.pk]) in page  # the breadcrumb
    assert "红色引擎" in page


def test_a_second_level_committee_sees_its_own_subtree_only(world):
    compute.recompute()
    client = login(world, "mid_admin")
    page = client.get(reverse("cockpit:home")).content.decode()
    assert "甲公司党委 · 品牌驾驶舱" in page
    assert 'data-testid="branches">1<' in page
    assert client.get(reverse("cockpit:org", args=[world.group.pk])).status_code == 404


def test_the_screen_and_the_export(world):
    compute.recompute()
    client = login(world, "staff")
    screen = client.get(reverse("cockpit:screen", args=[world.group.pk])).content.decode()
    assert 'http-equiv="refresh"' in screen and "pb-screen" in screen
    response = client.get(reverse("cockpit:export_xlsx", args=[world.group.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["概况", "下级组织", "健康度最低的品牌", "评选结果"]
    rows = {r[0]: r[1] for r in book["概况"].iter_rows(min_row=2, values_only=True)}
    assert rows["党支部"] == 2 and rows["尚无品牌的支部"] == 1
    low = list(book["健康度最低的品牌"].iter_rows(min_row=2, values_only=True))
    assert low[0][0] == "红色引擎"


def test_the_api_gives_the_page_figures(world):
    compute.recompute()
    client = api_client(world.staff)
    data = client.get(reverse("api:cockpit-org-detail", args=[world.group.pk])).json()
    assert data["coverage"] == {"branches": 2, "named": 0, "creating": 1, "none": 1}
    assert [c["name"] for c in data["children"]] == ["甲公司党委", "乙公司党委"]
    assert data["lowest"][0]["name"] == "红色引擎"
    assert client.get(reverse("api:cockpit-org-list")).json() == [
        {"id": world.group.pk, "name": "测试集团党委"}
    ]
    brand = api_client(world.member).get(reverse("api:cockpit-brand-detail", args=[world.brand.pk]))
    assert brand.json()["health"]["score"] == float(
        BrandHealth.objects.get(brand=world.brand).score
    )


def test_the_brand_page_shows_its_index_and_what_lowers_it(world):
    compute.recompute()
    page = login(world, "member").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    text = page.content.decode()
    assert 'data-testid="health-score"' in text
    assert "未设成效指标" in text
    detail = login(world, "member").get(reverse("cockpit:brand_health", args=[world.brand.pk]))
    assert "未上传品牌标识" in detail.content.decode()


def test_an_honour_updates_the_index_after_it_commits(world, django_capture_on_commit_callbacks):
    compute.recompute()
    with django_capture_on_commit_callbacks(execute=True):
        brand_services.honour_add(
            actor=world.secretary,
            brand=world.brand,
            title="省级先进",
            level="provincial",
            year=2024,
        )
    assert BrandHealth.objects.get(brand=world.brand).influence == Decimal("35.0")


def test_a_failed_recompute_after_a_change_leaves_the_change_made(
    world, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    """A recompute that fails after the user's change committed (two at once collided on the
    brand's row on PostgreSQL) answered the user's request with a server error."""

    def broken(*args, **kwargs):
        raise RuntimeError("索引计算失败")

    monkeypatch.setattr(compute, "recompute", broken)
    with django_capture_on_commit_callbacks(execute=True):
        honour = brand_services.honour_add(
            actor=world.secretary,
            brand=world.brand,
            title="省级先进",
            level="provincial",
            year=2024,
        )
    assert honour.pk is not None
    assert "the daily run will" in caplog.text


def test_recomputing_a_brand_again_writes_over_its_row(world):
    compute.recompute([world.brand.pk])
    compute.recompute([world.brand.pk])
    assert BrandHealth.objects.filter(brand=world.brand).count() == 1


def test_query_counts_stay_flat_with_more_brands(world):
    compute.recompute()
    staff = login(world, "staff")
    api = api_client(world.staff)
    group = world.group.pk

    def more():
        for i in range(6):
            org = make_org(world.committee_b, f"新增支部{i}", OrgKind.BRANCH, f"TX{i}")
            brand_create(actor=world.staff, org=org, name=f"新品牌{i}", slogan="")
        compute.recompute()

    assert_queries_flat(
        more,
        lambda: staff.get(reverse("cockpit:org", args=[group])),
        lambda: staff.get(reverse("cockpit:screen", args=[group])),
        lambda: staff.get(reverse("cockpit:health_list", args=[group])),
        lambda: staff.get(reverse("cockpit:branch_list", args=[group]) + "?state=creating"),
        lambda: api.get(reverse("api:cockpit-org-detail", args=[group])),
        lambda: api.get(reverse("api:cockpit-brand-list")),
    )


def test_each_thing_that_lowers_the_index_links_to_a_page_that_opens(world):
    """“推介台账中尚无记录” once linked to /promotion/publicity/??brand=…, a filter the list
    did not read; every link on the brand's index page must open with its filter."""
    compute.recompute()
    client = login(world, "secretary")
    page = client.get(reverse("cockpit:brand_health", args=[world.brand.pk])).content.decode()
    assert "??" not in page
    publicity = reverse("promotion:publicity_list") + f"?brand={world.brand.pk}"
    assert f'href="{publicity}"' in page
    assert client.get(publicity).status_code == 200


def test_the_brand_index_page_and_api_show_its_history(world):
    compute.recompute()
    BrandHealthHistory.objects.filter(brand=world.brand).update(day=date(2026, 1, 5))
    compute.recompute()
    client = login(world, "member")
    page = client.get(reverse("cockpit:brand_health", args=[world.brand.pk])).content.decode()
    assert 'id="health-history"' in page and "1月5日" in page
    assert 'data-chart="brand-history"' in page  # two points: drawn as a line
    data = (
        api_client(world.member)
        .get(reverse("api:cockpit-brand-detail", args=[world.brand.pk]))
        .json()
    )
    assert [h["day"] for h in data["history"]][0] == "2026-01-05"
    assert len(data["history"]) == 2
    assert data["history"][-1]["score"] == data["health"]["score"]


def test_the_children_table_shows_each_part_average_in_its_column(world):
    compute.recompute()
    kept = OrgRollup.objects.get(org=world.committee_a).part_avgs
    assert kept  # a brand below: the committee has averages
    page = login(world, "staff").get(reverse("cockpit:home")).content.decode()
    row = page[page.index(f'<tr data-org="{world.committee_a.pk}">') :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r'<td class="text-end d-none d-md-table-cell">([^<]*)</td>', row)
    assert cells == [str(kept.get(p.value, "")) for p in Part]
    assert len(cells) == len(Part)
