"""Every state change of enterprise sign-in: linking directory people to members' accounts, and
the second factor (enrol, remove, reset, failures). Each writes an audit row."""

import re

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.models import User
from partybrand.orgs.models import Member
from partybrand.orgs.services import member_login_role
from partybrand.sso.choices import SsoAudit
from partybrand.sso.models import ExternalIdentity
from partybrand.sso.people import DirectoryPerson, SignInRefused
from partybrand.sso.selectors import member_for_person

OTHER_LOGIN = (
    "名册中与您对应的党员“{name}”已有平台账号，不能再用统一身份认证登录。"
    "请使用原账号登录，或联系党建工作部处理。"
)
INACTIVE = "您的平台账号已停用，不能登录。如有疑问请联系党建工作部。"
USERNAME_CHARS = re.compile(r"[^\w.@+-]")


def sso_sign_in(*, person: DirectoryPerson) -> User:
    """The account the directory person signs in as: the account of the member whose staff
    number or ID number the directory gave, created on the first sign-in when the member has
    none. SignInRefused (audited) when no member matches, the member's account is a local one,
    or the account is deactivated."""
    try:
        return _sign_in(person)
    except SignInRefused as refusal:
        member = refusal.member
        audit_record(
            actor=None,
            action=SsoAudit.SSO_REFUSED,
            obj=member
            if member is not None
            else ExternalIdentity(provider=person.provider, subject=person.subject),
            org_path=member.org.path if member is not None else "",
            changes=person.described(),
            comment=refusal.message,
        )
        raise


@transaction.atomic
def _sign_in(person: DirectoryPerson) -> User:
    member = member_for_person(person, lock=True)
    user = member.user
    if user is None:
        user = _create_account(person, member)
        _link(person, user, member, SsoAudit.SSO_CREATED)
        member_login_role(actor=None, member=member)
        return user
    if not user.is_active:
        raise SignInRefused(INACTIVE, member)
    identities = ExternalIdentity.objects.filter(user=user)
    if not identities.exists():
        if not settings.SSO_ADOPT_LOCAL_ACCOUNTS:
            raise SignInRefused(OTHER_LOGIN.format(name=member.name), member)
        user.set_unusable_password()  # from now on the directory's password is the one
        user.save(update_fields=["password"])
    mine = identities.filter(provider=person.provider, subject=person.subject).first()
    if mine is None:
        _link(person, user, member, SsoAudit.SSO_LINKED)
    else:
        mine.last_sign_in = clock.now()
        mine.save(update_fields=["last_sign_in"])
    return user


def _create_account(person: DirectoryPerson, member: Member) -> User:
    user = User(
        username=_free_username(person),
        display_name=member.name,
        email=person.email[:254],
    )
    user.set_unusable_password()  # directory accounts never have a local password
    user.save()
    member.user = user
    member.save(update_fields=["user", "updated_at"])
    return user


def _link(person: DirectoryPerson, user: User, member: Member, action: str) -> None:
    # The same directory person may have been linked to another account before (the rolls
    # changed); the directory's keys decide, so the link follows them.
    identity, _ = ExternalIdentity.objects.update_or_create(
        provider=person.provider,
        subject=person.subject,
        defaults={"user": user, "last_sign_in": clock.now()},
    )
    audit_record(
        actor=user,
        action=action,
        obj=identity,
        org_path=member.org.path,
        changes={**person.described(), "user": user.username, "member": member.name},
    )


def _free_username(person: DirectoryPerson) -> str:
    base = USERNAME_CHARS.sub("", person.username or person.subject)[:100].lower()
    base = base or f"{person.provider}-user"
    taken = set(User.objects.filter(username__istartswith=base).values_list("username", flat=True))
    taken = {name.lower() for name in taken}
    for candidate in (base, f"{base}.{person.provider}"):
        if candidate not in taken:
            return candidate
    number = 2
    while f"{base}.{person.provider}{number}" in taken:
        number += 1
    return f"{base}.{person.provider}{number}"


# ---------------------------------------------------------------- the second factor

DEVICE_NAME = "动态口令"


def totp_start(*, user) -> TOTPDevice:
    """A new, unconfirmed secret for the user to add to an authenticator app: any earlier
    unconfirmed one is dropped, so each secret is shown once."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def totp_confirm(*, user, device: TOTPDevice, code: str) -> bool:
    """Confirm the secret with a code from the app; True when it matched."""
    if device.confirmed or device.user_id != user.pk:
        return False
    if not _check(user, device, code):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action=SsoAudit.TOTP_ENROLLED, obj=user, org_path=_org_path(user))
    return True


def totp_verify(*, user, device: TOTPDevice, code: str) -> bool:
    """A sign-in's code: True when it matched. Failures are counted on the device (each one
    doubles the wait before the next try) and audited."""
    return _check(user, device, code)


def _check(user, device: TOTPDevice, code: str) -> bool:
    if device.verify_token(code):
        return True
    device.refresh_from_db(fields=["throttling_failure_count"])
    audit_record(
        actor=user,
        action=SsoAudit.TOTP_FAILED,
        obj=user,
        org_path=_org_path(user),
        changes={"failures": device.throttling_failure_count},
    )
    return False


@transaction.atomic
def totp_remove(*, user) -> None:
    """The user turns their own second factor off (only where no role requires it)."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    if removed:
        audit_record(actor=user, action=SsoAudit.TOTP_REMOVED, obj=user, org_path=_org_path(user))


@transaction.atomic
def totp_reset(*, actor, member: Member) -> int:
    """An administrator clears a member's lost or broken second factor: the member enrols
    again at the next sign-in (if a role requires it). Returns how many secrets were dropped."""
    user = member.user
    if user is None:
        return 0
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action=SsoAudit.TOTP_RESET,
        obj=member,
        org_path=member.org.path,
        changes={"user": user.username, "removed": removed},
    )
    return removed


def _org_path(user) -> str:
    member = Member.objects.filter(user=user).select_related("org").first()
    return member.org.path if member is not None else ""
