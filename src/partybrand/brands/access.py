"""The one place that decides which brands a user may see or change."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.orgs.roles import Cap, can, paths_with, scope_q
from partybrand.orgs.tree import ancestor_paths

# What an expert reviewer is shown: brands being reviewed, checked or accepted, and public ones.
REVIEWABLE = [
    BrandStatus.REVIEWING,
    BrandStatus.MIDTERM,
    BrandStatus.ACCEPTING,
    BrandStatus.PUBLICIZING,
    BrandStatus.NAMED,
]


def visible_brands(user):
    """Brands of the user's subtree, plus the brands of the organisations above it: a branch
    sees its group's and company's brands, which its own brand stands under in the matrix."""
    above = {a for path in paths_with(user, Cap.VIEW_BRANDS) for a in ancestor_paths(path)}
    query = scope_q(user, Cap.VIEW_BRANDS, "org__path")
    if above:
        query |= Q(org__path__in=sorted(above))
    if paths_with(user, Cap.REVIEW_BRANDS):
        query |= scope_q(user, Cap.REVIEW_BRANDS, "org__path") & Q(status__in=REVIEWABLE)
    return Brand.objects.filter(query)


def access_brand(user, pk, *, for_edit: bool = False) -> Brand:
    """The brand if the user may see it (else 404); with `for_edit`, 403 unless it may edit."""
    brand = get_object_or_404(visible_brands(user).select_related("org", "parent"), pk=pk)
    if for_edit and not can_edit_brand(user, brand):
        raise PermissionDenied("您没有权限修改该品牌。")
    return brand


def can_edit_brand(user, brand: Brand) -> bool:
    return can(user, Cap.EDIT_BRAND, brand.org.path)
