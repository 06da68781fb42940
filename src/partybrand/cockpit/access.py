"""Who sees the cockpit and sets the index's weights. The cockpit of an organisation is open to
the committee staff over it (Cap.VIEW_COCKPIT); whoever sees the organisation but not that gets
403, anyone else 404. A brand's index is read by whoever sees the brand (brands.access)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partybrand.orgs.access import visible_orgs
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, can, holds_anywhere, paths_with

NOT_COCKPIT = "驾驶舱仅向本级及上级党委的党建工作人员开放。"
NOT_WEIGHTS = "您没有权限设置品牌健康度权重。"


def may_open_cockpit(user) -> bool:
    return holds_anywhere(user, Cap.VIEW_COCKPIT)


def home_org(user) -> Organization | None:
    """The organisation whose cockpit the user opens first: the outermost one in reach."""
    if user.is_superuser:
        return Organization.objects.filter(is_active=True).order_by("depth", "path").first()
    paths = paths_with(user, Cap.VIEW_COCKPIT)
    if not paths:
        return None
    return Organization.objects.filter(path=paths[0], is_active=True).first()


def access_cockpit_org(user, pk=None, *, for_weights: bool = False) -> Organization:
    """The organisation whose cockpit is asked for (the user's own when `pk` is None): 404 out
    of reach, 403 when seen but not one's cockpit (or, `for_weights`, weights one may not set)."""
    if pk is None:
        org = home_org(user)
        if org is None:
            raise PermissionDenied(NOT_COCKPIT)
    else:
        org = get_object_or_404(visible_orgs(user), pk=pk)
    if not can(user, Cap.VIEW_COCKPIT, org.path):
        raise PermissionDenied(NOT_COCKPIT)
    if for_weights and not can(user, Cap.SET_HEALTH_WEIGHTS, org.path):
        raise PermissionDenied(NOT_WEIGHTS)
    return org


def may_set_weights(user, org: Organization) -> bool:
    return can(user, Cap.SET_HEALTH_WEIGHTS, org.path)


def org_in_cockpit(user, org: Organization, pk) -> Organization:
    """A child organisation to drill into from `org`'s cockpit: in its subtree or 404."""
    return get_object_or_404(org.subtree(), pk=pk)
