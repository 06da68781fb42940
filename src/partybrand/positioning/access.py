"""Who may read and change a brand's stock-taking: it follows the brand. Anyone who sees the
brand reads it (404 otherwise); changing it needs Cap.EDIT_BRAND over the brand's organisation
(403 otherwise), exactly as for the brand's honours and attachments."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partybrand.brands.access import can_edit_brand, visible_brands
from partybrand.positioning.models import Practice, PracticeEvidence, SwotItem

NOT_EDITOR = "您没有权限修改该品牌的内部梳理。"


def _checked(user, obj, brand, for_edit: bool):
    if for_edit and not can_edit_brand(user, brand):
        raise PermissionDenied(NOT_EDITOR)
    return obj


def visible_practices(user):
    return Practice.objects.filter(brand__in=visible_brands(user))


def visible_swot_items(user):
    return SwotItem.objects.filter(brand__in=visible_brands(user))


def _of_brand(rows, brand_pk, field: str = "brand_id"):
    """Items addressed under a brand (/brands/<brand_pk>/…) must belong to that brand."""
    return rows if brand_pk is None else rows.filter(**{field: brand_pk})


def access_practice(user, pk, *, for_edit: bool = False, brand_pk=None) -> Practice:
    rows = _of_brand(visible_practices(user), brand_pk).select_related("brand__org")
    practice = get_object_or_404(rows, pk=pk)
    return _checked(user, practice, practice.brand, for_edit)


def access_evidence(user, pk, *, for_edit: bool = False) -> PracticeEvidence:
    evidence = get_object_or_404(
        PracticeEvidence.objects.filter(practice__brand__in=visible_brands(user)).select_related(
            "practice__brand__org"
        ),
        pk=pk,
    )
    return _checked(user, evidence, evidence.practice.brand, for_edit)


def access_swot_item(user, pk, *, for_edit: bool = False, brand_pk=None) -> SwotItem:
    rows = _of_brand(visible_swot_items(user), brand_pk).select_related("brand__org")
    item = get_object_or_404(rows, pk=pk)
    return _checked(user, item, item.brand, for_edit)
