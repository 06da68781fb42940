"""Login throttling holds on every way in and cannot be reset or sidestepped; its limit comes
from settings, and the client's address is taken only from what our proxy appended."""

from django.test import Client
from django.urls import reverse

from partybrand.core.throttle import attempt_allowed, client_ip, locked
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


def test_login_is_throttled_after_repeated_failures(world, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    url = reverse("login")
    for _ in range(3):
        assert client.post(url, {"username": "secretary", "password": "wrong"}).status_code == 200
    response = client.post(url, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


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
