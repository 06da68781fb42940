"""The one place that decides which brands a user may see or change."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partybrand.brands.models import Brand
from partybrand.orgs.roles import Cap, can, scope_q


def visible_brands(user):
    return Brand.objects.filter(scope_q(user, Cap.VIEW, "org__path"))


def access_brand(user, pk, *, for_edit: bool = False) -> Brand:
    """The brand if the user may see it (else 404); with `for_edit`, 403 unless it may edit."""
    brand = get_object_or_404(visible_brands(user).select_related("org", "parent"), pk=pk)
    if for_edit and not can_edit_brand(user, brand):
        raise PermissionDenied("您没有权限修改该品牌。")
    return brand


def can_edit_brand(user, brand: Brand) -> bool:
    return can(user, Cap.EDIT_BRAND, brand.org.path)
