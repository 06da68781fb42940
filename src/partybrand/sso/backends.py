"""Authentication backends: local passwords (counted by the login throttling, never for an
account of the directory) and the LDAP / Active Directory directory."""

import ldap
from django.conf import settings
from django_auth_ldap.backend import LDAPBackend
from django_auth_ldap.config import LDAPSearch, LDAPSettings

from partybrand.core import throttle
from partybrand.core.addresses import client_ip
from partybrand.core.throttle import ThrottledModelBackend
from partybrand.sso.choices import Provider
from partybrand.sso.people import DirectoryPerson, SignInRefused
from partybrand.sso.selectors import is_external
from partybrand.sso.services import sso_sign_in

# What the sign-in page shows instead of "wrong user name or password" when the directory knew
# the person but the platform refused them (core/login.html reads it).
REFUSAL = "login_refusal"


def refuse(request, message: str) -> None:
    if request is not None:
        setattr(request, REFUSAL, message)


class PasswordBackend(ThrottledModelBackend):
    """Local passwords. An account that signs in through the directory or the single sign-on
    provider has no local password; should one have been set anyway, it does not let anyone in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username, password, **kwargs)
        if user is not None and is_external(user):
            return None
        return user


class DirectoryBackend(LDAPBackend):
    """LDAP / Active Directory: the person types the directory's user name and password; the
    directory's staff number or ID number attribute names the member they sign in as.

    It comes after PasswordBackend, which has already counted the attempt against the login
    throttling (and refused it when locked), so a directory password is guessed no faster than
    a local one; a success clears the count as a local success does."""

    _settings: LDAPSettings | None = None

    @property
    def settings(self):
        if self._settings is None:
            found = LDAPSettings(self.settings_prefix, self.default_settings)
            found.USER_SEARCH = LDAPSearch(
                settings.LDAP_USER_BASE, ldap.SCOPE_SUBTREE, settings.LDAP_USER_FILTER
            )
            found.USER_ATTR_MAP = {}  # the platform keeps its own names (the member's)
            found.ALWAYS_UPDATE_USER = False
            found.USER_ATTRLIST = [a for a in settings.LDAP_ATTRIBUTES.values() if a]
            found.CONNECTION_OPTIONS = _connection_options()
            self._settings = found
        return self._settings

    @settings.setter
    def settings(self, value):
        self._settings = value

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not settings.LDAP_ENABLED or not username or not password:
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            throttle.attempt_succeeded(username, client_ip(request))
        return user

    def get_or_build_user(self, username, ldap_user):
        try:
            user = sso_sign_in(person=_person(username, ldap_user))
        except SignInRefused as refusal:
            refuse(ldap_user._request, refusal.message)
            raise ldap_user.AuthenticationFailed(refusal.message) from None
        return user, False

    def get_user(self, user_id):
        # As Django's own backend: a deactivated account's session ends at its next request.
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


def _person(username: str, ldap_user) -> DirectoryPerson:
    attributes = settings.LDAP_ATTRIBUTES

    def first(key: str) -> str:
        name = attributes.get(key)
        values = ldap_user.attrs.get(name, []) if name and ldap_user.attrs else []
        return str(values[0]).strip() if values else ""

    subject = username.strip().casefold()
    return DirectoryPerson(
        provider=Provider.LDAP,
        subject=subject,
        username=subject,
        name=first("name"),
        email=first("email"),
        id_number=first("id_number"),
        staff_number=first("staff_number"),
    )


def _connection_options() -> dict:
    options: dict[int, object] = {
        ldap.OPT_REFERRALS: 0,  # Active Directory's referrals would need another bind
        ldap.OPT_NETWORK_TIMEOUT: settings.LDAP_TIMEOUT,
        ldap.OPT_TIMEOUT: settings.LDAP_TIMEOUT,
    }
    if settings.LDAP_CA_FILE:
        options[ldap.OPT_X_TLS_CACERTFILE] = settings.LDAP_CA_FILE
        options[ldap.OPT_X_TLS_REQUIRE_CERT] = ldap.OPT_X_TLS_DEMAND
        options[ldap.OPT_X_TLS_NEWCTX] = 0  # last: applies the TLS options to this connection
    return options
