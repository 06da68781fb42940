"""Committee staff give members of their roll a login, one at a time or in bulk; the temporary
passwords are shown once and downloadable once, and must be changed at first sign-in."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.accounts.credentials import name_to_username, unique_username
from partybrand.core.models import AuditLog, User
from partybrand.orgs.models import RoleAssignment
from tests.factories import make_member, make_user
from tests.helpers import api_client, login


def _issued_url(response) -> str:
    assert response.status_code == 302, response.content[:300]
    assert "/accounts/issued/" in response["Location"]
    return response["Location"]


def test_username_is_the_names_pinyin_made_unique(db):
    assert name_to_username("张三") == "zhangsan"
    assert name_to_username("吕绿") == "lvlv"
    make_user("zhangsan")
    make_user("zhangsan2")
    assert unique_username("张三") == "zhangsan3"
    assert unique_username("张三", {"zhangsan3"}) == "zhangsan4"


def test_staff_creates_a_login_for_a_member_and_sees_the_password_once(world):
    member = make_member(world.branch_a, "张三")
    client = login(world, "staff")
    page = client.get(reverse("accounts:login_create", args=[member.pk]))
    assert page.status_code == 200
    assert 'value="zhangsan"' in page.content.decode()

    response = client.post(
        reverse("accounts:login_create", args=[member.pk]),
        {"username": "zhangsan", "email": "zs@example.com"},
    )
    issued = client.get(_issued_url(response))
    text = issued.content.decode()
    user = User.objects.get(username="zhangsan")
    member.refresh_from_db()
    assert member.user == user and user.must_change_password and user.email == "zs@example.com"
    password = text.split('data-testid="issued-password">')[1].split("<")[0]
    assert user.check_password(password) and len(password) >= 12
    # the member may sign in as a 党员 of their branch
    assert RoleAssignment.objects.filter(user=user, org=world.branch_a).exists()
    # shown once: the page again shows no password
    again = client.get(_issued_url(response)).content.decode()
    assert password not in again and "不再显示" in again
    # no audit row holds it
    rows = AuditLog.objects.filter(object_type="core.user", object_id=str(user.pk))
    assert rows.filter(action="account_create").count() == 1
    assert not any(password in str(row.changes) + row.comment for row in AuditLog.objects.all())


def test_a_taken_username_is_refused_and_nothing_is_created(world):
    member = make_member(world.branch_a, "张三")
    client = login(world, "staff")
    response = client.post(
        reverse("accounts:login_create", args=[member.pk]), {"username": "secretary"}
    )
    assert response.status_code == 400
    assert "已被使用" in response.content.decode()
    member.refresh_from_db()
    assert member.user is None


def test_bulk_creation_for_the_ticked_members_and_a_one_time_download(world):
    first = make_member(world.branch_a, "王芳")
    second = make_member(world.branch_a, "王芳")
    make_member(world.branch_b, "外支部")  # outside the mid admin's subtree
    client = login(world, "mid_admin")
    page = client.get(reverse("accounts:member_logins"), {"org": world.branch_a.pk})
    text = page.content.decode()
    assert "王芳" in text and "外支部" not in text
    response = client.post(
        reverse("accounts:member_logins") + f"?org={world.branch_a.pk}",
        {"members": [first.pk, second.pk]},
    )
    url = _issued_url(response)
    assert sorted(
        User.objects.filter(member__in=[first, second]).values_list("username", flat=True)
    ) == [
        "wangfang",
        "wangfang2",
    ]
    assert client.get(url).status_code == 200
    download = client.get(url + "download.xlsx")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [row[2] for row in rows] == ["wangfang", "wangfang2"]
    user = User.objects.get(username=rows[0][2])
    assert user.check_password(rows[0][3])
    assert sheet["A2"].value == "姓名"
    # once only
    assert client.get(url + "download.xlsx").status_code == 404
    assert AuditLog.objects.filter(action="account_bulk_create").count() == 2


def test_the_member_signs_in_with_the_temporary_password_and_must_change_it(world):
    member = make_member(world.branch_a, "张三")
    staff = login(world, "staff")
    url = _issued_url(
        staff.post(reverse("accounts:login_create", args=[member.pk]), {"username": "zhangsan"})
    )
    password = staff.get(url).content.decode().split('data-testid="issued-password">')[1]
    password = password.split("<")[0]
    person = Client()
    assert person.login(username="zhangsan", password=password)
    response = person.get(reverse("brands:brand_list"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:password_change"
    )
    page = person.get(reverse("accounts:password_change"))
    assert "临时密码" in page.content.decode()
    api = person.get("/api/v1/brands/")
    assert api.status_code == 403
    assert "临时密码" in api.json()["detail"]
    changed = person.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "Hongqi-2026!",
            "new_password2": "Hongqi-2026!",
        },
    )
    assert changed.status_code == 302
    assert person.get(reverse("brands:brand_list")).status_code == 200
    assert not User.objects.get(username="zhangsan").must_change_password


def test_members_outside_the_subtree_cannot_be_given_a_login(world):
    member = make_member(world.branch_b, "外支部")
    response = login(world, "mid_admin").post(
        reverse("accounts:login_create", args=[member.pk]), {"username": "waizhibu"}
    )
    assert response.status_code == 404
    member.refresh_from_db()
    assert member.user is None


@pytest.mark.parametrize("persona", ["secretary", "member", "expert"])
def test_people_who_do_not_manage_accounts_are_refused(world, persona):
    member = make_member(world.branch_a, "张三")
    client = login(world, persona)
    assert client.get(reverse("accounts:account_list")).status_code == 403
    response = client.post(reverse("accounts:member_logins"), {"members": [member.pk]})
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.user is None


def test_suggested_usernames_ignore_case_when_avoiding_taken_ones(db):
    make_user("ZhangSan")
    assert unique_username("张三") == "zhangsan2"


def test_the_api_refuses_an_account_with_a_temporary_password_even_with_a_token(world):
    User.objects.filter(pk=world.member.pk).update(must_change_password=True)
    response = api_client(world.member).get("/api/v1/brands/")
    assert response.status_code == 403
    assert response.json() == {"detail": "您正在使用临时密码，请先登录平台修改密码后再使用接口。"}
    User.objects.filter(pk=world.member.pk).update(must_change_password=False)
    assert api_client(world.member).get("/api/v1/brands/").status_code == 200


def test_the_member_page_leads_staff_to_the_account_or_to_giving_one(world):
    member = make_member(world.branch_a, "张三")
    staff = login(world, "staff")
    page = staff.get(reverse("orgs:member_detail", args=[member.pk])).content.decode()
    assert reverse("accounts:login_create", args=[member.pk]) in page
    page = staff.get(reverse("orgs:member_detail", args=[world.member_a.pk])).content.decode()
    assert reverse("accounts:account_detail", args=[world.member.pk]) in page
    secretary = login(world, "secretary")
    page = secretary.get(reverse("orgs:member_detail", args=[member.pk])).content.decode()
    assert "开通账号" not in page
