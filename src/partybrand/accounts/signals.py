"""Signals: the session registry follows sign-ins and sign-outs, and every change of a password
(on “我的账号”, by a reset link, by a temporary password, in the Django admin, from the shell) is
noticed in one place — the stored hash compared before and after a save — which writes its one
audit row and ends the account's other sessions."""

from dataclasses import dataclass

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save

from partybrand.accounts import registry
from partybrand.accounts.choices import AccountAudit
from partybrand.accounts.context import request_path, request_session_key, request_user
from partybrand.accounts.places import account_org_path
from partybrand.core.audit import audit_record
from partybrand.core.models import User
from partybrand.core.token_signals import credential_change


@dataclass(frozen=True)
class PasswordEvent:
    """Why a password is about to change, set on the user by the service that changes it."""

    actor: object
    temporary: bool = False  # a temporary password given by an administrator
    comment: str = ""


def announce_password_change(user, event: PasswordEvent) -> None:
    user._pb_password_event = event


def _signed_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        registry.record_sign_in(request, user)


def _signed_out(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        registry.forget(request.session.session_key)


def _after_user_save(sender, instance, created=False, **kwargs) -> None:
    # What changed was noticed once, before the save (core.token_signals).
    change = credential_change(instance)
    if change.deactivated:
        registry.end_all(instance)  # wherever it was stopped: the platform or the admin
    if created or not change.password_changed:
        return
    event = instance.__dict__.pop("_pb_password_event", None)
    if event is None:
        comment = "在系统管理中设置" if request_path().startswith("/admin/") else ""
        event = PasswordEvent(actor=request_user(), comment=comment)
    audit_record(
        actor=event.actor,
        action=AccountAudit.TEMPORARY_PASSWORD if event.temporary else AccountAudit.PASSWORD_CHANGE,
        obj=instance,
        org_path=account_org_path(instance),
        changes={"password": "(已修改)"},
        comment=event.comment,
    )
    # Django's session hash already signs the other browsers out at their next request; ending
    # them here also takes them off the person's list of sessions.
    acting = request_user()
    keep = request_session_key() if acting is not None and acting.pk == instance.pk else None
    registry.end_all(instance, except_key=keep)


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="accounts-signed-in")
    user_logged_out.connect(_signed_out, dispatch_uid="accounts-signed-out")
    post_save.connect(_after_user_save, sender=User, dispatch_uid="accounts-after-user-save")
