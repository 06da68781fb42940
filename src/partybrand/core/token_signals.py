"""What happens whenever an account is saved, however it is saved (the admin, the own-password
page, a reset, a deactivation): a new password or a deactivated account ends every API token."""

from dataclasses import dataclass

from django.db.models.signals import post_save, pre_save

from partybrand.core.models import User
from partybrand.core.tokens import tokens_revoke_all

PASSWORD_CHANGED = "密码已修改"  # noqa: S105 (a reason shown to people, not a password)
DEACTIVATED = "账户已停用"


def rehash_at_sign_in(user, update_fields) -> bool:
    # At sign-in Django re-hashes a password with a stronger hasher and saves only the password,
    # with the raw password already forgotten: the same password, so no tokens end. (A password
    # made unusable, e.g. for an account handed to the directory, is a change.)
    return (
        update_fields is not None
        and set(update_fields) == {"password"}
        and user._password is None
        and user.has_usable_password()
    )


@dataclass(frozen=True)
class CredentialChange:
    """What a save of an account changed of how it signs in, noticed once before the save (one
    query) for every receiver after it: the tokens here, the sessions and the audit in accounts."""

    password_changed: bool = False
    deactivated: bool = False


NO_CHANGE = CredentialChange()


def credential_change(user) -> CredentialChange:
    """The change the save in progress (or just made) of `user` brings."""
    return getattr(user, "_pb_credentials", NO_CHANGE)


def note_ended_credentials(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._pb_credentials = NO_CHANGE
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    saved = set(update_fields) if update_fields is not None else {"password", "is_active"}
    instance._pb_credentials = CredentialChange(
        password_changed="password" in saved
        and before["password"] != instance.password
        and not rehash_at_sign_in(instance, update_fields),
        deactivated="is_active" in saved and before["is_active"] and not instance.is_active,
    )


def end_tokens(sender, instance, raw=False, **kwargs):
    change = credential_change(instance)
    if raw or change == NO_CHANGE:
        return
    reason = DEACTIVATED if change.deactivated else PASSWORD_CHANGED
    tokens_revoke_all(actor=None, user=instance, reason=reason)


def connect() -> None:
    pre_save.connect(note_ended_credentials, sender=User, dispatch_uid="pb-note-credentials")
    post_save.connect(end_tokens, sender=User, dispatch_uid="pb-end-tokens")
