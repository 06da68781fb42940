"""Who may read, run and judge activity carriers, launches and the publicity ledger. Each
belongs to its organisation's brand: whoever sees that brand reads it — the brand's own subtree
and the organisations below it, whose brands stand under it in the matrix (404 otherwise); its
secretary and branch committee (and the staff above) run carriers with Cap.RUN_CARRIERS and
plan launches and keep the ledger with Cap.PROMOTE_BRANDS; the committee staff above judge
carriers with Cap.RECOGNISE_CARRIERS; the committee an item was reported to records its
adoption with Cap.ADOPT_PUBLICITY (403 when visible but not allowed)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.orgs.roles import Cap, can, holds_anywhere, paths_with, scope_q
from partybrand.orgs.tree import ancestor_paths
from partybrand.promotion.models import (
    Activity,
    ActivityPhoto,
    Carrier,
    Launch,
    LaunchPhoto,
    PublicityEntry,
)

NOT_RUNNER = "您没有权限维护该活动载体。"
NOT_JUDGE = "评定须由上级党组织进行，您没有权限评定该活动载体。"
NOT_PROMOTER = "您没有权限维护该品牌的发布会和推介台账。"
NOT_RECEIVER = "采用情况由接收报送的党组织记录，您没有权限记录。"


def seen_q(user, field: str = "org__path") -> Q:
    """Rows of organisations whose brands the user sees: its subtree and the organisations
    above it (as brands.access.visible_brands), so a branch sees its group's carriers on the
    group brand's page."""
    above = {a for path in paths_with(user, Cap.VIEW_BRANDS) for a in ancestor_paths(path)}
    query = scope_q(user, Cap.VIEW_BRANDS, field)
    if above:
        query |= Q(**{f"{field}__in": sorted(above)})
    return query


def visible_carriers(user):
    return Carrier.objects.filter(seen_q(user))


def can_run(user, carrier: Carrier) -> bool:
    return can(user, Cap.RUN_CARRIERS, carrier.org.path)


def can_recognise(user, carrier: Carrier) -> bool:
    return can(user, Cap.RECOGNISE_CARRIERS, carrier.org.path, strictly_above=True)


def may_create_somewhere(user) -> bool:
    return holds_anywhere(user, Cap.RUN_CARRIERS)


def access_carrier(user, pk, *, for_edit: bool = False, for_recognition: bool = False) -> Carrier:
    """The carrier if the user may see it (else 404); with `for_edit` or `for_recognition`,
    403 unless the user may run or judge it."""
    rows = visible_carriers(user).select_related("org", "brand", "leader")
    carrier = get_object_or_404(rows, pk=pk)
    if for_edit and not can_run(user, carrier):
        raise PermissionDenied(NOT_RUNNER)
    if for_recognition and not can_recognise(user, carrier):
        raise PermissionDenied(NOT_JUDGE)
    return carrier


def access_activity(user, pk, *, carrier_pk=None) -> Activity:
    rows = Activity.objects.filter(carrier__in=visible_carriers(user))
    if carrier_pk is not None:
        rows = rows.filter(carrier_id=carrier_pk)
    return get_object_or_404(rows.select_related("carrier__org"), pk=pk)


def access_photo(user, pk) -> ActivityPhoto:
    rows = ActivityPhoto.objects.filter(activity__carrier__in=visible_carriers(user))
    return get_object_or_404(rows, pk=pk)


def visible_launches(user):
    return Launch.objects.filter(seen_q(user))


def visible_publicity(user):
    return PublicityEntry.objects.filter(seen_q(user))


def can_promote(user, org) -> bool:
    return can(user, Cap.PROMOTE_BRANDS, org.path)


def can_adopt(user, entry: PublicityEntry) -> bool:
    return entry.reported_to is not None and can(user, Cap.ADOPT_PUBLICITY, entry.reported_to.path)


def access_launch(user, pk, *, for_edit: bool = False) -> Launch:
    rows = visible_launches(user).select_related("org", "brand")
    launch = get_object_or_404(rows, pk=pk)
    if for_edit and not can_promote(user, launch.org):
        raise PermissionDenied(NOT_PROMOTER)
    return launch


def access_launch_photo(user, pk) -> LaunchPhoto:
    return get_object_or_404(LaunchPhoto.objects.filter(launch__in=visible_launches(user)), pk=pk)


def access_publicity(user, pk, *, for_adoption: bool = False) -> PublicityEntry:
    rows = visible_publicity(user).select_related("org", "brand", "reported_to", "launch")
    entry = get_object_or_404(rows, pk=pk)
    if for_adoption and not can_adopt(user, entry):
        raise PermissionDenied(NOT_RECEIVER)
    return entry
