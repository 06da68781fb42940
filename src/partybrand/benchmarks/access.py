"""Who may read and change the benchmark library and a brand's comparisons.

The library is the group's shared reference: every signed-in user reads all of it; importing,
adding, editing and deleting entries need MANAGE_LIBRARY (党建工作部, committee admins).
Comparisons belong to a brand and follow the brand's access: visible with the brand, changed by
those who may edit the brand.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partybrand.benchmarks.models import Benchmark, Comparison
from partybrand.brands.access import can_edit_brand, visible_brands
from partybrand.orgs.roles import Cap, paths_with

NOT_MANAGER = "您没有管理标杆品牌库的权限（需党建工作部或党委管理员角色）。"


def visible_benchmarks(user):
    if not user.is_authenticated:
        return Benchmark.objects.none()
    return Benchmark.objects.all()


def can_manage_library(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or bool(paths_with(user, Cap.MANAGE_LIBRARY))
    )


def require_library_manager(user) -> None:
    if not can_manage_library(user):
        raise PermissionDenied(NOT_MANAGER)


def library_path(user) -> str:
    """The organisation path an audit row of a library change is filed under: the outermost
    organisation where the actor manages the library ("" for the system and superusers)."""
    if user is None or not user.is_authenticated:
        return ""
    paths = paths_with(user, Cap.MANAGE_LIBRARY)
    return paths[0] if paths else ""


def access_benchmark(user, pk, *, for_edit: bool = False) -> Benchmark:
    """The entry (404 if it does not exist); with `for_edit`, 403 unless the user manages the
    library."""
    benchmark = get_object_or_404(visible_benchmarks(user), pk=pk)
    if for_edit:
        require_library_manager(user)
    return benchmark


def access_comparison(user, pk, *, for_edit: bool = False) -> Comparison:
    """A comparison of a brand the user sees (else 404); with `for_edit`, 403 unless the user may
    edit that brand."""
    comparison = get_object_or_404(
        Comparison.objects.filter(brand__in=visible_brands(user)).select_related(
            "brand", "brand__org", "benchmark"
        ),
        pk=pk,
    )
    if for_edit and not can_edit_brand(user, comparison.brand):
        raise PermissionDenied("您没有权限修改该品牌的对标记录。")
    return comparison
