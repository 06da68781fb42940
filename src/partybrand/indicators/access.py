"""Who may read and change indicator systems.

- Platform templates (no owner) are read by every signed-in user; only superusers change them.
- A committee's own system is read, once published, by everyone in that committee's subtree and
  above it (experts included); its drafts only by managing roles (not experts, not members
  below) at the owner or above it.
  Changing it needs Cap.MANAGE_LIBRARY over the owner (committee admin, 党建工作部).
- Superusers see and change everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.indicators.choices import SystemStatus
from partybrand.indicators.models import Indicator, IndicatorSystem
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, can, cap_paths, paths_with, scope_q
from partybrand.orgs.tree import ancestor_paths

NOT_EDITOR = "您没有权限修改该指标体系（需该组织的党委管理员或党建工作部角色）。"
NOT_TEMPLATE_EDITOR = "平台模板只能由系统管理员修改；可新建本单位的指标体系。"
NOT_CREATOR = "您没有创建指标体系的权限（需党委管理员或党建工作部角色）。"


def visible_systems(user):
    rows = IndicatorSystem.objects.all()
    if not user.is_authenticated:
        return rows.none()
    if user.is_superuser:
        return rows
    managing = set(paths_with(user, Cap.VIEW_BRANDS))  # experts never see drafts
    drafts = Q(pk__in=[])  # at the owner or above it, with a managing role
    released = Q(pk__in=[])  # anywhere on the owner's line: above it or in its subtree
    for path in cap_paths(user, Cap.VIEW):  # wherever the user sees the tree
        above = Q(owner__path__startswith=path)
        released |= above | Q(owner__path__in=[*ancestor_paths(path), path])
        if path in managing or any(path.startswith(m) for m in managing):
            drafts |= above
    done = Q(status__in=[SystemStatus.PUBLISHED, SystemStatus.RETIRED])
    return rows.filter(
        (Q(owner__isnull=True) & done) | (Q(owner__isnull=False) & (drafts | (done & released)))
    )


def can_edit_system(user, system: IndicatorSystem) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return system.owner_id is not None and can(user, Cap.MANAGE_LIBRARY, system.owner.path)


def can_create_systems(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or bool(paths_with(user, Cap.MANAGE_LIBRARY))
    )


OWNER_KINDS = (OrgKind.GROUP_COMMITTEE, OrgKind.COMMITTEE)


def owner_choices(user):
    """Committees a user may create systems for: the 集团党委 and 二级党委 where (or below
    which) they manage the library."""
    return Organization.objects.filter(
        scope_q(user, Cap.MANAGE_LIBRARY), is_active=True, kind__in=OWNER_KINDS
    ).order_by("path")


def require_editor(user, system: IndicatorSystem) -> None:
    if not can_edit_system(user, system):
        raise PermissionDenied(NOT_TEMPLATE_EDITOR if system.owner_id is None else NOT_EDITOR)


def require_creator(user) -> None:
    if not can_create_systems(user):
        raise PermissionDenied(NOT_CREATOR)


def access_system(user, pk, *, for_edit: bool = False) -> IndicatorSystem:
    """The system if the user may see it (else 404); with `for_edit`, 403 unless they may
    change it."""
    system = get_object_or_404(visible_systems(user).select_related("owner"), pk=pk)
    if for_edit:
        require_editor(user, system)
    return system


def access_indicator(user, pk, *, for_edit: bool = False) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.filter(system__in=visible_systems(user)).select_related(
            "system", "system__owner", "parent"
        ),
        pk=pk,
    )
    if for_edit:
        require_editor(user, indicator.system)
    return indicator
