"""Who may read, run and judge activity carriers. A carrier belongs to its organisation:
whoever sees that organisation's brands reads it (404 otherwise); its secretary and branch
committee (and the staff above) run it with Cap.RUN_CARRIERS; the committee staff above it
judge it with Cap.RECOGNISE_CARRIERS (403 when visible but not allowed)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partybrand.orgs.roles import Cap, can, holds_anywhere, scope_q
from partybrand.promotion.models import Activity, ActivityPhoto, Carrier

NOT_RUNNER = "您没有权限维护该活动载体。"
NOT_JUDGE = "评定须由上级党组织进行，您没有权限评定该活动载体。"


def visible_carriers(user):
    return Carrier.objects.filter(scope_q(user, Cap.VIEW_BRANDS, "org__path"))


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
