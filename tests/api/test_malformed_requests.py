"""Malformed requests are answered, never a server error: a NUL character anywhere in what is
sent, a non-numeric id in an API address, an id one may not see. API answers are JSON in
Chinese."""

import pytest
from django.urls import reverse

from partybrand.brands.models import Brand
from tests.helpers import api_client, client_for, login

NUL_PAGES = [
    "/orgs/members/?q=%00",
    "/brands/?q=%00",
    "/benchmarks/?q=%00",
    "/audit/?actor=%00",
]
NUL_API = [
    "/api/v1/benchmarks/?q=%00",
    "/api/v1/assessments/?period=%00",
    "/api/v1/indicator-systems/?code=%00",
]


@pytest.mark.parametrize("url", NUL_PAGES)
def test_a_nul_in_a_pages_query_is_refused_with_a_chinese_page(world, url):
    response = login(world, "staff").get(url)
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


@pytest.mark.parametrize("url", NUL_API)
def test_a_nul_in_an_api_query_is_refused_as_json(world, url):
    response = api_client(world.staff).get(url)
    assert response.status_code == 400
    assert "空字符" in response.json()["detail"]


def test_a_nul_in_a_posted_value_is_refused_and_nothing_is_stored(world):
    before = Brand.objects.count()
    page = client_for(world.secretary).post(
        reverse("brands:brand_create"), {"org": world.branch_a.pk, "name": "红色\x00先锋"}
    )
    assert page.status_code == 400
    api = api_client(world.secretary).post(
        "/api/v1/brands/", {"org": world.branch_a.pk, "name": "红色\x00先锋"}, format="json"
    )
    assert api.status_code == 400 and "空字符" in api.json()["detail"]
    assert Brand.objects.count() == before


@pytest.mark.parametrize(
    "method, url",
    [
        ("post", "/api/v1/plan-tasks/abc/close/"),
        ("get", "/api/v1/plans/abc/"),
        ("patch", "/api/v1/surveys/abc/"),
        ("post", "/api/v1/supervision-tickets/abc/close/"),
        ("delete", "/api/v1/brands/1/practices/abc/"),
    ],
)
def test_a_non_numeric_id_in_an_api_address_is_a_json_404(world, method, url):
    response = getattr(api_client(world.staff), method)(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "对象不存在或您无权访问。"}


def test_an_unseen_object_is_a_404_in_chinese(world):
    response = api_client(world.outsider).get(f"/api/v1/brands/{world.brand.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "对象不存在或您无权访问。"}


def test_an_unknown_page_address_is_still_the_chinese_page(world):
    response = login(world, "staff").get("/no-such-page/")
    assert response.status_code == 404 and "<html" in response.content.decode()
