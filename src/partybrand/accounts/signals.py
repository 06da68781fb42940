"""Signals: the session registry follows sign-ins and sign-outs, and every change of a password
(on “我的账号”, by a reset link, by a temporary password, in the Django admin, from the shell) is
noticed in one place — the stored hash compared before and after a save — which writes its one
audit row and ends the account's other sessions."""

from dataclasses import dataclass

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save, pre_save

from partybrand.accounts import registry
from partybrand.accounts.choices import AccountAudit
from partybrand.accounts.context import request_path, request_session_key, request_user
from partybrand.accounts.places import account_org_path
from partybrand.core.audit import audit_record
from partybrand.core.models import User
from partybrand.core.token_signals import rehash_at_sign_in


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


def _before_user_save(sender, instance, update_fields=None, **kwargs) -> None:
    instance._pb_password_changed = instance._pb_deactivated = False
    if instance.pk is None:
        return
    fields = set(update_fields) if update_fields is not None else {"password", "is_active"}
    if not fields & {"password", "is_active"}:
        return
    stored = User.objects.filter(pk=instance.pk).values_list("password", "is_active").first()
    if stored is None:
        return
    # Django's re-hash of the same password at sign-in is no change (core.token_signals).
    instance._pb_password_changed = (
        "password" in fields
        and stored[0] != instance.password
        and not rehash_at_sign_in(instance, update_fields)
    )
    instance._pb_deactivated = "is_active" in fields and stored[1] and not instance.is_active


def _after_user_save(sender, instance, created=False, **kwargs) -> None:
    if instance.__dict__.pop("_pb_deactivated", False):
        registry.end_all(instance)  # wherever it was stopped: the platform or the admin
    if created or not instance.__dict__.pop("_pb_password_changed", False):
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
    pre_save.connect(_before_user_save, sender=User, dispatch_uid="accounts-before-user-save")
    post_save.connect(_after_user_save, sender=User, dispatch_uid="accounts-after-user-save")
