"""Reads of indicator systems scoped to a user: the systems list (the page's and the API's), a
system's versions and star levels, and what an item's points must be for its level to add up.
The tree itself and the "points add up" panel are read in panel.py."""

from django.db.models import Count, Q

from partybrand.indicators import validation
from partybrand.indicators.access import visible_systems
from partybrand.indicators.choices import SystemKind, SystemStatus
from partybrand.indicators.models import Indicator, IndicatorSystem, StarLevel


def systems(user, *, kind: str = "", status: str = "", q: str = "", code: str = ""):
    """The systems the user may read, with their owner, by code and newest version first;
    narrowed by kind, status, words of the name or code, and one code (all its versions).
    Unknown kinds and statuses are ignored. The API's list; the page's through system_list."""
    rows = visible_systems(user).select_related("owner")
    if kind in SystemKind.values:
        rows = rows.filter(kind=kind)
    if status in SystemStatus.values:
        rows = rows.filter(status=status)
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if code:
        rows = rows.filter(code=code)
    return rows.order_by("code", "-version")


def system_list(user, *, kind: str = "", status: str = "", q: str = ""):
    """The systems list page: `systems` with the number of indicators of each, by owner's
    path, then by code, newest version first."""
    return (
        systems(user, kind=kind, status=status, q=q)
        .annotate(item_count=Count("indicators", distinct=True))
        .order_by("owner__path", "code", "-version")
    )


def system_family(user, system: IndicatorSystem):
    """The versions of the system (same code) that the user may read, newest first."""
    return (
        IndicatorSystem.objects.filter(code=system.code, pk__in=visible_systems(user))
        .only("pk", "version", "status")
        .order_by("-version")
    )


def star_levels(system: IndicatorSystem) -> list[StarLevel]:
    return list(system.stars.all())


def indicator_count(system: IndicatorSystem) -> int:
    return system.indicators.count()


def points_hint(item: Indicator) -> dict:
    """What the item's points must be for its parent (or the system's total) to add up: the
    whole, what the other items of its level take, what is left, and how many others there are."""
    siblings = item.system.indicators.filter(parent_id=item.parent_id).exclude(pk=item.pk)
    others = sum(siblings.values_list("points", flat=True), validation.ZERO)
    whole = item.parent.points if item.parent_id else item.system.total_points
    return {"whole": whole, "others": others, "fits": whole - others, "count": siblings.count()}
