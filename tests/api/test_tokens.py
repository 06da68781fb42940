"""The life of an API token: it expires after PARTYBRAND_TOKEN_DAYS, ends when its owner's
password changes (however it is changed) or the account is deactivated, but not when Django only
re-hashes the same password; its owner lists and revokes their own tokens, never another's; and
issuing and revoking are audited under Chinese labels."""

from datetime import timedelta

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.core.audit_registry import action_label
from partybrand.core.models import ApiToken, AuditLog, User
from partybrand.core.tokens import token_issue
from tests.factories import PASSWORD, make_user
from tests.helpers import api_client, client_for, moving_clock

NEW_PASSWORD = "Fresh-pass-2026!"


def keyed_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def works(client) -> bool:
    status = client.get(reverse("api:brand-list")).status_code
    assert status in (200, 401), status
    return status == 200


def issued(user, name="脚本"):
    return token_issue(actor=user, user=user, name=name)


# Expiry ----------------------------------------------------------------------------------------


def test_a_token_expires_after_the_configured_days(world, settings, monkeypatch):
    settings.TOKEN_DAYS = 30
    now = moving_clock(monkeypatch)
    token, key = issued(world.secretary)
    assert token.created_at == now.moment
    assert token.expires_at - token.created_at == timedelta(days=30)
    client = keyed_client(key)
    now.advance(30 * 86400 - 1)
    assert works(client)
    now.advance(1)
    assert not works(client)
    rows = api_client(world.secretary).get(reverse("api:auth-token-list")).json()["results"]
    assert {row["name"]: row["status"] for row in rows}["脚本"] == "已过期"


def test_last_use_is_recorded_at_most_once_a_minute(world, monkeypatch):
    now = moving_clock(monkeypatch)
    token, key = issued(world.secretary)
    client = keyed_client(key)
    assert works(client)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first == now.moment
    now.advance(30)
    assert works(client)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    now.advance(30)
    assert works(client)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now.moment


# A new password or a deactivated account ends every token --------------------------------------


def test_a_password_set_and_saved_ends_every_token(world):
    clients = [keyed_client(issued(world.secretary, name)[1]) for name in ("甲", "乙")]
    other = keyed_client(issued(world.member)[1])
    user = User.objects.get(pk=world.secretary.pk)
    user.set_password(NEW_PASSWORD)
    user.save()
    assert not any(works(client) for client in clients)
    assert works(other)
    reasons = set(ApiToken.objects.filter(user=world.secretary).values_list("revoked_reason"))
    assert reasons == {("密码已修改",)}


def test_a_password_reset_through_djangos_form_ends_every_token(world):
    client = keyed_client(issued(world.secretary)[1])
    form = SetPasswordForm(
        world.secretary, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert not works(client)


def test_a_password_set_in_the_admin_ends_every_token(world):
    root = make_user("root", is_superuser=True, is_staff=True)
    client = keyed_client(issued(world.secretary)[1])
    admin = client_for(root)
    url = reverse("admin:auth_user_password_change", args=[world.secretary.pk])
    response = admin.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    assert response.status_code == 302, response.content[:500]
    assert not works(client)


@pytest.mark.parametrize("update_fields", [None, ["password"]])
def test_an_unusable_password_ends_every_token(world, update_fields):
    """E.g. an account handed to the directory, saved with only its password."""
    client = keyed_client(issued(world.secretary)[1])
    world.secretary.set_unusable_password()
    world.secretary.save(update_fields=update_fields)
    assert not works(client)


def test_a_rehash_of_the_same_password_at_sign_in_keeps_the_tokens(world, settings):
    client = keyed_client(issued(world.secretary)[1])
    # A stronger hasher first in the list: Django upgrades the stored hash at the next sign-in.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    before = User.objects.get(pk=world.secretary.pk).password
    assert Client().login(username="secretary", password=PASSWORD)
    assert User.objects.get(pk=world.secretary.pk).password != before
    assert works(client)


def test_saving_other_fields_keeps_the_tokens(world):
    client = keyed_client(issued(world.secretary)[1])
    world.secretary.display_name = "张书记"
    world.secretary.save()
    world.secretary.save(update_fields=["display_name"])
    assert works(client)


# One's own tokens through the API ---------------------------------------------------------------


def test_a_person_lists_only_their_own_tokens_and_which_one_is_in_use(world):
    issued(world.member, "别人的")
    issued(world.secretary, "另一个")
    own, key = issued(world.secretary, "这一个")
    rows = keyed_client(key).get(reverse("api:auth-token-list")).json()["results"]
    assert [(row["name"], row["current"]) for row in rows] == [("这一个", True), ("另一个", False)]
    assert rows[0]["prefix"] == own.prefix and "digest" not in rows[0] and key not in str(rows)
    other = ApiToken.objects.get(user=world.member)
    url = reverse("api:auth-token-revoke", args=[other.pk])
    assert keyed_client(key).post(url).status_code == 404
    assert ApiToken.objects.get(pk=other.pk).revoked_at is None


def test_revoking_a_token_ends_it_at_once_and_is_audited(world):
    token, key = issued(world.secretary)
    manager = api_client(world.secretary)
    response = manager.post(reverse("api:auth-token-revoke", args=[token.pk]))
    assert response.status_code == 200 and response.json()["status"] == "已撤销"
    assert not works(keyed_client(key))
    row = AuditLog.objects.get(action="token_revoke")
    assert row.actor == world.secretary and action_label(row.action) == "撤销 API 令牌"
    assert action_label("token_issue") == "签发 API 令牌"
    assert AuditLog.objects.filter(action="token_issue", object_id=str(token.pk)).exists()


def test_revoke_all_ends_every_live_token_including_the_one_in_use(world):
    keys = [issued(world.secretary, name)[1] for name in ("甲", "乙", "丙")]
    client = keyed_client(keys[0])
    response = client.post(reverse("api:auth-token-revoke-all"))
    assert response.json() == {"revoked": 3}
    assert not any(works(keyed_client(key)) for key in keys)


def test_a_session_may_list_its_tokens_but_the_token_endpoint_needs_the_password(world):
    issued(world.secretary)
    session = client_for(world.secretary)
    assert session.get(reverse("api:auth-token-list")).json()["count"] == 1
    answer = APIClient().post(reverse("api:token"), {"username": "secretary"}, format="json")
    assert answer.status_code == 400


def test_the_openapi_description_documents_expiry_and_the_token_list(world):
    schema = api_client(world.member).get(reverse("api:schema"), {"format": "json"}).json()
    answer = schema["components"]["schemas"]["Token"]["properties"]
    assert {"token", "expires_at"} <= set(answer)
    assert "/api/v1/auth/tokens/" in schema["paths"]
    assert "/api/v1/auth/tokens/{id}/revoke/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"
