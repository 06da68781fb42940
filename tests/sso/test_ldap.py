"""Signing in with the company directory (a real slapd): the directory checks the password, the
directory's staff number or ID number names the member, and whoever the rolls do not know, or
know under another login, is told why they cannot sign in."""

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from partybrand.core.models import AuditLog, User
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.roles import Cap, can
from partybrand.sso.choices import Provider, SsoAudit
from partybrand.sso.models import ExternalIdentity
from partybrand.sso.selectors import NO_KEYS, NO_MEMBER, TWO_MEMBERS
from partybrand.sso.services import INACTIVE
from tests.factories import PASSWORD


def sign_in(username: str, password: str, client: Client | None = None, address="127.0.0.1"):
    client = client or Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


def signed_in_user(client: Client) -> User | None:
    pk = client.session.get(SESSION_KEY)
    return User.objects.get(pk=pk) if pk else None


def page_text(response) -> str:
    return response.content.decode()


def test_a_directory_person_signs_in_as_the_member_with_their_staff_number(ldap_on, rolls):
    client, response = sign_in("zhangsan", "dir-pass-zs")

    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = signed_in_user(client)
    member = rolls["zhangsan"]
    member.refresh_from_db()
    assert member.user == user
    assert user.display_name == "张三" and user.email == "zhangsan@example.cn"
    assert not user.has_usable_password()  # the directory keeps the password
    assert can(user, Cap.VIEW_MEMBERS, member.org.path)  # an ordinary member's role
    assert RoleAssignment.objects.filter(user=user, org=member.org).count() == 1
    identity = ExternalIdentity.objects.get(user=user)
    assert (identity.provider, identity.subject) == (Provider.LDAP, "zhangsan")
    row = AuditLog.objects.get(action=SsoAudit.SSO_CREATED)
    assert row.org_path == member.org.path and row.changes["member"] == "张三"
    assert client.get(reverse("home")).status_code == 200


def test_the_second_sign_in_uses_the_same_account(ldap_on, rolls):
    first = signed_in_user(sign_in("zhangsan", "dir-pass-zs")[0])
    again = signed_in_user(sign_in("ZhangSan", "dir-pass-zs")[0])
    assert again == first
    assert User.objects.filter(member=rolls["zhangsan"]).count() == 1
    assert AuditLog.objects.filter(action=SsoAudit.SSO_CREATED).count() == 1
    assert ExternalIdentity.objects.get(user=first).last_sign_in is not None


def test_a_person_is_matched_by_id_number(ldap_on, rolls):
    client, _ = sign_in("lisi", "dir-pass-ls")
    rolls["lisi"].refresh_from_db()
    assert signed_in_user(client) == rolls["lisi"].user is not None


def test_a_wrong_directory_password_signs_nobody_in(ldap_on, rolls):
    client, response = sign_in("zhangsan", "wrong-password")
    assert response.status_code == 200
    assert signed_in_user(client) is None
    assert "正确的用户名和密码" in page_text(response)
    rolls["zhangsan"].refresh_from_db()
    assert rolls["zhangsan"].user is None  # nothing created


def test_a_person_on_no_members_record_is_told_why(ldap_on, rolls):
    client, response = sign_in("wangwu", "dir-pass-ww")
    assert signed_in_user(client) is None
    assert NO_MEMBER in page_text(response)
    assert not User.objects.filter(username="wangwu").exists()
    row = AuditLog.objects.get(action=SsoAudit.SSO_REFUSED)
    assert row.changes["staff_number"] == "E9999" and row.comment == NO_MEMBER


def test_a_member_with_a_local_login_is_refused_by_the_directory(ldap_on, rolls):
    client, response = sign_in("zhaoliu", "dir-pass-zl")
    assert signed_in_user(client) is None
    assert "已有平台账号" in page_text(response) and "赵六" in page_text(response)
    assert not ExternalIdentity.objects.exists()
    assert AuditLog.objects.get(action=SsoAudit.SSO_REFUSED).org_path == rolls["zhaoliu"].org.path


def test_adopting_local_accounts_links_them_and_ends_their_local_password(ldap_on, rolls, settings):
    settings.SSO_ADOPT_LOCAL_ACCOUNTS = True
    local = rolls["zhaoliu"].user
    assert sign_in("zhaoliu-local", PASSWORD)[1].status_code == 302  # the local password works

    client, _ = sign_in("zhaoliu", "dir-pass-zl")

    assert signed_in_user(client) == local
    local.refresh_from_db()
    assert not local.has_usable_password()
    assert AuditLog.objects.filter(action=SsoAudit.SSO_LINKED).count() == 1
    assert signed_in_user(sign_in("zhaoliu-local", PASSWORD)[0]) is None


def test_a_directory_account_never_signs_in_with_a_local_password(ldap_on, rolls):
    user = signed_in_user(sign_in("qianqi", "dir-pass-qq")[0])
    user.set_password("a-local-one-42")  # set by some other page, say
    user.save()
    assert signed_in_user(sign_in(user.username, "a-local-one-42")[0]) is None


def test_a_deactivated_account_is_refused_and_its_session_ends(ldap_on, rolls):
    client, _ = sign_in("qianqi", "dir-pass-qq")
    user = signed_in_user(client)
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert client.get(reverse("home")).status_code == 302  # the open session ends
    again, response = sign_in("qianqi", "dir-pass-qq")
    assert signed_in_user(again) is None
    assert INACTIVE in page_text(response)


def test_staff_number_and_id_number_of_two_members_are_refused(ldap_on, rolls):
    client, response = sign_in("sunba", "dir-pass-sb")
    assert signed_in_user(client) is None
    assert TWO_MEMBERS in page_text(response)


def test_a_person_without_either_number_is_refused(ldap_on, rolls):
    client, response = sign_in("nokeys", "dir-pass-nk")
    assert signed_in_user(client) is None
    assert NO_KEYS in page_text(response)


def test_a_member_who_left_the_rolls_is_refused(ldap_on, rolls):
    rolls["zhangsan"].is_active = False
    rolls["zhangsan"].save(update_fields=["is_active"])
    client, response = sign_in("zhangsan", "dir-pass-zs")
    assert signed_in_user(client) is None
    assert NO_MEMBER in page_text(response)


def test_directory_attempts_count_against_the_login_throttling(ldap_on, rolls, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert sign_in("zhangsan", "wrong")[1].status_code == 200
    client, response = sign_in("zhangsan", "dir-pass-zs")
    assert response.status_code == 429
    assert signed_in_user(client) is None


def test_a_success_clears_the_user_names_count(ldap_on, rolls, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for address in ("10.0.0.1", "10.0.0.2"):  # two offices: only the user name's count is shared
        sign_in("zhangsan", "wrong", address=address)
        sign_in("zhangsan", "wrong", address=address)
        signed_in = sign_in("zhangsan", "dir-pass-zs", address=address)[0]
        assert signed_in_user(signed_in) is not None


def test_local_accounts_still_sign_in_when_the_directory_is_on(ldap_on, world):
    client, response = sign_in("secretary", PASSWORD)
    assert signed_in_user(client) == world.secretary


def test_the_directory_is_off_unless_configured(slapd, rolls):
    client, response = sign_in("zhangsan", "dir-pass-zs")
    assert signed_in_user(client) is None
    assert "单位统一账号" not in page_text(response)


def test_the_sign_in_page_mentions_the_directory_when_on(ldap_on, db):
    assert "可使用单位统一账号（域账号）和密码登录" in page_text(Client().get(reverse("login")))


def test_the_directory_unreachable_fails_like_a_wrong_password(ldap_on, rolls, settings):
    settings.AUTH_LDAP_SERVER_URI = "ldap://127.0.0.1:9/"
    settings.LDAP_TIMEOUT = 1
    client, response = sign_in("zhangsan", "dir-pass-zs")
    assert response.status_code == 200 and signed_in_user(client) is None
