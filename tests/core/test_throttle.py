"""Login throttling holds on every way in and cannot be reset or sidestepped."""

from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, make_user


def _post_login(client, username, password, url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password})


def test_admin_login_is_throttled_like_the_sign_in_page(world, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    make_user("root", is_superuser=True, is_staff=True)
    client = Client()
    admin_login = reverse("admin:login")
    for _ in range(3):
        _post_login(client, "root", "wrong", admin_login)
    _post_login(client, "root", PASSWORD, admin_login)
    assert "_auth_user_id" not in client.session
    assert _post_login(Client(), "root", PASSWORD).status_code == 429


def test_a_full_width_user_name_is_the_same_locked_account(world, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        _post_login(Client(), "secretary", "wrong")
    response = _post_login(Client(), "ｓecretary", PASSWORD)  # noqa: RUF001
    assert response.status_code == 429


def test_one_valid_account_does_not_reset_the_address_count(world, settings):
    settings.LOGIN_FAILURE_LIMIT = 4
    client = Client()
    guesses = 0
    for victim in ("staff", "expert", "midadmin", "outsider", "member"):
        _post_login(client, victim, "guess")
        guesses += 1
        _post_login(Client(), "secretary", PASSWORD)  # the attacker's own account, same address
    assert guesses == 5
    assert _post_login(client, "branchcommittee", PASSWORD).status_code == 429


def test_a_locked_attempt_checks_no_password(world, settings, monkeypatch):
    settings.LOGIN_FAILURE_LIMIT = 1
    _post_login(Client(), "secretary", "wrong")
    checked = []
    from partybrand.core.models import User

    original = User.check_password
    monkeypatch.setattr(User, "check_password", lambda self, raw: checked.append(raw) or original)
    assert _post_login(Client(), "secretary", PASSWORD).status_code == 429
    assert checked == []
