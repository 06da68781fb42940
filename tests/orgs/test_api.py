"""Organisations and members through /api/v1/: scoped to the user's subtree, filtered and
paginated, created and changed only by those allowed; personal data masked for everyone but
those who manage the member; list queries do not grow with the rows."""

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from partybrand.core.models import AuditLog
from partybrand.orgs.choices import Gender, MemberStatus, OrgKind
from partybrand.orgs.models import Member, Organization
from tests.factories import PASSWORD, make_member, make_org
from tests.helpers import api_client, assert_queries_flat


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


def detail(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


# Organisations ---------------------------------------------------------------------------------


def test_orgs_are_scoped_to_the_users_subtree(world):
    assert ids(api_client(world.secretary).get(reverse("api:org-list"))) == {world.branch_a.pk}
    assert ids(api_client(world.mid_admin).get(reverse("api:org-list"))) == {
        world.committee_a.pk,
        world.general_branch.pk,
        world.branch_a.pk,
    }
    assert len(ids(api_client(world.staff).get(reverse("api:org-list")))) == 6


def test_outsider_org_list_does_not_contain_branch_a(world):
    found = ids(api_client(world.outsider).get(reverse("api:org-list")))
    assert found == {world.branch_b.pk}


def test_org_filters(world):
    client = api_client(world.staff)
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
    response = api_client(world.staff).get(reverse("api:org-list"), {"page_size": 4})
    body = response.json()
    assert body["count"] == 6
    assert len(body["results"]) == 4
    assert body["next"] is not None and body["previous"] is None
    second = (
        api_client(world.staff).get(reverse("api:org-list"), {"page_size": 4, "page": 2}).json()
    )
    assert len(second["results"]) == 2
    assert api_client(world.staff).get(reverse("api:org-list"), {"page": 9}).status_code == 404


def test_org_detail_shows_the_org(world):
    response = api_client(world.secretary).get(reverse("api:org-detail", args=[world.branch_a.pk]))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "支部A"
    assert body["kind_display"] == "党支部"
    assert body["parent_name"] == "甲公司机关党总支"


def test_org_children_lists_direct_children_only(world):
    client = api_client(world.staff)
    found = ids(client.get(reverse("api:org-children", args=[world.group.pk])))
    assert found == {world.committee_a.pk, world.committee_b.pk}
    children = client.get(reverse("api:org-children", args=[world.group.pk])).json()["results"]
    assert all(row["child_count"] == 1 for row in children)
    assert ids(client.get(reverse("api:org-children", args=[world.branch_a.pk]))) == set()


def test_org_children_of_an_org_out_of_reach_is_404(world):
    response = api_client(world.secretary).get(reverse("api:org-children", args=[world.group.pk]))
    assert response.status_code == 404


def test_staff_creates_an_org_below_a_parent(world):
    response = api_client(world.staff).post(
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
    response = api_client(world.staff).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.COMMITTEE, "name": "错误", "code": "G2"},
        format="json",
    )
    assert response.status_code == 400
    assert "党支部下不能设立二级党委" in detail(response)
    assert not Organization.objects.filter(code="G2").exists()


def test_it_refuses_a_duplicate_org_code(world):
    response = api_client(world.staff).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.GROUP, "name": "小组", "code": "T111"},
        format="json",
    )
    assert response.status_code == 400
    assert "code" in response.json()
    assert Organization.objects.get(code="T111").name == "支部A"
    assert not Organization.objects.filter(name="小组").exists()


def test_secretary_cannot_create_orgs(world):
    response = api_client(world.secretary).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.GROUP, "name": "小组", "code": "G3"},
        format="json",
    )
    assert response.status_code == 403
    assert "权限" in response.json()["detail"]
    assert not Organization.objects.filter(code="G3").exists()


def test_outsider_cannot_create_below_an_org_out_of_reach(world):
    response = api_client(world.outsider).post(
        reverse("api:org-list"),
        {"parent": world.branch_a.pk, "kind": OrgKind.GROUP, "name": "小组", "code": "G4"},
        format="json",
    )
    assert response.status_code == 400
    assert "不存在或您无权访问" in response.json()["parent"][0]
    assert not Organization.objects.filter(code="G4").exists()


def test_mid_admin_updates_an_org_below(world):
    response = api_client(world.mid_admin).patch(
        reverse("api:org-detail", args=[world.branch_a.pk]),
        {"short_name": "A支", "region": "北京"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["short_name"] == "A支"
    world.branch_a.refresh_from_db()
    assert world.branch_a.region == "北京"


def test_outsider_cannot_update_an_org_out_of_reach(world):
    response = api_client(world.outsider).patch(
        reverse("api:org-detail", args=[world.branch_a.pk]), {"name": "x"}, format="json"
    )
    assert response.status_code == 404
    world.branch_a.refresh_from_db()
    assert world.branch_a.name == "支部A"


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


def test_member_sees_others_masked_and_itself_unmasked(world, colleague):
    response = api_client(world.member).get(reverse("api:member-list"))
    rows = _rows_by_id(response)
    assert rows[colleague.pk]["phone"] == "139****1111"
    assert rows[colleague.pk]["id_number"] == colleague.id_number_masked
    assert rows[colleague.pk]["personal_visible"] is False
    assert rows[world.member_a.pk]["phone"] == "13812345678"
    assert rows[world.member_a.pk]["id_number"] == world.member_a.id_number
    assert "13900001111" not in response.content.decode()
    assert colleague.id_number not in response.content.decode()


def test_member_detail_of_another_member_is_masked(world, colleague):
    response = api_client(world.member).get(reverse("api:member-detail", args=[colleague.pk]))
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


def test_branch_committee_sees_personal_data_masked(world, colleague):
    response = api_client(world.branch_committee).get(reverse("api:member-list"))
    assert "13900001111" not in response.content.decode()
    assert "13812345678" not in response.content.decode()


def test_secretary_and_mid_admin_see_personal_data(world, colleague):
    for user in (world.secretary, world.mid_admin):
        rows = _rows_by_id(api_client(user).get(reverse("api:member-list")))
        assert rows[colleague.pk]["phone"] == "13900001111"
        assert rows[colleague.pk]["id_number"] == colleague.id_number
        assert rows[colleague.pk]["personal_visible"] is True


def test_expert_sees_no_members(world, colleague):
    assert ids(api_client(world.expert).get(reverse("api:member-list"))) == set()
    response = api_client(world.expert).get(reverse("api:member-detail", args=[colleague.pk]))
    assert response.status_code == 404


def test_outsider_member_list_does_not_contain_branch_a(world, colleague):
    b_member = make_member(world.branch_b, "乙党员")
    found = ids(api_client(world.outsider).get(reverse("api:member-list")))
    assert found == {b_member.pk}


def test_outsider_gets_404_for_a_member_of_branch_a(world):
    client = api_client(world.outsider)
    url = reverse("api:member-detail", args=[world.member_a.pk])
    assert client.get(url).status_code == 404
    assert client.patch(url, {"job_title": "x"}, format="json").status_code == 404
    world.member_a.refresh_from_db()
    assert world.member_a.job_title == ""


def test_member_filters(world, colleague):
    b_member = make_member(world.branch_b, "乙党员")
    client = api_client(world.staff)
    url = reverse("api:member-list")
    everyone = {world.member_a.pk, colleague.pk, b_member.pk}
    assert ids(client.get(url)) == everyone
    assert ids(client.get(url, {"org": world.committee_a.pk})) == {world.member_a.pk, colleague.pk}
    assert ids(client.get(url, {"org": world.branch_b.pk})) == {b_member.pk}
    assert ids(client.get(url, {"status": MemberStatus.PROBATIONARY})) == {colleague.pk}
    assert ids(client.get(url, {"gender": Gender.FEMALE})) == {colleague.pk}
    assert ids(client.get(url, {"q": "同事"})) == {colleague.pk}


def test_member_org_filter_out_of_reach_gives_nothing(world, colleague):
    response = api_client(world.secretary).get(reverse("api:member-list"), {"org": world.group.pk})
    assert ids(response) == set()


def test_secretary_adds_a_member(world):
    response = api_client(world.secretary).post(
        reverse("api:member-list"),
        {"org": world.branch_a.pk, "name": "陈新", "gender": "F", "phone": "13700000000"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["phone"] == "13700000000"
    assert Member.objects.get(name="陈新").org == world.branch_a


def test_it_rejects_a_bad_phone_number_in_chinese(world):
    response = api_client(world.secretary).post(
        reverse("api:member-list"),
        {"org": world.branch_a.pk, "name": "陈新", "gender": "F", "phone": "12345"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["phone"] == ["手机号应为 11 位数字，以 1 开头。"]
    assert not Member.objects.filter(name="陈新").exists()


def test_it_rejects_a_duplicate_id_number(world):
    response = api_client(world.secretary).post(
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
    assert not Member.objects.filter(name="陈新").exists()


def test_members_cannot_be_put_in_a_team(world):
    team = make_org(world.branch_a, "攻坚突击队", OrgKind.TEAM, "TT1")
    response = api_client(world.secretary).post(
        reverse("api:member-list"),
        {"org": team.pk, "name": "陈新", "gender": "M"},
        format="json",
    )
    assert response.status_code == 400
    assert "专项团队" in detail(response)
    assert not Member.objects.filter(name="陈新").exists()


def test_member_cannot_edit_even_its_own_record(world):
    response = api_client(world.member).patch(
        reverse("api:member-detail", args=[world.member_a.pk]), {"job_title": "x"}, format="json"
    )
    assert response.status_code == 403
    world.member_a.refresh_from_db()
    assert world.member_a.job_title == ""


def test_secretary_updates_a_member_and_the_audit_hides_personal_data(world):
    response = api_client(world.secretary).patch(
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
    response = api_client(world.secretary).patch(url, {"org": world.branch_b.pk}, format="json")
    assert response.status_code == 400
    assert Member.objects.get(pk=world.member_a.pk).org == world.branch_a
    response = api_client(world.staff).patch(url, {"org": world.branch_b.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["org"] == world.branch_b.pk


# Query counts ----------------------------------------------------------------------------------


def _assert_constant(client, url, add_rows, expected: int) -> None:
    """5 rows, then 35: the same, pinned number of queries."""
    add_rows(0, 5)
    queries = assert_queries_flat(
        lambda: add_rows(5, 35), lambda: client.get(url, {"page_size": 200})
    )
    assert queries == expected


def test_org_list_queries_do_not_grow_with_rows(world):
    def add(start, stop):
        for i in range(start, stop):
            make_org(world.branch_a, f"小组{i}", OrgKind.GROUP, f"Q{i}")

    # token + user, the user's roles, count, rows
    _assert_constant(api_client(world.staff), reverse("api:org-list"), add, 4)


def test_org_children_queries_do_not_grow_with_rows(world):
    def add(start, stop):
        for i in range(start, stop):
            make_org(world.branch_a, f"小组{i}", OrgKind.GROUP, f"Q{i}")

    url = reverse("api:org-children", args=[world.branch_a.pk])
    # token + user, roles, the parent, count, rows
    _assert_constant(api_client(world.secretary), url, add, 5)


def test_member_list_queries_do_not_grow_with_rows(world):
    def add(start, stop):
        for i in range(start, stop):
            make_member(world.branch_a, f"党员{i}", phone=f"139{i:08d}")

    for user in (world.secretary, world.member):
        client = api_client(user)
        # token + user, roles, count, rows with their organisation
        _assert_constant(client, reverse("api:member-list"), add, 4)
        Member.objects.exclude(pk=world.member_a.pk).delete()


def test_full_birth_date_is_personal_data_but_the_year_is_not(world):
    other = make_member(world.branch_a, "钱同志", birth_date=date(1988, 5, 20))
    url = reverse("api:member-detail", args=[other.pk])
    seen_by_member = api_client(world.member).get(url).json()
    assert (seen_by_member["birth_date"], seen_by_member["birth_year"]) == (None, 1988)
    assert api_client(world.secretary).get(url).json()["birth_date"] == "1988-05-20"
