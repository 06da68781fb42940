"""The one place that decides which organisations and members a user may see or change."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from partybrand.core.ids import is_id
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.roles import Cap, can, scope_q


def visible_orgs(user):
    return Organization.objects.filter(scope_q(user, Cap.VIEW), is_active=True)


def visible_members(user):
    return Member.objects.filter(scope_q(user, Cap.VIEW_MEMBERS, "org__path"))


def access_org(user, pk, *, cap: Cap = Cap.VIEW) -> Organization:
    """The organisation if the user may see it (else 404) and has `cap` there (else 403). An id
    that is no id (`?org=null` in an export link) names no organisation either."""
    if isinstance(pk, str) and not is_id(pk):
        raise Http404("没有找到该组织。")
    org = get_object_or_404(visible_orgs(user), pk=pk)
    if cap is not Cap.VIEW and not can(user, cap, org.path):
        raise PermissionDenied("您没有权限执行此操作。")
    return org


def access_member(user, pk, *, for_edit: bool = False) -> Member:
    member = get_object_or_404(visible_members(user).select_related("org", "user"), pk=pk)
    if for_edit and not can(user, Cap.MANAGE_MEMBERS, member.org.path):
        raise PermissionDenied("您没有权限修改该党员信息。")
    return member


def may_see_personal(user, member: Member) -> bool:
    """Phone and ID number are shown to managers of the member's organisation and to the member."""
    if member.user_id is not None and member.user_id == user.pk:
        return True
    return can(user, Cap.SEE_PERSONAL, member.org.path)


def require(user, cap: Cap, org: Organization) -> None:
    if not can(user, cap, org.path):
        raise PermissionDenied("您没有权限执行此操作。")
