"""Every change of accounts: logins for members, roles, deactivation, password resets and
changes, and ending sessions. Password changes are audited by the signal that notices them
(signals.py), told why by `announce_password_change`."""

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from partybrand.accounts import registry
from partybrand.accounts.access import refusal
from partybrand.accounts.choices import AccountAudit
from partybrand.accounts.credentials import USERNAME_RULE, temporary_password, unique_username
from partybrand.accounts.models import SignedInSession
from partybrand.accounts.places import account_org_path
from partybrand.accounts.signals import PasswordEvent, announce_password_change
from partybrand.core.audit import audit_record
from partybrand.core.models import User
from partybrand.orgs.models import Member, Organization, RoleAssignment
from partybrand.orgs.roles import may_grant, member_role
from partybrand.orgs.services import role_assign, role_revoke

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Issued:
    """A login and the temporary password it was given, shown once to the administrator."""

    user_id: int
    username: str
    name: str
    org: str
    password: str


def _check_changeable(actor, account) -> None:
    reason = refusal(actor, account)
    if reason:
        raise PermissionDenied(reason)


def _new_login(*, actor, member: Member, username: str, email: str, taken: set[str]) -> Issued:
    member = Member.objects.select_for_update().select_related("org").get(pk=member.pk)
    if member.user_id is not None:
        raise ValidationError(f"{member.name} 已有登录账号。")
    if not member.is_active:
        raise ValidationError(f"{member.name} 已不在册，不能开通账号。")
    username = username or unique_username(member.name, taken)
    if not USERNAME_RULE.fullmatch(username):
        raise ValidationError({"username": "用户名只能由字母、数字和 . _ - 组成，3 至 30 位。"})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"用户名“{username}”已被使用。"})
    password = temporary_password()
    user = User(username=username, display_name=member.name, email=email, must_change_password=True)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # taken by someone else a moment ago
        raise ValidationError({"username": f"用户名“{username}”已被使用，请重试。"}) from None
    member.user = user
    member.save(update_fields=["user", "updated_at"])
    role_assign(actor=actor, user=user, org=member.org, role=member_role())
    taken.add(username)
    return Issued(user.pk, username, member.name, member.org.name, password)


@transaction.atomic
def login_create(*, actor, member: Member, username: str = "", email: str = "") -> Issued:
    """A login for a member of the roll, with a temporary password to change at first sign-in;
    the member also gets the 党员 role at their organisation."""
    issued = _new_login(actor=actor, member=member, username=username, email=email, taken=set())
    audit_record(
        actor=actor,
        action=AccountAudit.CREATE,
        obj=User.objects.get(pk=issued.user_id),
        org_path=member.org.path,
        changes={"username": issued.username, "member": issued.name, "org": issued.org},
        comment="已发放临时密码，须在首次登录时修改。",
    )
    return issued


@transaction.atomic
def logins_create_bulk(*, actor, members: list[Member]) -> list[Issued]:
    """Logins for several members at once (those without one); user names from their names."""
    if not members:
        raise ValidationError("请选择要开通账号的党员。")
    taken: set[str] = set()
    issued = [
        _new_login(actor=actor, member=member, username="", email="", taken=taken)
        for member in members
    ]
    users = User.objects.in_bulk([row.user_id for row in issued])
    for row, member in zip(issued, members, strict=True):
        audit_record(
            actor=actor,
            action=AccountAudit.BULK_CREATE,
            obj=users[row.user_id],
            org_path=member.org.path,
            changes={"username": row.username, "member": row.name, "org": row.org},
            comment=f"批量开通 {len(issued)} 个账号，已发放临时密码，须在首次登录时修改。",
        )
    return issued


@transaction.atomic
def account_deactivate(*, actor, account: User) -> User:
    """Stop an account: it cannot sign in, and its sessions end now."""
    _check_changeable(actor, account)
    account = User.objects.select_for_update().get(pk=account.pk)
    if not account.is_active:
        raise ValidationError("该账号已停用。")
    ended = SignedInSession.objects.filter(user=account).count()
    account.is_active = False
    account.save(update_fields=["is_active"])  # the signal ends its sessions
    audit_record(
        actor=actor,
        action=AccountAudit.DEACTIVATE,
        obj=account,
        org_path=account_org_path(account),
        changes={"is_active": [True, False]},
        comment=f"结束登录会话 {ended} 个。" if ended else "",
    )
    return account


@transaction.atomic
def account_reactivate(*, actor, account: User) -> User:
    _check_changeable(actor, account)
    account = User.objects.select_for_update().get(pk=account.pk)
    if account.is_active:
        raise ValidationError("该账号在用，无需启用。")
    account.is_active = True
    account.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=AccountAudit.REACTIVATE,
        obj=account,
        org_path=account_org_path(account),
        changes={"is_active": [False, True]},
    )
    return account


@dataclass(frozen=True)
class ResetLink:
    url: str
    emailed_to: str  # the address it was sent to, "" when not sent
    mail_failed: bool = False  # mail is set up but the server refused or was unreachable


def reset_link_path(account: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    return reverse("accounts:reset_confirm", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def reset_link_issue(*, actor, account: User, site: str) -> ResetLink:
    """A one-time link with which the person sets a new password (valid until used, until they
    sign in, or PASSWORD_RESET_TIMEOUT); e-mailed when they have an address and mail is set up.
    `site` is the platform's address as the administrator reached it (https://host)."""
    _check_changeable(actor, account)
    if not account.is_active:
        raise ValidationError("该账号已停用，请先启用再重置密码。")
    url = site.rstrip("/") + reset_link_path(account)
    emailed_to, mail_failed = "", False
    if account.email and settings.EMAIL_HOST:
        hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
        try:
            send_mail(
                "党建品牌平台：设置新密码",
                f"{account} 您好：\n\n请在 {hours} 小时内打开下面的链接设置新密码"
                f"（只能使用一次）：\n{url}\n\n如非本人申请，请联系党建工作部。",
                None,
                [account.email],
            )
            emailed_to = account.email
        except (smtplib.SMTPException, OSError):  # the link is shown all the same
            logger.warning("reset link e-mail to account %s failed", account.pk, exc_info=True)
            mail_failed = True
    # The link is a credential: the audit row says it was issued, never what it was.
    audit_record(
        actor=actor,
        action=AccountAudit.RESET_LINK,
        obj=account,
        org_path=account_org_path(account),
        changes={"emailed": bool(emailed_to)},
    )
    return ResetLink(url=url, emailed_to=emailed_to, mail_failed=mail_failed)


@transaction.atomic
def temporary_password_issue(*, actor, account: User) -> Issued:
    """A temporary password to be changed at the next sign-in; the account's sessions end."""
    _check_changeable(actor, account)
    account = User.objects.select_for_update().get(pk=account.pk)
    if not account.is_active:
        raise ValidationError("该账号已停用，请先启用再发放临时密码。")
    password = temporary_password()
    account.set_password(password)
    account.must_change_password = True
    announce_password_change(
        account,
        PasswordEvent(
            actor=actor,
            temporary=True,
            comment="须在下次登录时修改。",
        ),
    )
    account.save(update_fields=["password", "must_change_password"])
    member = Member.objects.filter(user=account).select_related("org").first()
    return Issued(
        account.pk, account.username, str(account), member.org.name if member else "", password
    )


@transaction.atomic
def password_change(*, user: User, new_password: str, comment: str = "本人修改") -> User:
    """The person's own new password (their account page, or a reset link)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(new_password)
    user.must_change_password = False
    announce_password_change(user, PasswordEvent(actor=user, comment=comment))
    user.save(update_fields=["password", "must_change_password"])
    return user


@transaction.atomic
def role_grant(*, actor, account: User, org: Organization, role: str) -> RoleAssignment:
    _check_changeable(actor, account)
    if not may_grant(actor, role, org.path):
        raise PermissionDenied("您无权在该组织授予这一角色。")
    if RoleAssignment.objects.filter(user=account, org=org, role=role).exists():
        raise ValidationError("该账号在此组织已持有这一角色。")
    return role_assign(actor=actor, user=account, org=org, role=role)


@transaction.atomic
def role_withdraw(*, actor, assignment: RoleAssignment) -> None:
    _check_changeable(actor, assignment.user)
    if not may_grant(actor, assignment.role, assignment.org.path):
        raise PermissionDenied("您无权撤销该角色。")
    role_revoke(actor=actor, assignment=assignment)


@transaction.atomic
def sessions_end(*, user: User, rows, current_key: str | None) -> int:
    """End some of the person's own sessions (never the one they are using)."""
    rows = rows.filter(user=user)
    if current_key:
        rows = rows.exclude(session_key=current_key)
    addresses = sorted(
        {address or "未知地址" for address in rows.values_list("address", flat=True)}
    )
    ended = registry.end(rows)
    if ended:
        audit_record(
            actor=user,
            action=AccountAudit.SESSION_END,
            obj=user,
            org_path=account_org_path(user),
            changes={"ended": ended, "addresses": addresses},
        )
    return ended
