"""The second factor: the roles named in PARTYBRAND_TOTP_ROLES enrol at their first sign-in and
then give a 6-digit code after the password every time; others may choose to. Wrong codes are
counted, make the next try wait and are audited; an administrator resets a lost one."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from partybrand.core.models import AuditLog
from partybrand.orgs.choices import Role
from partybrand.orgs.roles import needs_second_factor
from partybrand.sso.choices import SsoAudit
from partybrand.sso.second_factor import OIDC_BACKEND, owed_at_sign_in
from tests.factories import PASSWORD
from tests.sso.totp import code_for, code_from_secret, let_throttle_pass


@pytest.fixture
def office_needs_codes(settings):
    settings.TOTP_ROLES = [Role.PARTY_OFFICE.value, Role.COMMITTEE_ADMIN.value]


def sign_in(username: str) -> tuple[Client, object]:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    return client, response


def enrol(client: Client) -> TOTPDevice:
    page = client.get(reverse("sso:totp_enrol"))
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    response = client.post(reverse("sso:totp_enrol"), {"code": code_from_secret(secret)})
    assert response.status_code == 302, response.content.decode()[:500]
    return TOTPDevice.objects.get(user_id=client.session[SESSION_KEY], confirmed=True)


def test_a_role_that_needs_codes_enrols_at_its_first_sign_in(world, office_needs_codes):
    client, response = sign_in("staff")
    assert response.status_code == 302  # the password was right …
    home = client.get(reverse("home"))
    assert home.status_code == 302  # … but nothing opens before the second factor
    assert home["Location"].startswith(reverse("sso:totp_enrol"))
    page = client.get(reverse("sso:totp_enrol")).content.decode()
    assert "您的角色要求登录时使用动态口令" in page
    assert "<svg" in page and "动态口令二维码" in page  # the QR code, drawn on the server

    device = enrol(client)

    assert client.get(reverse("home")).status_code == 200
    assert device.user == world.staff and device.name == "动态口令"
    row = AuditLog.objects.get(action=SsoAudit.TOTP_ENROLLED)
    assert row.actor == world.staff


def test_each_visit_to_the_enrolment_page_shows_a_new_secret(world, office_needs_codes):
    client, _ = sign_in("staff")
    secrets = {
        re.search(
            r'totp-secret">([^<]+)<', client.get(reverse("sso:totp_enrol")).content.decode()
        ).group(1)
        for _ in range(2)
    }
    assert len(secrets) == 2
    assert TOTPDevice.objects.filter(user=world.staff).count() == 1  # the earlier one is gone


def test_the_code_is_asked_at_every_sign_in(world, office_needs_codes):
    device = enrol(sign_in("staff")[0])
    client, _ = sign_in("staff")
    assert client.get(reverse("home"))["Location"].startswith(reverse("sso:totp_verify"))
    api = client.get("/api/v1/orgs/")
    assert api.status_code == 403 and api.json()["detail"] == "请先输入动态口令完成登录。"

    response = client.post(reverse("sso:totp_verify"), {"code": code_for(device, 1)})

    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert client.get("/api/v1/orgs/").status_code == 200


def test_the_code_page_returns_to_where_the_person_was_going(world, office_needs_codes):
    device = enrol(sign_in("staff")[0])
    client, _ = sign_in("staff")
    asked = client.get(reverse("orgs:org_tree"))
    assert asked["Location"] == reverse("sso:totp_verify") + "?next=%2Forgs%2F"
    response = client.post(asked["Location"], {"code": code_for(device, 1), "next": "/orgs/"})
    assert response["Location"] == "/orgs/"


def test_a_wrong_code_is_refused_counted_audited_and_makes_the_next_try_wait(
    world, office_needs_codes
):
    device = enrol(sign_in("staff")[0])
    client, _ = sign_in("staff")

    wrong = client.post(reverse("sso:totp_verify"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "动态口令不正确" in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert AuditLog.objects.filter(action=SsoAudit.TOTP_FAILED, actor=world.staff).count() == 1

    client.post(reverse("sso:totp_verify"), {"code": "000001"})
    right_too_soon = client.post(reverse("sso:totp_verify"), {"code": code_for(device, 1)})
    assert right_too_soon.status_code == 400
    assert "动态口令错误次数过多，请" in right_too_soon.content.decode()
    assert client.get(reverse("home")).status_code == 302

    let_throttle_pass(world.staff)
    assert client.post(reverse("sso:totp_verify"), {"code": code_for(device, 1)}).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_code_is_not_accepted_twice(world, office_needs_codes):
    device = enrol(sign_in("staff")[0])
    code = code_for(device, 1)  # one code, sent twice (computed twice, a 30-second step may pass)
    client, _ = sign_in("staff")
    assert client.post(reverse("sso:totp_verify"), {"code": code}).status_code == 302
    other, _ = sign_in("staff")
    assert other.post(reverse("sso:totp_verify"), {"code": code}).status_code == 400


def test_codes_that_are_not_six_digits_are_explained(world, office_needs_codes):
    enrol(sign_in("staff")[0])
    client, _ = sign_in("staff")
    response = client.post(reverse("sso:totp_verify"), {"code": "12ab56"})
    assert response.status_code == 400 and "动态口令是 6 位数字。" in response.content.decode()


def test_people_whose_role_needs_no_code_are_not_asked(world, office_needs_codes):
    client, _ = sign_in("secretary")
    assert client.get(reverse("home")).status_code == 200


def test_anyone_may_enrol_and_is_then_asked_and_may_turn_it_off(world, office_needs_codes):
    client, _ = sign_in("secretary")
    assert "未启用" in client.get(reverse("sso:totp_settings")).content.decode()
    device = enrol(client)
    assert "已启用" in client.get(reverse("sso:totp_settings")).content.decode()

    again, _ = sign_in("secretary")
    assert again.get(reverse("home"))["Location"].startswith(reverse("sso:totp_verify"))
    again.post(reverse("sso:totp_verify"), {"code": code_for(device, 1)})

    refused = again.post(reverse("sso:totp_settings"), {"code": "123456"})
    assert refused.status_code == 400 and TOTPDevice.objects.filter(user=world.secretary).exists()
    let_throttle_pass(world.secretary)
    off = again.post(reverse("sso:totp_settings"), {"code": code_for(device, 2)})
    assert off.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.secretary).exists()
    assert AuditLog.objects.filter(action=SsoAudit.TOTP_REMOVED).count() == 1
    assert sign_in("secretary")[0].get(reverse("home")).status_code == 200


def test_a_role_that_needs_codes_cannot_turn_them_off(world, office_needs_codes):
    client = sign_in("staff")[0]
    device = enrol(client)
    page = client.get(reverse("sso:totp_settings")).content.decode()
    assert "不能停用" in page and "停用动态口令</button>" not in page
    client.post(reverse("sso:totp_settings"), {"code": code_for(device, 1)})
    assert TOTPDevice.objects.filter(user=world.staff, confirmed=True).exists()


def test_an_administrator_resets_a_members_lost_second_factor(world, office_needs_codes):
    enrol(sign_in("member")[0])
    staff = sign_in("staff")[0]
    enrol(staff)
    member_page = reverse("orgs:member_detail", args=[world.member_a.pk])
    assert "重置动态口令" in staff.get(member_page).content.decode()

    response = staff.post(reverse("sso:totp_reset", args=[world.member_a.pk]))

    assert response["Location"] == member_page
    assert not TOTPDevice.objects.filter(user=world.member).exists()
    row = AuditLog.objects.get(action=SsoAudit.TOTP_RESET)
    assert (row.actor, row.org_path) == (world.staff, world.branch_a.path)
    assert "未启用" in staff.get(member_page).content.decode()
    assert sign_in("member")[0].get(reverse("home")).status_code == 200  # no code asked now


def test_the_member_page_shows_no_reset_to_those_who_do_not_manage_members(world):
    client = Client()
    client.force_login(world.branch_committee)
    page = client.get(reverse("orgs:member_detail", args=[world.member_a.pk])).content.decode()
    assert "member-totp" not in page and "重置动态口令" not in page


def test_roles_are_read_from_the_setting_and_checked(world, settings):
    settings.TOTP_ROLES = ["superuser", Role.EXPERT.value]
    assert needs_second_factor(world.expert) and not needs_second_factor(world.staff)
    settings.TOTP_ROLES = ["party_ofice"]
    with pytest.raises(ImproperlyConfigured, match="party_ofice"):
        needs_second_factor(world.staff)


def test_sign_in_through_a_trusted_provider_asks_no_code(world, settings, office_needs_codes):
    assert owed_at_sign_in(world.staff, OIDC_BACKEND)
    settings.TOTP_TRUST_OIDC = True
    assert not owed_at_sign_in(world.staff, OIDC_BACKEND)
    assert owed_at_sign_in(world.staff, "partybrand.sso.backends.PasswordBackend")


def test_an_api_token_needs_the_code_too(world, office_needs_codes):
    url = reverse("api:token")
    credentials = {"username": "staff", "password": PASSWORD}
    first = Client().post(url, credentials, content_type="application/json")
    assert first.status_code == 400 and "请先在网页上登录并启用动态口令" in first.json()["detail"]

    device = enrol(sign_in("staff")[0])
    missing = Client().post(url, credentials, content_type="application/json")
    assert missing.status_code == 400 and "otp" in missing.json()["detail"]
    wrong = Client().post(url, {**credentials, "otp": "000000"}, content_type="application/json")
    assert wrong.status_code == 400
    assert AuditLog.objects.filter(action=SsoAudit.TOTP_FAILED).count() == 1
    let_throttle_pass(world.staff)
    right = {**credentials, "otp": code_for(device, 1)}
    assert Client().post(url, right, content_type="application/json").json()["token"]


def test_an_api_token_without_a_second_factor_needs_no_code(world, office_needs_codes):
    credentials = {"username": "secretary", "password": PASSWORD}
    response = Client().post(reverse("api:token"), credentials, content_type="application/json")
    assert response.status_code == 200 and response.json()["token"]


def test_a_temporary_password_is_changed_after_the_code_not_before(world, office_needs_codes):
    """An account that owes a code and must also choose its own password is led to the code
    first and to the password page next, never round in a circle between the two."""
    world.staff.must_change_password = True
    world.staff.save(update_fields=["must_change_password"])
    client, _ = sign_in("staff")

    first = client.get(reverse("home"))
    assert first["Location"].startswith(reverse("sso:totp_enrol"))
    assert client.get(reverse("accounts:password_change"))["Location"].startswith(
        reverse("sso:totp_enrol")
    )  # the password cannot be changed on the password alone
    assert client.get(reverse("sso:totp_enrol")).status_code == 200
    enrol(client)

    after = client.get(reverse("home"))
    assert after.status_code == 302 and after["Location"] == reverse("accounts:password_change")
    assert client.get(reverse("accounts:password_change")).status_code == 200
