"""The 品牌库 and 党员名册 pages filter with the same FilterSets as their API endpoints, so a query
string means the same thing on both."""

import pytest
from django.test import Client

from partybrand.brands.services import brand_create
from partybrand.orgs.choices import MemberStatus
from tests.factories import PASSWORD, make_member
from tests.helpers import api_client

pytestmark = pytest.mark.django_db


def _page_names(user, url: str) -> set[str]:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    return {row.name for row in response.context["page_obj"].object_list}


def _api_names(user, url: str) -> set[str]:
    response = api_client(user).get(url)
    assert response.status_code == 200
    return {row["name"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "query",
    ["q=护航", "q=红色", "status=draft", "org={branch_b}", "org={committee_a}&q=引擎", ""],
)
def test_brand_page_and_api_list_the_same_brands(world, query):
    brand_create(actor=world.outsider, org=world.branch_b, name="安全护航", slogan="守护万家灯火")
    brand_create(actor=world.secretary, org=world.branch_a, name="先锋工坊", slogan="护航发展")
    query = query.format(branch_b=world.branch_b.pk, committee_a=world.committee_a.pk)
    page = _page_names(world.staff, f"/brands/?{query}")
    assert page == _api_names(world.staff, f"/api/v1/brands/?{query}")
    if query == "q=护航":  # the slogan counts as well as the name, on both
        assert page == {"安全护航", "先锋工坊"}


def test_an_unknown_status_is_ignored_on_the_page_and_refused_by_the_api(world):
    assert _page_names(world.staff, "/brands/?status=nonsense&q=红色") == {"红色引擎"}
    assert api_client(world.staff).get("/api/v1/brands/?status=nonsense").status_code == 400


def test_member_page_and_api_list_the_same_members(world):
    make_member(world.branch_a, "王预备", status=MemberStatus.PROBATIONARY)
    gone = make_member(world.branch_a, "赵转出")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    for query in ("", "q=王", f"status={MemberStatus.PROBATIONARY}", f"org={world.branch_a.pk}"):
        page = _page_names(world.staff, f"/orgs/members/?{query}")
        # The page lists the members on the roll unless asked otherwise.
        api = _api_names(world.staff, f"/api/v1/members/?is_active=true&{query}")
        assert page == api
        assert "赵转出" not in page
    assert "赵转出" in _page_names(world.staff, "/orgs/members/?is_active=false")
