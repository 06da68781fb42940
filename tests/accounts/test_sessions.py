"""“我的账号”: the person's own password and sessions; the session registry follows sign-ins,
sign-outs, password changes and deactivation; idle sessions are signed out."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from partybrand.accounts.choices import AccountAudit
from partybrand.accounts.models import SignedInSession
from partybrand.core.models import AuditLog, User
from tests.factories import PASSWORD
from tests.helpers import login

NEW = "Hongqi-2026!"


def _browser(user, agent="Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36") -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR="10.1.2.3")
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_signing_in_records_the_session_and_signing_out_removes_it(world):
    client = _browser(world.member)
    row = SignedInSession.objects.get(user=world.member)
    assert row.address == "10.1.2.3" and "Chrome" in row.user_agent
    assert Session.objects.filter(session_key=row.session_key).exists()
    client.post(reverse("logout"))
    assert not SignedInSession.objects.filter(user=world.member).exists()


def test_my_account_lists_the_sessions_and_marks_the_current_one(world):
    _browser(world.member, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) MicroMessenger/8.0")
    client = _browser(world.member)
    page = client.get(reverse("accounts:my_account")).content.decode()
    assert "Chrome · Windows" in page and "微信 · iPhone" in page
    assert page.count('data-testid="current-session"') == 1
    assert "10.1.2.3" in page


def test_ending_another_session_signs_that_browser_out(world):
    phone = _browser(world.member, "Mozilla/5.0 (iPhone) MicroMessenger/8.0")
    desk = _browser(world.member)
    other = SignedInSession.objects.get(user=world.member, user_agent__contains="iPhone")
    response = desk.post(reverse("accounts:session_end", args=[other.pk]))
    assert response.status_code == 302
    assert not SignedInSession.objects.filter(pk=other.pk).exists()
    assert phone.get(reverse("home")).status_code == 302  # back to the sign-in page
    assert desk.get(reverse("home")).status_code == 200
    assert AuditLog.objects.filter(action="account_session_end", actor=world.member).exists()


def test_ending_all_others_keeps_the_current_one(world):
    _browser(world.member)
    _browser(world.member)
    desk = _browser(world.member)
    desk.post(reverse("accounts:sessions_end_others"))
    assert SignedInSession.objects.filter(user=world.member).count() == 1
    assert desk.get(reverse("home")).status_code == 200


def test_nobody_ends_another_persons_session(world):
    _browser(world.member)
    row = SignedInSession.objects.get(user=world.member)
    response = login(world, "secretary").post(reverse("accounts:session_end", args=[row.pk]))
    assert response.status_code == 404
    assert SignedInSession.objects.filter(pk=row.pk).exists()


def test_changing_ones_password_ends_the_other_sessions_and_keeps_this_one(world):
    phone = _browser(world.member, "Mozilla/5.0 (iPhone) MicroMessenger/8.0")
    desk = _browser(world.member)
    response = desk.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    rows = SignedInSession.objects.filter(user=world.member)
    assert rows.count() == 1 and "Windows" in rows.get().user_agent
    assert Session.objects.filter(session_key=rows.get().session_key).exists()
    assert desk.get(reverse("accounts:my_account")).status_code == 200
    assert phone.get(reverse("home")).status_code == 302
    world.member.refresh_from_db()
    assert world.member.check_password(NEW)
    row = AuditLog.objects.get(action="account_password_change")
    assert row.actor == world.member and row.comment == "本人修改"
    assert NEW not in str(row.changes)


def test_a_wrong_old_password_or_a_weak_new_one_is_refused(world):
    client = login(world, "member")
    wrong = client.post(
        reverse("accounts:password_change"),
        {"old_password": "nope", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 400
    weak = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "demo12345", "new_password2": "demo12345"},
    )
    assert weak.status_code == 400
    assert "演示密码" in weak.content.decode()
    world.member.refresh_from_db()
    assert world.member.check_password(PASSWORD)
    assert not AuditLog.objects.filter(action="account_password_change").exists()


def test_an_idle_session_is_signed_out_with_a_message(world, settings):
    settings.PARTYBRAND_IDLE_MINUTES = 30
    client = _browser(world.member)
    assert client.get(reverse("home")).status_code == 200
    settings.CLOCK_SHIFT = timedelta(minutes=31)
    response = client.get(reverse("brands:brand_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    page = client.get(response["Location"]).content.decode()
    assert "长时间未操作，已自动退出，请重新登录。" in page
    assert not SignedInSession.objects.filter(user=world.member).exists()


def test_activity_keeps_a_session_alive_and_moves_last_seen_once_a_minute(world, settings):
    client = _browser(world.member)
    first = SignedInSession.objects.get(user=world.member).last_seen
    settings.CLOCK_SHIFT = timedelta(seconds=30)
    client.get(reverse("home"))
    assert SignedInSession.objects.get(user=world.member).last_seen == first
    for minutes in (20, 40, 60):
        settings.CLOCK_SHIFT = timedelta(minutes=minutes)
        assert client.get(reverse("home")).status_code == 200
    assert SignedInSession.objects.get(user=world.member).last_seen > first + timedelta(minutes=50)


def test_deactivation_ends_every_session_at_once(world):
    member_browser = _browser(world.member)
    response = login(world, "mid_admin").post(
        reverse("accounts:account_deactivate", args=[world.member.pk])
    )
    assert response.status_code == 302
    assert not User.objects.get(pk=world.member.pk).is_active
    assert not SignedInSession.objects.filter(user=world.member).exists()
    assert member_browser.get(reverse("home")).status_code == 302
    assert not Client().login(username="member", password=PASSWORD)
    assert AuditLog.objects.filter(action="account_deactivate").count() == 1
    login(world, "mid_admin").post(reverse("accounts:account_reactivate", args=[world.member.pk]))
    assert Client().login(username="member", password=PASSWORD)
    assert AuditLog.objects.filter(action="account_reactivate").count() == 1


def test_an_idle_htmx_request_takes_the_whole_page_to_the_sign_in(world, settings):
    client = _browser(world.member)
    settings.CLOCK_SHIFT = timedelta(minutes=31)
    response = client.get(reverse("notices:notice_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_an_idle_session_calling_the_api_is_answered_as_signed_out(world, settings):
    client = _browser(world.member)
    assert client.get("/api/v1/brands/").status_code == 200
    settings.CLOCK_SHIFT = timedelta(minutes=31)
    response = client.get("/api/v1/brands/")
    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_a_rehash_at_sign_in_is_no_password_change(world, settings):
    """Django stores the same password under a stronger hasher when someone signs in: nobody
    changed it, so no audit row says so, the other sessions stay and no API token ends."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ]
    User.objects.filter(pk=world.member.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha1")
    )
    elsewhere = _browser(world.member)  # this sign-in re-hashes with MD5
    world.member.refresh_from_db()
    assert world.member.password.startswith("md5$")

    _browser(world.member)

    assert not AuditLog.objects.filter(action=AccountAudit.PASSWORD_CHANGE).exists()
    assert elsewhere.get(reverse("home")).status_code == 200
    assert SignedInSession.objects.filter(user=world.member).count() == 2
