"""OpenID Connect single sign-on (mozilla-django-oidc): the authorization code flow with PKCE,
state and nonce; the ID token's signature, issuer, audience and nonce are checked, and the person
it names signs in as the member their staff number or ID number points to."""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from partybrand.sso.choices import Provider
from partybrand.sso.conf import ProviderUnavailable, oidc_enabled, oidc_setting
from partybrand.sso.people import DirectoryPerson, SignInRefused
from partybrand.sso.services import sso_sign_in

log = logging.getLogger(__name__)

UNAVAILABLE = "统一身份认证服务暂时无法访问，请稍后再试，或使用用户名和密码登录。"
FAILED = "统一身份认证登录未完成，请重试。"
CANCELLED = "统一身份认证未完成登录（{reason}）。"


def person_from_claims(claims: dict) -> DirectoryPerson:
    names = settings.OIDC_CLAIMS

    def claim(key: str) -> str:
        value = claims.get(names[key]) if names.get(key) else None
        return "" if value is None else str(value).strip()

    return DirectoryPerson(
        provider=Provider.OIDC,
        subject=str(claims["sub"]),
        username=claim("username") or claim("email").split("@")[0] or str(claims["sub"]),
        name=claim("name"),
        email=claim("email"),
        id_number=claim("id_number"),
        staff_number=claim("staff_number"),
    )


class SingleSignOnBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        # Settings (and discovery) are read only when a code comes back, so a password sign-in
        # never waits for the provider.
        self.UserModel = get_user_model()

    def _configure(self) -> None:
        get = self.get_settings
        self.OIDC_OP_TOKEN_ENDPOINT = get("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = get("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = get("OIDC_OP_JWKS_ENDPOINT", None)
        self.OIDC_RP_CLIENT_ID = get("OIDC_RP_CLIENT_ID")
        self.OIDC_RP_CLIENT_SECRET = get("OIDC_RP_CLIENT_SECRET")
        self.OIDC_RP_SIGN_ALGO = get("OIDC_RP_SIGN_ALGO", "RS256")
        self.OIDC_RP_IDP_SIGN_KEY = get("OIDC_RP_IDP_SIGN_KEY", None)

    def authenticate(self, request, **kwargs):
        if request is None or not (request.GET.get("code") and request.GET.get("state")):
            return None
        if not oidc_enabled():
            return None
        try:
            self._configure()
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, ProviderUnavailable) as exc:
            log.warning("OIDC sign-in failed at the provider: %s", exc)
            messages.error(request, UNAVAILABLE)
        except SuspiciousOperation as exc:
            log.warning("OIDC sign-in refused: %s", exc)
            messages.error(request, FAILED)
        return None

    def get_or_create_user(self, access_token, id_token, payload):
        try:
            self._check_id_token(payload)
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if str(userinfo.get("sub")) != str(payload.get("sub")):
                raise SuspiciousOperation("The userinfo names another subject than the ID token.")
        except SuspiciousOperation:
            messages.error(self.request, FAILED)
            raise  # logged and answered with no user by mozilla-django-oidc
        claims = {**payload, **userinfo}
        try:
            return sso_sign_in(person=person_from_claims(claims))
        except SignInRefused as refusal:
            messages.error(self.request, refusal.message)
            return None

    def _check_id_token(self, payload: dict) -> None:
        if str(payload.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token is meant for another client.")
        if "sub" not in payload:
            raise SuspiciousOperation("The ID token names no subject.")

    def get_user(self, user_id):
        # As Django's own backend: a deactivated account's session ends at its next request.
        return ModelBackend.get_user(self, user_id)

    def user_can_authenticate(self, user) -> bool:
        return getattr(user, "is_active", True)


class SignInStart(OIDCAuthenticationRequestView):
    """The button "统一身份认证登录": off to the provider with state, nonce and a PKCE challenge."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not oidc_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable:
            messages.error(request, UNAVAILABLE)
            return HttpResponseRedirect(reverse("login"))
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


class SignInCallback(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back with a code (or an error)."""

    get_settings = staticmethod(oidc_setting)

    @property
    def failure_url(self):
        return reverse("login")

    def get(self, request):
        if not oidc_enabled():
            raise Http404
        if request.GET.get("error"):
            reason = request.GET.get("error_description") or request.GET["error"]
            messages.error(request, CANCELLED.format(reason=reason[:200]))
        return super().get(request)


def end_session_url(request, id_token: str) -> str:
    """The provider's sign-out address for this session, or "" when it offers none."""
    try:
        endpoint = oidc_setting("OIDC_OP_END_SESSION_ENDPOINT", "")
    except ProviderUnavailable:
        return ""
    if not endpoint:
        return ""
    params = {
        "id_token_hint": id_token,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    return f"{endpoint}?{urlencode(params)}"
