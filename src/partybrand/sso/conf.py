"""The single sign-on provider's settings, with its endpoints read from the issuer's discovery
document (/.well-known/openid-configuration) unless they are configured one by one."""

import logging
from datetime import timedelta

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from mozilla_django_oidc.utils import import_from_settings

from partybrand.core import clock

log = logging.getLogger(__name__)

ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_END_SESSION_ENDPOINT": "end_session_endpoint",
}
KEEP_DISCOVERY = timedelta(hours=1)
_discovered: dict[str, tuple] = {}  # issuer -> (document, when read)


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read."""


def oidc_enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def discovery() -> dict:
    issuer = settings.OIDC_ISSUER
    known = _discovered.get(issuer)
    if known is not None and clock.now() - known[1] < KEEP_DISCOVERY:
        return known[0]
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT, verify=settings.OIDC_VERIFY_SSL)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        log.warning("OIDC discovery at %s failed: %s", url, exc)
        raise ProviderUnavailable(str(exc)) from exc
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ImproperlyConfigured(
            f"The discovery document at {url} names issuer {document.get('issuer')!r}, "
            f"not PARTYBRAND_OIDC_ISSUER={issuer!r}."
        )
    _discovered[issuer] = (document, clock.now())
    return document


def oidc_setting(attr: str, *args):
    """mozilla-django-oidc's settings lookup, with endpoints filled in from discovery."""
    value = import_from_settings(attr, *args)
    if attr in ENDPOINTS and not value:
        value = discovery().get(ENDPOINTS[attr]) or (args[0] if args else "")
    return value
