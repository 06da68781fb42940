"""Who may see and manage which accounts.

An account belongs to the organisations of its member record and of the roles it holds. Whoever
sees those members (`VIEW_MEMBERS`) sees that the account exists (else 404); account pages need
`MANAGE_ACCOUNTS` over one of them (else 403); and changing an account (deactivating it, resetting
its password, changing its roles) needs more: it is not one's own, not a superuser's or a system
administrator's, and every role it holds lies within one's reach and is no stronger than one may
grant there (orgs/roles.py `may_grant`), so nobody takes over an account stronger than their own.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.core.models import User
from partybrand.orgs.access import visible_members
from partybrand.orgs.models import Member, RoleAssignment
from partybrand.orgs.roles import EVERY_ROW, Cap, can, holds_anywhere, may_grant, scope_q

NO_RIGHT = "您的角色不能管理账号。"


def _accounts_within(user, cap: Cap):
    if user.is_authenticated and user.is_superuser:
        return User.objects.filter(EVERY_ROW)
    on_roll = Member.objects.filter(scope_q(user, cap, "org__path"), user__isnull=False)
    holding = RoleAssignment.objects.filter(scope_q(user, cap, "org__path"))
    return User.objects.filter(
        Q(pk__in=on_roll.values("user_id")) | Q(pk__in=holding.values("user_id"))
    )


def require_accounts_right(user) -> None:
    if not holds_anywhere(user, Cap.MANAGE_ACCOUNTS):
        raise PermissionDenied(NO_RIGHT)


def managed_accounts(user):
    """The accounts of the user's subtree: the account list."""
    return _accounts_within(user, Cap.MANAGE_ACCOUNTS)


def access_account(user, pk) -> User:
    """The account if the user sees its people (else 404) and manages accounts over it (else
    403): what the account's page needs."""
    account = get_object_or_404(_accounts_within(user, Cap.VIEW_MEMBERS), pk=pk)
    if not managed_accounts(user).filter(pk=account.pk).exists():
        raise PermissionDenied(NO_RIGHT)
    return account


def refusal(actor, account) -> str:
    """Why the actor may not change this account, or "" when they may."""
    if account.pk == actor.pk:
        return "不能在这里修改自己的账号；请到“我的账号”修改密码。"
    if actor.is_superuser:
        return ""
    if account.is_superuser or account.is_staff:
        return "系统管理员账号只能由超级管理员管理。"
    for role, path in RoleAssignment.objects.filter(user=account).values_list("role", "org__path"):
        if not may_grant(actor, role, path):
            return "该账号持有您无权授予的角色，不能由您管理。"
    return ""


def access_account_for_change(actor, pk) -> User:
    account = access_account(actor, pk)
    reason = refusal(actor, account)
    if reason:
        raise PermissionDenied(reason)
    return account


def access_member_without_login(user, pk) -> Member:
    """A member on the roll of the user's subtree (else 404) who has no login yet, to give one."""
    member = get_object_or_404(visible_members(user).select_related("org"), pk=pk)
    if not can(user, Cap.MANAGE_ACCOUNTS, member.org.path):
        raise PermissionDenied(NO_RIGHT)
    return member


def access_assignment(actor, account, pk) -> RoleAssignment:
    """One of the account's roles that the actor may withdraw."""
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("org", "user"), pk=pk, user=account
    )
    if not may_grant(actor, assignment.role, assignment.org.path):
        raise PermissionDenied("您无权撤销该角色。")
    return assignment
