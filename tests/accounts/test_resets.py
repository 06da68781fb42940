"""Password resets by a one-time link or a temporary password; every password change, wherever
it happens, is one audit row holding no password."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from partybrand.accounts.models import SignedInSession
from partybrand.core.models import AuditLog, User
from tests.factories import PASSWORD
from tests.helpers import login

NEW = "Hongqi-2026!"


def _link(client, account) -> str:
    response = client.post(reverse("accounts:reset_link", args=[account.pk]))
    assert response.status_code == 200, response.content[:300]
    found = re.search(r'id="reset-url"[^>]*>([^<]+)<', response.content.decode())
    assert found, "the page shows the link"
    return found.group(1)


def _use(url: str, password: str = NEW) -> Client:
    person = Client()
    opened = person.get(url)
    assert opened.status_code == 302  # the token leaves the address bar
    form = person.get(opened["Location"])
    assert 'data-testid="reset-submit"' in form.content.decode()
    done = person.post(opened["Location"], {"new_password1": password, "new_password2": password})
    return done


def test_a_reset_link_lets_the_person_set_a_password_once(world):
    client = login(world, "mid_admin")
    url = _link(client, world.member)
    assert url.startswith("http://testserver/accounts/reset/")
    done = _use(url)
    assert done.status_code == 302 and done["Location"] == reverse("login")
    world.member.refresh_from_db()
    assert world.member.check_password(NEW)
    again = Client().get(url)
    assert "该链接无效" in again.content.decode()
    issued = AuditLog.objects.get(action="account_reset_link")
    assert issued.actor == world.mid_admin and url not in str(issued.changes)
    changed = AuditLog.objects.get(action="account_password_change")
    assert changed.comment == "通过重置链接设置" and changed.actor == world.member


def test_the_reset_link_is_e_mailed_when_mail_is_configured(world, settings):
    settings.EMAIL_HOST = "smtp.example.com"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.member.email = "li@example.com"
    world.member.save(update_fields=["email"])
    url = _link(login(world, "staff"), world.member)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["li@example.com"]
    assert url in mail.outbox[0].body


def test_without_mail_nothing_is_sent(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.member.email = "li@example.com"
    world.member.save(update_fields=["email"])
    _link(login(world, "staff"), world.member)
    assert mail.outbox == []


def test_a_weak_password_is_refused_on_the_reset_page(world):
    url = _link(login(world, "staff"), world.member)
    done = _use(url, "abc12345")
    assert done.status_code == 200
    assert "至少需要 10 个字符" in done.content.decode()
    world.member.refresh_from_db()
    assert world.member.check_password(PASSWORD)


def test_a_temporary_password_ends_the_sessions_and_must_be_changed(world):
    member_browser = login(world, "member")
    client = login(world, "staff")
    response = client.post(reverse("accounts:temporary_password", args=[world.member.pk]))
    page = client.get(response["Location"]).content.decode()
    password = page.split('data-testid="issued-password">')[1].split("<")[0]
    assert member_browser.get(reverse("home")).status_code == 302
    assert not SignedInSession.objects.filter(user=world.member).exists()
    user = User.objects.get(pk=world.member.pk)
    assert user.must_change_password and user.check_password(password)
    row = AuditLog.objects.get(action="account_temporary_password")
    assert row.actor == world.staff and password not in str(row.changes) + row.comment
    assert not AuditLog.objects.filter(action="account_password_change").exists()


def test_a_password_set_in_the_django_admin_is_audited_once(world):
    root = User.objects.create_superuser("root", password=PASSWORD)
    admin = Client()
    admin.force_login(root)
    url = reverse("admin:auth_user_password_change", args=[world.member.pk])
    response = admin.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert response.status_code == 302, response.content[:500]
    rows = AuditLog.objects.filter(action="account_password_change")
    assert rows.count() == 1
    assert rows.get().actor == root and rows.get().comment == "在系统管理中设置"
    assert NEW not in str(rows.get().changes)


def test_a_deactivated_account_gets_no_reset(world):
    client = login(world, "staff")
    url = _link(client, world.member)
    client.post(reverse("accounts:account_deactivate", args=[world.member.pk]))
    assert "该链接无效" in Client().get(url, follow=True).content.decode()
    response = client.post(reverse("accounts:reset_link", args=[world.member.pk]))
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="account_reset_link").count() == 1


def test_an_unreachable_mail_server_still_shows_the_link(world, settings):
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens: the connection is refused
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    world.member.email = "li@example.com"
    world.member.save(update_fields=["email"])
    response = login(world, "staff").post(reverse("accounts:reset_link", args=[world.member.pk]))
    assert response.status_code == 200
    assert "邮件发送失败" in response.content.decode()
    assert AuditLog.objects.get(action="account_reset_link").changes == {"emailed": False}
