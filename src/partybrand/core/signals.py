"""Signing in, failing to and signing out, recorded in the audit log from Django's auth signals,
so every way in (the sign-in page, the admin, LDAP or OIDC backends) is recorded alike.

A failed attempt records the user name that was tried, never the password, and no actor: nobody
is signed in. Its row belongs to the tried account's organisation when the account exists, so
that organisation's administrators see attempts on their people; an unknown name only the
system administrator sees.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from partybrand.core.audit import audit_record, printable, user_org_path
from partybrand.core.choices import SessionAudit

USERNAME_MAX = 150


@receiver(user_logged_in, dispatch_uid="audit_user_logged_in")
def _signed_in(sender, request, user, **kwargs):
    audit_record(actor=user, action=SessionAudit.LOGIN, obj=user, org_path=user_org_path(user))


@receiver(user_logged_out, dispatch_uid="audit_user_logged_out")
def _signed_out(sender, request, user, **kwargs):
    if user is None or not user.is_authenticated:  # signing out when not signed in
        return
    audit_record(actor=user, action=SessionAudit.LOGOUT, obj=user, org_path=user_org_path(user))


@receiver(user_login_failed, dispatch_uid="audit_user_login_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    User = get_user_model()
    tried = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    tried = printable(tried)[:USERNAME_MAX]
    account = User._default_manager.filter(**{User.USERNAME_FIELD: tried}).first()
    # An unknown name stands as an unsaved account: its name is the row's object, without an id.
    obj = account if account is not None else User(**{User.USERNAME_FIELD: tried})
    audit_record(
        actor=None,
        action=SessionAudit.LOGIN_FAILED,
        obj=obj,
        org_path=user_org_path(account) if account is not None else "",
        changes={"username": tried},
    )
