"""Getting into the REST API under /api/v1/: tokens issued and refused, anonymous callers sent
away with 401, failures on the token endpoint locking the user name or the address, and a user
without roles seeing nothing."""

import hashlib
from datetime import datetime

from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.core.models import ApiToken
from tests.factories import PASSWORD, make_user
from tests.helpers import api_client

TOKEN_URL = "/api/v1/auth/token/"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


# Tokens and throttling -------------------------------------------------------------------------


def test_it_issues_a_token_that_authenticates_requests_and_keeps_only_its_hash(world):
    response = APIClient().post(TOKEN_URL, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    token = body["token"]
    stored = ApiToken.objects.get(user=world.secretary)
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(ApiToken.objects.values()))
    assert token.startswith(stored.prefix) and len(stored.prefix) == 11
    assert datetime.fromisoformat(body["expires_at"]) == stored.expires_at
    assert response["Cache-Control"] == "no-store"

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(reverse("api:brand-list")).status_code == 200


def test_each_request_issues_a_new_token_and_both_work(world):
    first = APIClient().post(TOKEN_URL, {"username": "secretary", "password": PASSWORD})
    second = APIClient().post(
        TOKEN_URL, {"username": "secretary", "password": PASSWORD, "name": "同步脚本"}
    )
    assert first.json()["token"] != second.json()["token"]
    assert sorted(ApiToken.objects.values_list("name", flat=True)) == ["同步脚本", "接口令牌"]
    for answer in (first, second):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
        assert client.get(reverse("api:brand-list")).status_code == 200


def test_it_refuses_a_wrong_password_in_chinese(world):
    response = APIClient().post(TOKEN_URL, {"username": "secretary", "password": "wrong"})
    assert response.status_code == 400
    assert response.json()["detail"] == "用户名或密码错误。"
    assert not ApiToken.objects.exists()


def test_it_requires_username_and_password(world):
    response = APIClient().post(TOKEN_URL, {"username": "secretary"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()
    assert not ApiToken.objects.exists()


def test_inactive_user_gets_no_token(world):
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    response = APIClient().post(TOKEN_URL, {"username": "member", "password": PASSWORD})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_token_of_a_deactivated_user_stops_working(world):
    client = api_client(world.member)
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    response = client.get(reverse("api:brand-list"))
    assert response.status_code == 401
    assert response.json()["detail"] == "令牌无效、已过期或已撤销，请重新获取。"
    token = ApiToken.objects.get(user=world.member)
    assert token.revoked_at is not None and token.revoked_reason == "账户已停用"
    world.member.is_active = True  # reactivated: the token stays ended
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
    assert not ApiToken.objects.filter(user=world.secretary).exists()
    # Other users are not affected.
    response = APIClient(REMOTE_ADDR="10.0.1.1").post(
        TOKEN_URL, {"username": "member", "password": PASSWORD}
    )
    assert response.status_code == 200


def test_failures_of_others_at_one_address_do_not_refuse_a_colleagues_right_password(world):
    client = APIClient(REMOTE_ADDR="10.9.9.9")
    for name in ["a1", "a2", "a3", "a4", "a5", "member", "member", "member", "member", "member"]:
        assert client.post(TOKEN_URL, {"username": name, "password": "bad"}).status_code == 400
    assert client.post(TOKEN_URL, {"username": "member", "password": PASSWORD}).status_code == 429
    response = client.post(TOKEN_URL, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 200


def test_many_names_failing_from_one_address_lock_it_for_names_new_there(world, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    client = APIClient(REMOTE_ADDR="10.9.9.9")
    for name in ["a1", "a2", "a3", "a4", "a5"]:
        assert client.post(TOKEN_URL, {"username": name, "password": "bad"}).status_code == 400
    response = client.post(TOKEN_URL, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    other = APIClient(REMOTE_ADDR="10.9.9.10")
    assert other.post(TOKEN_URL, {"username": "secretary", "password": PASSWORD}).status_code == 200


def test_a_success_forgets_the_users_failures_but_not_the_addresss(world, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
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
    # The name that signed in keeps no failures; the address keeps the others'.
    client = APIClient(REMOTE_ADDR="10.1.0.2")
    for name in ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10"]:
        client.post(TOKEN_URL, {"username": name, "password": "x"})
    assert client.post(TOKEN_URL, {"username": "member", "password": PASSWORD}).status_code == 429
    assert (
        client.post(TOKEN_URL, {"username": "secretary", "password": PASSWORD}).status_code == 200
    )


def test_new_user_without_roles_sees_nothing(db):
    user = make_user("nobody")
    client = api_client(user)
    for name in ("api:org-list", "api:member-list", "api:brand-list"):
        assert ids(client.get(reverse(name))) == set()
