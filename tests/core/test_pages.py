"""What every page shares: CSRF on forms, a script policy without inline scripts, Chinese 404
and 403 pages, markup for phones, the audit log's filter, and list and detail
pages whose queries do not grow with the rows."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from partybrand.brands.services import brand_create
from partybrand.orgs.models import Organization
from tests.factories import PASSWORD, make_member, make_org
from tests.helpers import assert_queries_flat, login


def test_forms_refuse_posts_without_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.login(username="secretary", password=PASSWORD)
    response = client.post(reverse("brands:brand_transition", args=[world.brand.pk]), {})
    assert response.status_code == 403


def test_audit_log_filters_by_user(world):
    client = login(world, "staff")
    page = client.get(reverse("audit_list"), {"actor": "secretary"}).content.decode()
    assert 'data-action="brand_create">新建品牌<' in page
    assert 'data-action="role_assign"' not in page  # made by the system, not by the secretary


def _grow(world, n):
    start = Organization.objects.count()
    for i in range(n):
        org = make_org(world.general_branch, f"新增支部{start}-{i}", "branch", f"X{start}-{i}")
        make_member(org, f"党员{i}", phone="13800000000")
        brand_create(actor=world.secretary, org=world.branch_a, name=f"品牌{i}")


@pytest.mark.parametrize(
    ("url_name", "params", "persona"),
    [
        ("brands:brand_list", {}, "staff"),
        ("brands:brand_matrix", {}, "staff"),
        ("orgs:member_list", {}, "staff"),
        ("orgs:org_tree", {"q": "支部"}, "staff"),
        ("audit_list", {}, "staff"),
        ("home", {}, "staff"),
    ],
)
def test_list_pages_run_the_same_number_of_queries_whatever_the_row_count(
    world, url_name, params, persona
):
    client = login(world, persona)
    _grow(world, 3)
    assert_queries_flat(lambda: _grow(world, 25), lambda: client.get(reverse(url_name), params))


def test_org_detail_runs_the_same_number_of_queries_whatever_the_subtree_size(world):
    client = login(world, "staff")
    url = reverse("orgs:org_detail", args=[world.general_branch.pk])
    _grow(world, 3)
    assert_queries_flat(lambda: _grow(world, 25), lambda: client.get(url))


def test_pages_work_on_a_phone_sized_screen_markup(world):
    page = login(world, "secretary").get(reverse("home")).content.decode()
    assert re.search(r'<meta name="viewport" content="width=device-width', page)
    assert "navbar-toggler" in page


def test_pages_forbid_inline_script_by_policy(world):
    response = login(world, "secretary").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "<script>" not in response.content.decode()  # scripts come from static files only


def test_not_found_and_forbidden_pages_speak_chinese(world):
    client = login(world, "outsider")
    response = client.get(reverse("brands:brand_detail", args=[world.brand.pk]))
    assert response.status_code == 404 and "页面不存在，或您无权访问" in response.content.decode()
    response = login(world, "member").get(reverse("brands:brand_edit", args=[world.brand.pk]))
    assert response.status_code == 403 and "您没有权限修改该品牌" in response.content.decode()
