"""The REST API under /api/v1/, driven as the personas of `tests.factories.World`."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand, BrandEvent
from partybrand.brands.services import (
    attachment_add,
    brand_create,
    brand_set_phrases,
    honour_add,
    kpi_create,
    kpi_record_value,
)
from partybrand.brands.transitions import brand_transition
from partybrand.core.models import AuditLog
from partybrand.core.throttle import attempt_allowed, client_ip, locked
from partybrand.orgs.choices import Gender, MemberStatus, OrgKind
from partybrand.orgs.models import Member, Organization
from tests.factories import PASSWORD, make_member, make_org, make_user

TOKEN_URL = "/api/v1/auth/token/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


def detail(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


# Tokens and throttling -------------------------------------------------------------------------


def test_it_issues_a_token_that_authenticates_requests(world):
    response = APIClient().post(TOKEN_URL, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=world.secretary).key

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(reverse("api:brand-list")).status_code == 200


def test_the_same_token_is_returned_twice(world):
    first = APIClient().post(TOKEN_URL, {"username": "secretary", "password": PASSWORD})
    second = APIClient().post(TOKEN_URL, {"username": "secretary", "password": PASSWORD})
    assert first.json()["token"] == second.json()["token"]


def test_it_refuses_a_wrong_password_in_chinese(world):
    response = APIClient().post(TOKEN_URL, {"username": "secretary", "password": "wrong"})
    assert response.status_code == 400
    assert response.json()["detail"] == "用户名或密码错误。"
    assert not Token.objects.filter(user=world.secretary).exists()


def test_it_requires_username_and_password(world):
    response = APIClient().post(TOKEN_URL, {"username": "secretary"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


def test_inactive_user_gets_no_token(world):
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    response = APIClient().post(TOKEN_URL, {"username": "member", "password": PASSWORD})
    assert response.status_code == 400
    assert not Token.objects.filter(user=world.member).exists()


def test_token_of_a_deactivated_user_stops_working(world):
    client = api(world.member)
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    assert client.get(reverse("api:brand-list")).status_code == 401


def test_anonymous_requests_are_refused_with_401(world):
    response = APIClient().get(reverse("api:brand-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_five_failures_lock_the_username_even_for_the_right_password(world, settings):
    assert settings.LOGIN_FAILURE_LIMIT == 5
    for i in range(5):
        # Each attempt from another address: the username alone is what locks here.
        client = APIClient(REMOTE_ADDR=f"10.0.0.{i + 1}")
        assert (
            client.post(TOKEN_URL, {"username": "secretary", "password": "bad"}).status_code == 400
        )
    response = APIClient(REMOTE_ADDR="10.0.1.1").post(
        TOKEN_URL, {"username": "secretary", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "登录失败次数过多" in response.json()["detail"]
    assert response["Retry-After"] == "900"
    assert not Token.objects.filter(user=world.secretary).exists()
    # Other users are not affected.
    response = APIClient(REMOTE_ADDR="10.0.1.1").post(
        TOKEN_URL, {"username": "member", "password": PASSWORD}
    )
    assert response.status_code == 200


def test_five_failures_from_one_address_lock_that_address(world):
    client = APIClient(REMOTE_ADDR="10.9.9.9")
    for name in ["a1", "a2", "a3", "a4", "a5"]:
        assert client.post(TOKEN_URL, {"username": name, "password": "bad"}).status_code == 400
    response = client.post(TOKEN_URL, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 429
    other = APIClient(REMOTE_ADDR="10.9.9.10")
    assert other.post(TOKEN_URL, {"username": "secretary", "password": PASSWORD}).status_code == 200


def test_a_success_forgets_the_users_failures_but_not_the_addresss(world):
    for address in ("10.1.0.1", "10.1.0.2"):
        client = APIClient(REMOTE_ADDR=address)
        for _ in range(4):
            assert (
                client.post(TOKEN_URL, {"username": "secretary", "password": "x"}).status_code
                == 400
            )
        assert (
            client.post(TOKEN_URL, {"username": "secretary", "password": PASSWORD}).status_code
            == 200
        )
    # The address keeps its four failures: two more failures on any account lock it.
    client = APIClient(REMOTE_ADDR="10.1.0.2")
    client.post(TOKEN_URL, {"username": "member", "password": "x"})
    client.post(TOKEN_URL, {"username": "member", "password": "x"})
    assert client.post(TOKEN_URL, {"username": "member", "password": PASSWORD}).status_code == 429


def test_the_limit_comes_from_settings(db, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    assert attempt_allowed("zhang", "1.2.3.4")
    assert attempt_allowed("Zhang ", "5.6.7.8")  # names compare case- and space-insensitively
    assert not locked("zhang", "9.9.9.9")
    assert not attempt_allowed("zhang", "9.9.9.9")  # the third attempt is over the limit
    assert locked("zhang", "9.9.9.9")
    assert not locked("li", "9.9.9.9")


def test_client_ip_trusts_only_the_address_our_proxy_appended(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.168.1.20")
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.1"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "192.168.1.20"


# Organisations ---------------------------------------------------------------------------------


def test_orgs_are_scoped_to_the_users_subtree(world):
    assert ids(api(world.secretary).get(reverse("api:org-list"))) == {world.branch_a.pk}
    assert ids(api(world.mid_admin).get(reverse("api:org-list"))) == {
        world.committee_a.pk,
        world.general_branch.pk,
        world.branch_a.pk,
    }
    assert len(ids(api(world.staff).get(reverse("api:org-list")))) == 6


def test_outsider_org_list_does_not_contain_branch_a(world):
    found = ids(api(world.outsider).get(reverse("api:org-list")))
    assert found == {world.branch_b.pk}


def test_org_filters(world):
    client = api(world.staff)
    url = reverse("api:org-list")
    assert ids(client.get(url, {"kind": OrgKind.BRANCH})) == {world.branch_a.pk, world.branch_b.pk}
    assert ids(client.get(url, {"parent": world.group.pk})) == {
        world.committee_a.pk,
        world.committee_b.pk,
    }
    assert ids(client.get(url, {"depth": 1})) == {world.group.pk}
    assert ids(client.get(url, {"q": "乙公司"})) == {world.committee_b.pk}
    response = client.get(url, {"kind": "nonsense"})
    assert response.status_code == 400


def test_org_list_is_paginated(world):
    response = api(world.staff).get(reverse("api:org-list"), {"page_size": 4})
    body = response.json()
    assert body["count"] == 6
    assert len(body["results"]) == 4
    assert body["next"] is not None and body["previous"] is None
    second = api(world.staff).get(reverse("api:org-list"), {"page_size": 4, "page": 2}).json()
    assert len(second["results"]) == 2
    assert api(world.staff).get(reverse("api:org-list"), {"page": 9}).status_code == 404


def test_org_detail_shows_the_org(world):
    response = api(world.secretary).get(reverse("api:org-detail", args=[world.branch_a.pk]))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "支部A"
    assert body["kind_display"] == "党支部"
    assert body["parent_name"] == "甲公司机关党总支"


def test_org_children_lists_direct_children_only(world):
    client = api(world.staff)
    found = ids(client.get(reverse("api:org-children", args=[world.group.pk])))
    assert found == {world.committee_a.pk, world.committee_b.pk}
    children = client.get(reverse("api:org-children", args=[world.group.pk])).json()["results"]
    assert all(row["child_count"] == 1 for row in children)
    assert ids(client.get(reverse("api:org-children", args=[world.branch_a.pk]))) == set()


def test_org_children_of_an_org_out_of_reach_is_404(world):
    response = api(world.secretary).get(reverse("api:org-children", args=[world.group.pk]))
    assert response.status_code == 404


def test_staff_creates_an_org_below_a_parent(world):
    response = api(world.staff).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.GROUP, "name": "第一党小组", "code": "G1"},
        format="json",
    )
    assert response.status_code == 201, response.content
    org = Organization.objects.get(pk=response.json()["id"])
    assert org.parent == world.branch_a
    assert org.path.startswith(world.branch_a.path) and org.depth == world.branch_a.depth + 1
    assert AuditLog.objects.filter(action="org_create", actor=world.staff).exists()


def test_it_refuses_an_org_kind_not_allowed_below_the_parent(world):
    response = api(world.staff).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.COMMITTEE, "name": "错误", "code": "G2"},
        format="json",
    )
    assert response.status_code == 400
    assert "党支部下不能设立二级党委" in detail(response)


def test_it_refuses_a_duplicate_org_code(world):
    response = api(world.staff).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.GROUP, "name": "小组", "code": "T111"},
        format="json",
    )
    assert response.status_code == 400
    assert "code" in response.json()


def test_secretary_cannot_create_orgs(world):
    response = api(world.secretary).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.GROUP, "name": "小组", "code": "G3"},
        format="json",
    )
    assert response.status_code == 403
    assert "权限" in response.json()["detail"]


def test_outsider_cannot_create_below_an_org_out_of_reach(world):
    response = api(world.outsider).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.GROUP, "name": "小组", "code": "G4"},
        format="json",
    )
    assert response.status_code == 400
    assert "不存在或您无权访问" in response.json()["parent"][0]
    assert not Organization.objects.filter(code="G4").exists()


def test_mid_admin_updates_an_org_below(world):
    response = api(world.mid_admin).patch(
        reverse("api:org-detail", args=[world.branch_a.pk]),
        {"short_name": "A支", "region": "北京"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["short_name"] == "A支"
    world.branch_a.refresh_from_db()
    assert world.branch_a.region == "北京"


def test_outsider_cannot_update_an_org_out_of_reach(world):
    response = api(world.outsider).patch(
        reverse("api:org-detail", args=[world.branch_a.pk]), {"name": "x"}, format="json"
    )
    assert response.status_code == 404
    world.branch_a.refresh_from_db()
    assert world.branch_a.name == "支部A"


def test_put_and_delete_are_not_offered(world):
    client = api(world.staff)
    url = reverse("api:org-detail", args=[world.branch_a.pk])
    assert client.put(url, {"name": "x"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405
    assert client.delete(reverse("api:brand-detail", args=[world.brand.pk])).status_code == 405


# Members ---------------------------------------------------------------------------------------


@pytest.fixture
def colleague(world):
    """Another member of 支部A, without an account."""
    return make_member(
        world.branch_a,
        "张同事",
        gender=Gender.FEMALE,
        phone="13900001111",
        id_number="11010119850512002" + _check("11010119850512002"),
        status=MemberStatus.PROBATIONARY,
    )


def _check(first17: str) -> str:
    from partybrand.orgs.validators import id_check_digit

    return id_check_digit(first17)


def _rows_by_id(response) -> dict[int, dict]:
    assert response.status_code == 200, response.content[:300]
    return {row["id"]: row for row in response.json()["results"]}


def test_messages_are_chinese_whatever_the_client_language(world):
    response = api(world.secretary).post(
        reverse("api:member-list"), {}, format="json", HTTP_ACCEPT_LANGUAGE="en-US"
    )
    assert response.status_code == 400
    assert response.json()["name"] == ["该字段是必填项。"]
    response = APIClient().get(reverse("api:brand-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "身份认证信息未提供。"


def test_member_sees_others_masked_and_itself_unmasked(world, colleague):
    response = api(world.member).get(reverse("api:member-list"))
    rows = _rows_by_id(response)
    assert rows[colleague.pk]["phone"] == "139****1111"
    assert rows[colleague.pk]["id_number"] == colleague.id_number_masked
    assert rows[colleague.pk]["personal_visible"] is False
    assert rows[world.member_a.pk]["phone"] == "13812345678"
    assert rows[world.member_a.pk]["id_number"] == world.member_a.id_number
    assert "13900001111" not in response.content.decode()
    assert colleague.id_number not in response.content.decode()


def test_member_detail_of_another_member_is_masked(world, colleague):
    response = api(world.member).get(reverse("api:member-detail", args=[colleague.pk]))
    assert response.status_code == 200
    assert response.json()["phone"] == "139****1111"


def test_browsable_api_edit_form_keeps_personal_data_masked(world, colleague):
    client = Client()
    client.login(username="branchcommittee", password=PASSWORD)
    response = client.get(
        reverse("api:member-detail", args=[colleague.pk]), HTTP_ACCEPT="text/html"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "139****1111" in page
    assert "13900001111" not in page and colleague.id_number not in page


@pytest.mark.parametrize("name", ["api:org-list", "api:member-list", "api:brand-list"])
def test_browsable_api_pages_render(world, name):
    client = Client()
    client.login(username="secretary", password=PASSWORD)
    response = client.get(reverse(name), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]


def test_branch_committee_sees_personal_data_masked(world, colleague):
    response = api(world.branch_committee).get(reverse("api:member-list"))
    assert "13900001111" not in response.content.decode()
    assert "13812345678" not in response.content.decode()


def test_secretary_and_mid_admin_see_personal_data(world, colleague):
    for user in (world.secretary, world.mid_admin):
        rows = _rows_by_id(api(user).get(reverse("api:member-list")))
        assert rows[colleague.pk]["phone"] == "13900001111"
        assert rows[colleague.pk]["id_number"] == colleague.id_number
        assert rows[colleague.pk]["personal_visible"] is True


def test_expert_sees_no_members(world, colleague):
    assert ids(api(world.expert).get(reverse("api:member-list"))) == set()
    response = api(world.expert).get(reverse("api:member-detail", args=[colleague.pk]))
    assert response.status_code == 404


def test_outsider_member_list_does_not_contain_branch_a(world, colleague):
    b_member = make_member(world.branch_b, "乙党员")
    found = ids(api(world.outsider).get(reverse("api:member-list")))
    assert found == {b_member.pk}


def test_outsider_gets_404_for_a_member_of_branch_a(world):
    client = api(world.outsider)
    url = reverse("api:member-detail", args=[world.member_a.pk])
    assert client.get(url).status_code == 404
    assert client.patch(url, {"job_title": "x"}, format="json").status_code == 404


def test_member_filters(world, colleague):
    b_member = make_member(world.branch_b, "乙党员")
    client = api(world.staff)
    url = reverse("api:member-list")
    everyone = {world.member_a.pk, colleague.pk, b_member.pk}
    assert ids(client.get(url)) == everyone
    assert ids(client.get(url, {"org": world.committee_a.pk})) == {world.member_a.pk, colleague.pk}
    assert ids(client.get(url, {"org": world.branch_b.pk})) == {b_member.pk}
    assert ids(client.get(url, {"status": MemberStatus.PROBATIONARY})) == {colleague.pk}
    assert ids(client.get(url, {"gender": Gender.FEMALE})) == {colleague.pk}
    assert ids(client.get(url, {"q": "同事"})) == {colleague.pk}


def test_member_org_filter_out_of_reach_gives_nothing(world, colleague):
    response = api(world.secretary).get(reverse("api:member-list"), {"org": world.group.pk})
    assert ids(response) == set()


def test_secretary_adds_a_member(world):
    response = api(world.secretary).post(
        reverse("api:member-list"),
        {"org": world.branch_a.pk, "name": "陈新", "gender": "F", "phone": "13700000000"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["phone"] == "13700000000"
    assert Member.objects.get(name="陈新").org == world.branch_a


def test_it_rejects_a_bad_phone_number_in_chinese(world):
    response = api(world.secretary).post(
        reverse("api:member-list"),
        {"org": world.branch_a.pk, "name": "陈新", "gender": "F", "phone": "12345"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["phone"] == ["手机号应为 11 位数字，以 1 开头。"]


def test_it_rejects_a_duplicate_id_number(world):
    response = api(world.secretary).post(
        reverse("api:member-list"),
        {
            "org": world.branch_a.pk,
            "name": "陈新",
            "gender": "F",
            "id_number": world.member_a.id_number,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "id_number" in response.json()


def test_members_cannot_be_put_in_a_team(world):
    team = make_org(world.branch_a, "攻坚突击队", OrgKind.TEAM, "TT1")
    response = api(world.secretary).post(
        reverse("api:member-list"),
        {"org": team.pk, "name": "陈新", "gender": "M"},
        format="json",
    )
    assert response.status_code == 400
    assert "专项团队" in detail(response)


def test_member_cannot_edit_even_its_own_record(world):
    response = api(world.member).patch(
        reverse("api:member-detail", args=[world.member_a.pk]), {"job_title": "x"}, format="json"
    )
    assert response.status_code == 403


def test_secretary_updates_a_member_and_the_audit_hides_personal_data(world):
    response = api(world.secretary).patch(
        reverse("api:member-detail", args=[world.member_a.pk]),
        {"job_title": "技术员", "phone": "13600000000"},
        format="json",
    )
    assert response.status_code == 200, response.content
    world.member_a.refresh_from_db()
    assert (world.member_a.job_title, world.member_a.phone) == ("技术员", "13600000000")
    entry = AuditLog.objects.filter(action="member_update").latest("id")
    assert "13600000000" not in json.dumps(entry.changes)


def test_moving_a_member_needs_the_right_over_the_target(world):
    url = reverse("api:member-detail", args=[world.member_a.pk])
    response = api(world.secretary).patch(url, {"org": world.branch_b.pk}, format="json")
    assert response.status_code == 400
    response = api(world.staff).patch(url, {"org": world.branch_b.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["org"] == world.branch_b.pk


# Brands ----------------------------------------------------------------------------------------


def test_brand_list_shows_the_brand(world):
    response = api(world.member).get(reverse("api:brand-list"))
    row = response.json()["results"][0]
    assert row["name"] == "红色引擎"
    assert row["status"] == BrandStatus.DRAFT and row["status_display"] == "创建中"
    assert row["org_name"] == "支部A"


def test_outsider_brand_list_does_not_contain_branch_a(world):
    b_brand = brand_create(actor=world.outsider, org=world.branch_b, name="乙品牌")
    assert ids(api(world.outsider).get(reverse("api:brand-list"))) == {b_brand.pk}


def test_brand_filters(world):
    b_brand = brand_create(actor=world.outsider, org=world.branch_b, name="乙品牌")
    group_brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    client = api(world.staff)
    url = reverse("api:brand-list")
    assert ids(client.get(url)) == {world.brand.pk, b_brand.pk, group_brand.pk}
    assert ids(client.get(url, {"status": "submitted"})) == {world.brand.pk}
    assert ids(client.get(url, {"level": "group"})) == {group_brand.pk}
    assert ids(client.get(url, {"tier": "cultivated"})) == {
        world.brand.pk,
        b_brand.pk,
        group_brand.pk,
    }
    assert ids(client.get(url, {"org": world.committee_b.pk})) == {b_brand.pk}
    assert ids(client.get(url, {"q": "引擎"})) == {world.brand.pk}


def test_brand_detail_carries_the_whole_record(world):
    brand = world.brand
    brand_set_phrases(
        actor=world.secretary, brand=brand, phrases=[("红色", "初心"), ("引擎", "动力")]
    )
    kpi = kpi_create(
        actor=world.secretary,
        brand=brand,
        name="客户满意度",
        unit="%",
        baseline=80,
        baseline_on=date(2024, 1, 1),
        target=95,
    )
    kpi_record_value(actor=world.secretary, kpi=kpi, measured_on=date(2024, 6, 30), value=88)
    honour_add(actor=world.secretary, brand=brand, title="先进基层党组织", level="group", year=2024)
    attachment_add(
        actor=world.secretary,
        brand=brand,
        kind="video",
        title="宣传片",
        url="https://v.example.cn/1",
    )
    response = api(world.member).get(reverse("api:brand-detail", args=[brand.pk]))
    assert response.status_code == 200
    body = response.json()
    assert [p["phrase"] for p in body["phrases"]] == ["红色", "引擎"]
    assert body["kpis"][0]["values"] == [
        {"measured_on": "2024-06-30", "value": "88.00", "note": ""}
    ]
    assert body["honours"][0]["level_display"] == "集团级"
    assert body["attachments"][0]["has_file"] is False
    assert body["events"][0]["label"] == "创建品牌"
    assert body["events"][0]["actor_name"] == "王书记"
    assert body["has_logo"] is False
    assert body["can_edit"] is False
    assert body["available_actions"] == []


def test_available_actions_follow_the_users_role(world):
    url = reverse("api:brand-detail", args=[world.brand.pk])
    actions = api(world.secretary).get(url).json()["available_actions"]
    assert actions == [
        {"action": "submit", "label": "提交申报", "needs_comment": False, "params": []}
    ]
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    names = {a["action"] for a in api(world.mid_admin).get(url).json()["available_actions"]}
    assert names == {"return", "start_review"}
    assert api(world.secretary).get(url).json()["available_actions"] == []


def test_secretary_creates_a_brand(world):
    response = api(world.secretary).post(
        reverse("api:brand-list"), {"org": world.branch_a.pk, "name": " 先锋灯塔 "}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "先锋灯塔"
    assert body["level"] == "branch"
    assert body["status"] == "draft"
    assert body["events"][0]["action"] == "create"
    assert Brand.objects.get(pk=body["id"]).created_by == world.secretary


def test_member_cannot_create_a_brand(world):
    response = api(world.member).post(
        reverse("api:brand-list"), {"org": world.branch_a.pk, "name": "先锋"}, format="json"
    )
    assert response.status_code == 403


def test_brands_cannot_be_created_by_a_party_group(world):
    group = make_org(world.branch_a, "第一党小组", OrgKind.GROUP, "TG1")
    response = api(world.secretary).post(
        reverse("api:brand-list"), {"org": group.pk, "name": "小组品牌"}, format="json"
    )
    assert response.status_code == 400
    assert "党支部及以上" in detail(response)


def test_it_rejects_a_too_long_brand_name(world):
    response = api(world.secretary).patch(
        reverse("api:brand-detail", args=[world.brand.pk]), {"name": "长" * 31}, format="json"
    )
    assert response.status_code == 400
    assert "name" in response.json()


def test_secretary_updates_the_brand(world):
    response = api(world.secretary).patch(
        reverse("api:brand-detail", args=[world.brand.pk]),
        {"slogan": "党建引领发展", "meaning": "以党建为引擎"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["slogan"] == "党建引领发展"
    world.brand.refresh_from_db()
    assert world.brand.meaning == "以党建为引擎"


def test_a_parent_brand_must_belong_to_an_ancestor(world):
    group_brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")
    sibling = brand_create(actor=world.outsider, org=world.branch_b, name="支部B品牌")
    url = reverse("api:brand-detail", args=[world.brand.pk])
    # A brand of another branch is outside the secretary's reach, so it cannot be named.
    response = api(world.secretary).patch(url, {"parent": sibling.pk}, format="json")
    assert response.status_code == 400
    # The group's brand stands above the branch and is the matrix parent it may choose.
    response = api(world.secretary).patch(url, {"parent": group_brand.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["parent_name"] == "集团总品牌"


def test_a_revoked_brand_cannot_be_edited(world):
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.REVOKED)
    response = api(world.secretary).patch(
        reverse("api:brand-detail", args=[world.brand.pk]), {"slogan": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "已摘牌" in detail(response)


def test_outsider_gets_404_for_every_method_on_a_brand(world):
    client = api(world.outsider)
    url = reverse("api:brand-detail", args=[world.brand.pk])
    assert client.get(url).status_code == 404
    assert client.patch(url, {"slogan": "x"}, format="json").status_code == 404
    response = client.post(
        reverse("api:brand-transition", args=[world.brand.pk]), {"action": "submit"}, format="json"
    )
    assert response.status_code == 404
    world.brand.refresh_from_db()
    assert world.brand.status == BrandStatus.DRAFT


# Transitions -----------------------------------------------------------------------------------


def _move(user, brand, **body):
    return api(user).post(reverse("api:brand-transition", args=[brand.pk]), body, format="json")


def test_member_may_not_submit_the_brand(world):
    response = _move(world.member, world.brand, action="submit")
    assert response.status_code == 403
    assert response.json()["detail"] == "您的角色不能对该品牌执行“提交申报”。"


def test_it_refuses_a_move_from_the_wrong_status(world):
    response = _move(world.staff, world.brand, action="approve")
    assert response.status_code == 400
    assert "不能执行“批准立项”" in detail(response)


def test_it_refuses_an_unknown_action(world):
    response = _move(world.secretary, world.brand, action="explode")
    assert response.status_code == 400
    assert "action" in response.json()


def test_returning_needs_a_comment(world):
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    response = _move(world.mid_admin, world.brand, action="return")
    assert response.status_code == 400
    assert "需要填写意见" in detail(response)
    response = _move(world.mid_admin, world.brand, action="return", comment="请补充材料")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response.json()["events"][-1]["comment"] == "请补充材料"


def test_nobody_approves_their_own_level(world):
    brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")
    brand_transition(actor=world.staff, brand=brand, action="submit")
    assert _move(world.staff, brand, action="start_review").status_code == 403


def test_a_brand_walks_its_whole_lifecycle_through_the_api(world):
    brand = world.brand
    today = timezone.localdate()
    steps = [
        (world.secretary, {"action": "submit"}, "submitted"),
        (world.mid_admin, {"action": "start_review"}, "reviewing"),
        (world.staff, {"action": "approve"}, None),  # 立项 is the committee's own decision
        (world.committee_admin, {"action": "approve", "comment": "同意立项"}, "approved"),
        (world.secretary, {"action": "start_cultivation"}, "cultivating"),
        (world.staff, {"action": "start_midterm"}, "midterm"),
        (world.committee_admin, {"action": "pass_midterm"}, "cultivating"),
        (world.branch_committee, {"action": "apply_acceptance"}, None),  # not an owner: 403
        (world.secretary, {"action": "apply_acceptance"}, "accepting"),
        (world.staff, {"action": "accept", "publicity_days": 5}, "publicizing"),
    ]
    for user, body, expected in steps:
        response = _move(user, brand, **body)
        if expected is None:
            assert response.status_code == 403
            continue
        assert response.status_code == 200, (body, response.content)
        assert response.json()["status"] == expected
    assert response.json()["publicity_ends_on"] == (today + timedelta(days=5)).isoformat()

    too_early = today + timedelta(days=2)
    response = _move(
        world.committee_admin,
        brand,
        action="name",
        doc_no="集团党发〔2025〕1号",
        named_on=str(too_early),
    )
    assert response.status_code == 400
    assert "公示期满后方可命名" in detail(response)

    # Five days later the publicity period is over.
    Brand.objects.filter(pk=brand.pk).update(publicity_ends_on=today - timedelta(days=1))
    response = _move(world.committee_admin, brand, action="name", named_on=str(today))
    assert response.status_code == 400
    assert "命名文号" in detail(response)

    response = _move(
        world.committee_admin,
        brand,
        action="name",
        doc_no="集团党发〔2025〕1号",
        named_on=str(today),
        tier="demonstration",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "named"
    assert body["tier"] == "demonstration" and body["doc_no"] == "集团党发〔2025〕1号"
    assert body["next_review_on"] is not None

    response = _move(world.staff, brand, action="rereview", outcome="keep")
    assert response.status_code == 400  # a re-review needs a comment
    response = _move(world.staff, brand, action="rereview", outcome="upgrade", comment="成效突出")
    assert response.status_code == 200
    assert response.json()["tier"] == "flagship"

    events = list(BrandEvent.objects.filter(brand=brand).values_list("action", flat=True))
    assert events == [
        "create",
        "submit",
        "start_review",
        "approve",
        "start_cultivation",
        "start_midterm",
        "pass_midterm",
        "apply_acceptance",
        "accept",
        "name",
        "rereview",
    ]
    assert (
        len(api(world.member).get(reverse("api:brand-detail", args=[brand.pk])).json()["events"])
        == 11
    )


# Query counts ----------------------------------------------------------------------------------


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _assert_constant(client, url, add_rows, expected: int) -> None:
    """5 rows, then 35: the same, pinned number of queries."""
    add_rows(0, 5)
    few = _count_queries(client, url)
    add_rows(5, 35)
    many = _count_queries(client, url)
    assert (few, many) == (expected, expected)


def test_org_list_queries_do_not_grow_with_rows(world):
    def add(start, stop):
        for i in range(start, stop):
            make_org(world.branch_a, f"小组{i}", OrgKind.GROUP, f"Q{i}")

    # token + user, the user's roles, count, rows
    _assert_constant(api(world.staff), reverse("api:org-list"), add, 4)


def test_org_children_queries_do_not_grow_with_rows(world):
    def add(start, stop):
        for i in range(start, stop):
            make_org(world.branch_a, f"小组{i}", OrgKind.GROUP, f"Q{i}")

    url = reverse("api:org-children", args=[world.branch_a.pk])
    # token + user, roles, the parent, count, rows
    _assert_constant(api(world.secretary), url, add, 5)


def test_member_list_queries_do_not_grow_with_rows(world):
    def add(start, stop):
        for i in range(start, stop):
            make_member(world.branch_a, f"党员{i}", phone=f"139{i:08d}")

    for user in (world.secretary, world.member):
        client = api(user)
        # token + user, roles, count, rows with their organisation
        _assert_constant(client, reverse("api:member-list"), add, 4)
        Member.objects.exclude(pk=world.member_a.pk).delete()


def test_brand_list_queries_do_not_grow_with_rows(world):
    group_brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")

    def add(start, stop):
        for i in range(start, stop):
            brand = brand_create(actor=world.secretary, org=world.branch_a, name=f"品牌{i}")
            Brand.objects.filter(pk=brand.pk).update(parent=group_brand)

    # token + user, roles, count, rows with organisation and parent brand
    _assert_constant(api(world.staff), reverse("api:brand-list"), add, 4)


def test_brand_detail_queries_do_not_grow_with_its_parts(world):
    brand = world.brand
    url = reverse("api:brand-detail", args=[brand.pk])

    def add(start, stop):
        for i in range(start, stop):
            kpi = kpi_create(
                actor=world.secretary,
                brand=brand,
                name=f"指标{i}",
                baseline=1,
                baseline_on=date(2024, 1, 1),
                target=2,
            )
            kpi_record_value(actor=world.secretary, kpi=kpi, measured_on=date(2024, 2, 1), value=1)
            honour_add(
                actor=world.secretary, brand=brand, title=f"荣誉{i}", level="group", year=2024
            )
            BrandEvent.objects.create(
                brand=brand, action="x", label="x", to_status="draft", actor=world.staff
            )

    # token + user, roles, the brand, phrases, KPIs, KPI values, honours, attachments, events
    _assert_constant(api(world.secretary), url, add, 9)


# Schema and docs -------------------------------------------------------------------------------


def test_schema_is_openapi_json_listing_the_transition(world):
    response = api(world.member).get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/brands/{id}/transition/" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/auth/token/"]
    assert "put" not in schema["paths"]["/api/v1/orgs/{id}/"]


def test_schema_needs_a_signed_in_user(world):
    assert APIClient().get(reverse("api:schema"), {"format": "json"}).status_code == 401
    assert APIClient().get(reverse("api:docs")).status_code in (401, 403)


def test_schema_generates_without_warnings(db, tmp_path):
    # Raises SchemaGenerationError on any warning and SchemaValidationError on an invalid schema.
    call_command(
        "spectacular",
        urlconf="partybrand.api.urls",
        fail_on_warn=True,
        validate=True,
        file=str(tmp_path / "schema.yaml"),
    )


def test_docs_page_loads_nothing_from_another_host(world):
    client = api(world.member)
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    # The start-up script is a separate request, so the page needs no inline script (CSP).
    script = client.get(reverse("api:docs"), {"script": ""}).content.decode()
    assert '"validatorUrl": null' in script
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_new_user_without_roles_sees_nothing(db):
    user = make_user("nobody")
    client = api(user)
    for name in ("api:org-list", "api:member-list", "api:brand-list"):
        assert ids(client.get(reverse(name))) == set()


def test_full_birth_date_is_personal_data_but_the_year_is_not(world):
    other = make_member(world.branch_a, "钱同志", birth_date=date(1988, 5, 20))
    url = reverse("api:member-detail", args=[other.pk])
    seen_by_member = api(world.member).get(url).json()
    assert (seen_by_member["birth_date"], seen_by_member["birth_year"]) == (None, 1988)
    assert api(world.secretary).get(url).json()["birth_date"] == "1988-05-20"
