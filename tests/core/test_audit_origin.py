"""Audit rows say where a change came from (等保): the client's address and browser, from the
request being served, for every service without passing them; signing in, failing to and
signing out are recorded; work outside a request leaves the address empty."""

import pytest
from django.test import Client
from django.urls import reverse

from partybrand.brands.transitions import brand_transition
from partybrand.core.audit_registry import action_label
from partybrand.core.models import AuditLog
from tests.helpers import PASSWORD, api_client, client_for

pytestmark = pytest.mark.django_db

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)


def sign_in(username: str, password: str, **headers):
    client = Client(**headers)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


def test_a_change_made_on_a_page_records_the_address_and_browser(world):
    client = Client(REMOTE_ADDR="10.8.1.23", HTTP_USER_AGENT=CHROME)
    assert client.login(username=world.secretary.username, password=PASSWORD)
    url = reverse("brands:brand_transition", args=[world.brand.pk])
    assert client.post(url, {"action": "submit"}).status_code == 302
    row = AuditLog.objects.get(action="brand_submit")
    assert (row.ip_address, row.user_agent) == ("10.8.1.23", CHROME)


def test_an_api_change_records_them_too(world):
    client = api_client(world.secretary)
    url = reverse("api:brand-transition", args=[world.brand.pk])
    response = client.post(
        url, {"action": "submit"}, format="json", REMOTE_ADDR="10.8.1.24", HTTP_USER_AGENT="curl/8"
    )
    assert response.status_code == 200, response.content
    row = AuditLog.objects.get(action="brand_submit")
    assert (row.ip_address, row.user_agent) == ("10.8.1.24", "curl/8")


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(world, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.9.0.7")
    assert client.login(username=world.secretary.username, password=PASSWORD)
    client.post(reverse("brands:brand_transition", args=[world.brand.pk]), {"action": "submit"})
    assert AuditLog.objects.get(action="brand_submit").ip_address == "10.9.0.7"


def test_a_long_or_unprintable_browser_is_cut_and_cleaned(world):
    agent = "Evil\x1b[31m\u202eBrowser/" + "x" * 400
    client = Client(REMOTE_ADDR="not-an-address", HTTP_USER_AGENT=agent)
    assert client.login(username=world.secretary.username, password=PASSWORD)
    client.post(reverse("brands:brand_transition", args=[world.brand.pk]), {"action": "submit"})
    row = AuditLog.objects.get(action="brand_submit")
    assert row.ip_address == ""  # what does not parse as an address is not kept
    assert row.user_agent.startswith("Evil[31mBrowser/xxx") and len(row.user_agent) == 255


def test_work_outside_a_request_records_no_origin(world):
    # A request served before leaves nothing behind for work done afterwards (a command).
    Client(REMOTE_ADDR="10.8.1.25", HTTP_USER_AGENT=CHROME).get(reverse("login"))
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    row = AuditLog.objects.get(action="brand_submit")
    assert (row.ip_address, row.user_agent) == ("", "")


def test_signing_in_is_recorded_under_the_users_organisation(world):
    _client, response = sign_in(
        world.member.username, PASSWORD, REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT=CHROME
    )
    assert response.status_code == 302
    row = AuditLog.objects.get(action="user_login")
    assert row.actor == world.member and row.object_id == str(world.member.pk)
    assert row.org_path == world.branch_a.path  # the member's place on the rolls
    assert (row.ip_address, row.user_agent) == ("10.1.2.3", CHROME)


def test_staff_without_a_place_on_the_rolls_sign_in_under_their_roles_organisation(world):
    sign_in(world.staff.username, PASSWORD)
    assert AuditLog.objects.get(action="user_login").org_path == world.group.path


def test_a_failed_sign_in_records_the_name_tried_but_never_the_password(world):
    wrong = "Wrong-Secret-42"
    _client, response = sign_in(world.secretary.username, wrong, REMOTE_ADDR="10.1.2.4")
    assert response.status_code == 200  # the form again, with its error
    row = AuditLog.objects.get(action="user_login_failed")
    assert row.actor is None
    assert row.object_id == str(world.secretary.pk) and row.org_path == world.branch_a.path
    assert row.changes == {"username": world.secretary.username}
    assert row.ip_address == "10.1.2.4"
    values = AuditLog.objects.filter(pk=row.pk).values().get()
    assert not any(wrong in str(value) for value in values.values())


def test_a_failed_sign_in_with_an_unknown_name_belongs_to_no_organisation(world):
    sign_in("nobody\u202e-here\x1b", "whatever-1")  # what could make the row read otherwise
    row = AuditLog.objects.get(action="user_login_failed")
    assert (row.object_id, row.object_repr, row.org_path) == ("", "nobody-here", "")
    assert row.changes == {"username": "nobody-here"}


def test_a_failed_api_token_request_is_recorded_as_a_failed_sign_in(world):
    response = Client().post(
        reverse("api:token"), {"username": world.member.username, "password": "nope-nope-1"}
    )
    assert response.status_code == 400
    assert AuditLog.objects.filter(action="user_login_failed", actor=None).count() == 1


def test_signing_out_is_recorded(world):
    client = client_for(world.member)
    assert client.post(reverse("logout")).status_code == 302
    row = AuditLog.objects.get(action="user_logout")
    assert row.actor == world.member and row.org_path == world.branch_a.path
    Client().post(reverse("logout"))  # nobody signed in: nothing to record
    assert AuditLog.objects.filter(action="user_logout").count() == 1


def test_the_audit_page_names_them_in_chinese_for_the_organisations_above(world):
    sign_in(world.member.username, PASSWORD)
    sign_in(world.member.username, "wrong-password-1")
    assert [action_label(a) for a in ("user_login", "user_login_failed", "user_logout")] == [
        "登录",
        "登录失败",
        "退出登录",
    ]
    html = client_for(world.staff).get(reverse("audit_list")).content.decode()
    assert 'data-action="user_login">登录<' in html
    assert 'data-action="user_login_failed">登录失败<' in html
