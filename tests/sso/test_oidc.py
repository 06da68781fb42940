"""Single sign-on through a real OpenID Connect provider in another process: the button sends
the person to the provider with state, nonce and a PKCE challenge; they sign in there; the code
comes back and is exchanged by the platform, which signs them in as the member their staff
number or ID number names. The provider's pages are driven with a real HTTP client."""

import re
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import reverse

from partybrand.core.models import AuditLog, User
from partybrand.sso.choices import Provider, SsoAudit
from partybrand.sso.models import ExternalIdentity
from partybrand.sso.oidc import SingleSignOnBackend
from partybrand.sso.selectors import NO_MEMBER
from tests.sso.provider import CLIENT_ID

SITE = "http://testserver"


class Person:
    """A browser at the provider (requests) and at the platform (Django's test client)."""

    def __init__(self):
        self.platform = Client()
        self.provider = requests.Session()

    def start(self, next_url: str = ""):
        query = f"?next={next_url}" if next_url else ""
        response = self.platform.get(reverse("sso:oidc_start") + query)
        assert response.status_code == 302
        return response["Location"]

    def at_provider(self, url: str, *, login: str, password: str) -> str:
        """Sign in at the provider; the address it sends the browser back to the platform."""
        page = self.provider.get(url, allow_redirects=True, timeout=10)
        assert page.status_code == 200 and "集团统一身份认证" in page.text, page.text[:300]
        action = re.search(r'action="([^"]+)"', page.text).group(1)
        answer = self.provider.post(
            urljoin(page.url, action),
            data={"login": login, "password": password},
            allow_redirects=False,
            timeout=10,
        )
        if answer.status_code != 303 and answer.status_code != 302:
            return answer.text
        return self.follow_to_platform(answer)

    def follow_to_platform(self, answer) -> str:
        for _ in range(10):
            location = urljoin(answer.url, answer.headers["Location"])
            if location.startswith(SITE):
                return location
            answer = self.provider.get(location, allow_redirects=False, timeout=10)
        raise AssertionError("the provider never sent the browser back")

    def come_back(self, location: str):
        return self.platform.get(location[len(SITE) :])

    def sign_in(self, login: str, password: str, next_url: str = ""):
        back = self.at_provider(self.start(next_url), login=login, password=password)
        return self.come_back(back)

    @property
    def user(self) -> User | None:
        pk = self.platform.session.get(SESSION_KEY)
        return User.objects.get(pk=pk) if pk else None


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_sign_in_page_offers_single_sign_on_only_when_configured(db, settings, oidc_provider):
    assert "统一身份认证登录" not in Client().get(reverse("login")).content.decode()
    assert Client().get(reverse("sso:oidc_start")).status_code == 404
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_BUTTON_LABEL = "统一身份认证登录"
    page = Client().get(reverse("login")).content.decode()
    assert "统一身份认证登录" in page and reverse("sso:oidc_start") in page


def test_the_request_to_the_provider_carries_state_nonce_and_pkce(oidc_on, db):
    person = Person()
    location = person.start()
    assert location.startswith(f"{oidc_on.issuer}/auth?")
    query = parse_qs(urlparse(location).query)
    assert query["client_id"] == [CLIENT_ID] and query["response_type"] == ["code"]
    assert query["redirect_uri"] == [f"{SITE}/sso/oidc/callback/"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert set(query["scope"][0].split()) >= {"openid", "employee"}


def test_a_person_signs_in_at_the_provider_as_the_member_with_their_staff_number(oidc_on, rolls):
    person = Person()
    response = person.sign_in("zhangsan", "dir-pass-zs")

    assert response.status_code == 302 and response["Location"] == reverse("home")
    member = rolls["zhangsan"]
    member.refresh_from_db()
    assert person.user == member.user is not None
    assert not person.user.has_usable_password()
    identity = ExternalIdentity.objects.get(user=person.user)
    assert (identity.provider, identity.subject) == (Provider.OIDC, "zhangsan")
    assert AuditLog.objects.filter(action=SsoAudit.SSO_CREATED).count() == 1
    assert person.platform.get(reverse("home")).status_code == 200


def test_a_person_is_matched_by_id_number_and_returns_where_they_were_going(oidc_on, rolls):
    person = Person()
    response = person.sign_in("lisi", "dir-pass-ls", next_url="/orgs/")
    assert response["Location"] == "/orgs/"
    rolls["lisi"].refresh_from_db()
    assert person.user == rolls["lisi"].user is not None


def test_a_wrong_password_at_the_provider_goes_no_further(oidc_on, rolls):
    person = Person()
    page = person.at_provider(person.start(), login="zhangsan", password="wrong")
    assert "账号或密码错误" in page
    assert person.user is None


def test_a_person_on_no_members_record_is_sent_back_with_the_reason(oidc_on, rolls):
    person = Person()
    response = person.sign_in("wangwu", "dir-pass-ww")
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert person.user is None
    assert NO_MEMBER in messages_of(response)
    assert AuditLog.objects.get(action=SsoAudit.SSO_REFUSED).changes["provider"] == "oidc"
    login_page = person.platform.get(reverse("login")).content.decode()
    assert NO_MEMBER in login_page


def test_a_member_with_a_local_login_is_refused(oidc_on, rolls):
    person = Person()
    response = person.sign_in("zhaoliu", "dir-pass-zl")
    assert person.user is None
    assert any("已有平台账号" in text for text in messages_of(response))


def test_a_deactivated_account_is_refused(oidc_on, rolls):
    first = Person()
    first.sign_in("qianqi", "dir-pass-qq")
    User.objects.filter(pk=first.user.pk).update(is_active=False)
    assert first.platform.get(reverse("home")).status_code == 302  # its open session ends
    again = Person()
    again.sign_in("qianqi", "dir-pass-qq")
    assert again.user is None


def test_a_code_is_used_once_and_only_with_its_own_state(oidc_on, rolls):
    person = Person()
    back = person.at_provider(person.start(), login="zhangsan", password="dir-pass-zs")
    assert person.come_back(back)["Location"] == reverse("home")
    # The same callback again (a replay) finds no state in the session: refused.
    replay = Person()
    assert replay.come_back(back).status_code in (302, 400)
    assert replay.user is None


def test_a_forged_state_is_refused(oidc_on, rolls):
    person = Person()
    back = person.at_provider(person.start(), login="zhangsan", password="dir-pass-zs")
    forged = re.sub(r"state=[^&]+", "state=forged", back)
    assert person.come_back(forged).status_code == 400
    assert person.user is None


def test_a_code_for_another_browser_is_refused_by_nonce(oidc_on, rolls):
    victim, attacker = Person(), Person()
    attacker_back = attacker.at_provider(attacker.start(), login="wangwu", password="dir-pass-ww")
    victim.start()
    state = parse_qs(urlparse(victim.start()).query)["state"][0]
    injected = re.sub(r"state=[^&]+", f"state={state}", attacker_back)
    response = victim.come_back(injected)
    assert victim.user is None
    assert response.status_code in (302, 400)


def test_cancelling_at_the_provider_is_explained(oidc_on, db):
    person = Person()
    state = parse_qs(urlparse(person.start()).query)["state"][0]
    response = person.platform.get(
        reverse("sso:oidc_callback"),
        {"error": "access_denied", "error_description": "用户取消", "state": state},
    )
    assert response["Location"] == reverse("login")
    assert "统一身份认证未完成登录（用户取消）。" in messages_of(response)


def test_an_unreachable_provider_is_explained(db, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_TIMEOUT = 2
    response = Client().get(reverse("sso:oidc_start"))
    assert response["Location"] == reverse("login")
    assert "统一身份认证服务暂时无法访问" in messages_of(response)[0]


def test_signing_out_ends_the_providers_session_too(oidc_on, rolls):
    person = Person()
    person.sign_in("zhangsan", "dir-pass-zs")

    response = person.platform.post(reverse("logout"))

    assert response["Location"] == reverse("sso:signed_out")
    assert person.user is None
    page = person.platform.get(reverse("sso:signed_out"))
    target = re.search(r'url=([^"]+)"', page.content.decode()).group(1).replace("&amp;", "&")
    assert target.startswith(f"{oidc_on.issuer}/session/end?")
    query = parse_qs(urlparse(target).query)
    assert query["post_logout_redirect_uri"] == [f"{SITE}/login/"] and query["id_token_hint"]
    ending = person.provider.get(target, timeout=10)
    assert ending.status_code == 200 and "退出集团统一身份认证" in ending.text
    # The page is shown once: a second visit goes to the sign-in page.
    assert person.platform.get(reverse("sso:signed_out"))["Location"] == reverse("login")


def test_signing_out_of_a_password_session_stays_on_the_platform(oidc_on, world):
    client = Client()
    client.force_login(world.secretary)
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_an_id_token_from_another_issuer_is_refused(oidc_on, rolls, settings):
    person = Person()
    back = person.at_provider(person.start(), login="zhangsan", password="dir-pass-zs")
    # The platform now trusts another issuer (the endpoints stay those of this provider).
    settings.OIDC_ISSUER = "http://127.0.0.1:1"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{oidc_on.issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{oidc_on.issuer}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{oidc_on.issuer}/jwks"
    response = person.come_back(back)
    assert person.user is None
    assert response["Location"] == reverse("login")
    assert "统一身份认证登录未完成，请重试。" in messages_of(response)


@pytest.mark.parametrize(
    "payload",
    [
        {"iss": "ISSUER", "aud": "another-client", "sub": "x"},
        {"iss": "ISSUER", "aud": ["another-client"], "sub": "x"},
        {"iss": "ISSUER", "aud": CLIENT_ID},
        {"iss": "http://elsewhere", "aud": CLIENT_ID, "sub": "x"},
    ],
)
def test_id_tokens_for_another_client_or_without_a_subject_are_refused(oidc_on, payload):
    backend = SingleSignOnBackend()
    backend.OIDC_RP_CLIENT_ID = CLIENT_ID
    claims = {k: (oidc_on.issuer if v == "ISSUER" else v) for k, v in payload.items()}
    with pytest.raises(SuspiciousOperation):
        backend._check_id_token(claims)
