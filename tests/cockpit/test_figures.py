"""One definition of each cockpit figure: 已命名品牌 counts the named brands of every level in
the subtree (the funnel's 已命名 row), and coverage counts branches; the page, the 大屏, the
home page, the export and the API show the same numbers. And the map: brands by the province of
their organisation, each province opening the list of its brands."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create
from partybrand.cockpit import compute
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.services import org_create
from tests.helpers import api_client, login

pytestmark = pytest.mark.django_db


def named_world(world):
    """支部A with two named brands, 甲公司党委 with a named brand of its own, 支部B none."""
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.NAMED)
    second = brand_create(actor=world.secretary, org=world.branch_a, name="先锋引擎", slogan="实干")
    company = brand_create(
        actor=world.mid_admin, org=world.committee_a, name="甲公司红帆", slogan="同舟"
    )
    Brand.objects.filter(pk__in=[second.pk, company.pk]).update(status=BrandStatus.NAMED)
    compute.recompute()


def figure(page: str, testid: str) -> int:
    found = re.search(rf'data-testid="{testid}">(\d+)<', page)
    assert found is not None, testid
    return int(found.group(1))


def test_named_brands_is_one_figure_on_the_page_the_screen_the_home_and_the_api(world):
    named_world(world)
    client = login(world, "staff")
    page = client.get(reverse("cockpit:org", args=[world.group.pk])).content.decode()
    screen = client.get(reverse("cockpit:screen", args=[world.group.pk])).content.decode()
    home = client.get(reverse("home")).content.decode()
    api = api_client(world.staff).get(reverse("api:cockpit-org-detail", args=[world.group.pk]))
    data = api.json()
    funnel_named = next(f["count"] for f in data["funnel"] if f["status"] == BrandStatus.NAMED)
    # Three named brands (two in one branch, one of a subsidiary) in one branch of two.
    assert funnel_named == data["named_brands"] == 3
    assert figure(page, "named-brands") == figure(screen, "named-brands") == 3
    assert figure(home, "named-brands") == 3
    assert data["coverage"]["named"] == 1
    assert figure(page, "named") == figure(screen, "named") == 1
    assert "有已命名品牌的支部" in page and "有已命名品牌的支部" in screen
    # The list behind the figure has as many rows as the figure says.
    listed = client.get(
        reverse("brands:brand_list") + f"?org={world.group.pk}&status={BrandStatus.NAMED}"
    ).content.decode()
    assert all(name in listed for name in ("红色引擎", "先锋引擎", "甲公司红帆"))
    book = load_workbook(
        io.BytesIO(client.get(reverse("cockpit:export_xlsx", args=[world.group.pk])).content)
    )
    rows = {r[0]: r[1] for r in book["概况"].iter_rows(min_row=2, values_only=True)}
    assert rows["已命名品牌"] == 3 and rows["有已命名品牌的支部"] == 1


def test_an_organisation_takes_its_regions_or_its_parents_province(world):
    assert world.branch_a.province == ""  # no region, no province above: left blank
    named = org_create(
        actor=None,
        parent=world.group,
        name="戊公司党委",
        kind=OrgKind.COMMITTEE,
        code="T5",
        region="广东省广州市",
    )
    below = org_create(actor=None, parent=named, name="戊公司支部", kind=OrgKind.BRANCH, code="T51")
    chosen = org_create(
        actor=None, parent=named, name="己支部", kind=OrgKind.BRANCH, code="T52", province="海南"
    )
    assert (named.province, below.province, chosen.province) == ("广东", "广东", "海南")


def test_the_map_shows_brands_by_province_and_opens_their_list(world):
    for org, province in ((world.branch_a, "江苏"), (world.branch_b, "浙江")):
        org.province = province
        org.save(update_fields=["province"])
    brand_create(actor=world.outsider, org=world.branch_b, name="之江先锋", slogan="奋进")
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.NAMED)
    compute.recompute()
    client = login(world, "staff")
    data = (
        api_client(world.staff).get(reverse("api:cockpit-org-detail", args=[world.group.pk])).json()
    )
    assert {p["province"]: (p["brands"], p["named"]) for p in data["provinces"]} == {
        "江苏": (1, 1),
        "浙江": (1, 0),
    }
    page = client.get(reverse("cockpit:org", args=[world.group.pk])).content.decode()
    assert 'data-chart="cockpit-map"' in page and "vendor/echarts/china.js" in page
    link = f"{reverse('brands:brand_list')}?org={world.group.pk}&province=%E6%B1%9F%E8%8B%8F"
    assert link in page
    listed = client.get(link).content.decode()
    assert "红色引擎" in listed and "之江先锋" not in listed
    assert '<option value="江苏" selected>江苏省</option>' in listed  # the filter says so
    # A 二级党委 sees only its own provinces.
    mid = api_client(world.mid_admin).get(
        reverse("api:cockpit-org-detail", args=[world.committee_a.pk])
    )
    assert [p["province"] for p in mid.json()["provinces"]] == ["江苏"]


def listed_brands(client, url: str) -> int:
    return client.get(url).content.decode().count('class="fw-bold" href="/brands/')


def test_a_tier_figure_opens_a_list_as_long_as_the_figure_with_a_revoked_brand(world):
    """A revoked (已摘牌) brand keeps its tier on record but is not counted in the tiers; the
    list behind a tier figure must leave it out too, or the figure and its list disagree."""
    named_world(world)
    second = Brand.objects.get(name="先锋引擎")
    tier = second.tier
    Brand.objects.filter(pk=second.pk).update(status=BrandStatus.REVOKED)
    compute.recompute()
    client = login(world, "staff")
    page = client.get(reverse("cockpit:org", args=[world.group.pk])).content.decode()
    link = reverse("brands:brand_list") + f"?org={world.group.pk}&tier={tier}&held=true"
    found = re.search(rf'href="{re.escape(link)}">(\d+)<', page)
    assert found is not None
    shown = int(found.group(1))
    listed = listed_brands(client, link)
    assert shown == listed
    assert (
        listed_brands(client, reverse("brands:brand_list") + f"?org={world.group.pk}&tier={tier}")
        == listed + 1
    )


def test_the_branches_figure_opens_every_branch_of_the_subtree(world):
    compute.recompute()
    client = login(world, "staff")
    page = client.get(reverse("cockpit:org", args=[world.group.pk])).content.decode()
    url = reverse("cockpit:branch_list", args=[world.group.pk]) + "?state=all"
    assert f'href="{url}"' in page
    listed = client.get(url).content.decode()
    assert figure(page, "branches") == 2
    assert "支部A" in listed and "支部B" in listed and "全部党支部（共 2 个）" in listed


def test_the_status_badges_of_a_list_opened_from_the_cockpit_count_that_list(world):
    """From 甲公司党委's cockpit the 品牌库 opens on its subtree; the 已命名 badge counts the
    named brands there, not every named brand the viewer sees across the group."""
    named_world(world)
    other = brand_create(actor=world.outsider, org=world.branch_b, name="乙方先锋", slogan="担当")
    Brand.objects.filter(pk=other.pk).update(status=BrandStatus.NAMED)
    client = login(world, "staff")
    url = reverse("brands:brand_list") + f"?org={world.committee_a.pk}"
    listed = client.get(url).content.decode()
    badge = re.search(r"已命名 <span class=\"badge[^\"]*\">(\d+)<", listed)
    assert badge is not None
    everywhere = Brand.objects.filter(status=BrandStatus.NAMED).count()
    in_subtree = Brand.objects.filter(
        status=BrandStatus.NAMED, org__path__startswith=world.committee_a.path
    ).count()
    assert everywhere == in_subtree + 1
    assert int(badge.group(1)) == in_subtree
    assert int(badge.group(1)) == listed_brands(client, url + "&status=named")
