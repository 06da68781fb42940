"""The reads the carrier pages and the API share, scoped through the access helpers."""

from collections import OrderedDict
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from partybrand.brands.access import visible_brands
from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.roles import Cap, scope_q
from partybrand.orgs.tree import subtree_q
from partybrand.promotion.access import visible_carriers
from partybrand.promotion.choices import CarrierState, RecognitionDecision
from partybrand.promotion.models import ActivityPhoto, Carrier, Recognition


def recheck_due(user, today):
    """Carriers the user judges (from above) whose latest recognition was granted with a
    re-check date that has come: the committee looks again at what they still do."""
    later = Recognition.objects.filter(carrier=OuterRef("carrier")).filter(
        Q(decided_on__gt=OuterRef("decided_on"))
        | Q(decided_on=OuterRef("decided_on"), pk__gt=OuterRef("pk"))
    )
    due = Recognition.objects.filter(
        decision=RecognitionDecision.GRANTED, recheck_on__lte=today
    ).exclude(Exists(later))
    return Carrier.objects.filter(
        scope_q(user, Cap.RECOGNISE_CARRIERS, "org__path", strictly_above=True),
        state=CarrierState.ACTIVE,
        pk__in=due.values("carrier_id"),
    )


def carrier_list(user, *, kind: str = "", brand=None, org=None, due_on=None):
    """The carriers the user sees, with what the list shows counted in SQL; with `due_on`,
    only those whose re-check has come (recheck_due)."""
    rows = visible_carriers(user)
    if due_on is not None:
        rows = rows.filter(pk__in=recheck_due(user, due_on).values("pk"))
    if kind:
        rows = rows.filter(kind=kind)
    if brand is not None:
        rows = rows.filter(brand=brand)
    if org is not None:
        rows = rows.filter(subtree_q(org.path, "org__path"))
    granted = Recognition.objects.filter(decision=RecognitionDecision.GRANTED).order_by(
        "-decided_on", "-id"
    )
    return (
        rows.select_related("org", "brand", "leader")
        .annotate(
            member_count=Count("members", distinct=True),
            activity_count=Count("activities", distinct=True),
        )
        .prefetch_related(Prefetch("recognitions", queryset=granted, to_attr="granted"))
        .order_by("org__path", "kind", "id")
    )


def filter_brands(user):
    """Brands offered in the list's filter: those that have carriers the user sees."""
    return visible_brands(user).filter(carriers__in=visible_carriers(user)).distinct()


def filter_orgs(user):
    return Organization.objects.filter(pk__in=visible_carriers(user).values("org_id")).order_by(
        "path"
    )


def activities_of(carrier: Carrier):
    photos = ActivityPhoto.objects.order_by("uploaded_at", "id")
    return carrier.activities.prefetch_related(
        "participants", Prefetch("photos", queryset=photos)
    ).order_by("-held_on", "-id")


def result_totals(activities) -> list[dict]:
    """The activities' results added up per label and unit, in the order first met."""
    totals: OrderedDict[tuple[str, str], Decimal] = OrderedDict()
    for activity in activities:
        for row in activity.results:
            key = (row["label"], row.get("unit", ""))
            totals[key] = totals.get(key, Decimal(0)) + Decimal(str(row["number"]))
    return [
        {"label": label, "unit": unit, "number": _plain(number)}
        for (label, unit), number in totals.items()
    ]


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def roll_for(org: Organization):
    """The members on the roll of the organisation and those below it, for leader, members and
    participants."""
    return (
        Member.objects.filter(subtree_q(org.path, "org__path"), is_active=True)
        .select_related("org")
        .order_by("org__path", "name", "id")
    )


def brands_to_run(user):
    """Brands under which the user may set up carriers: those of organisations where the user
    runs carriers, revoked brands left out."""
    return (
        Brand.objects.filter(scope_q(user, Cap.RUN_CARRIERS, "org__path"), org__is_active=True)
        .exclude(status=BrandStatus.REVOKED)
        .select_related("org")
        .order_by("org__path", "id")
    )


def recognitions_of(carrier: Carrier):
    return carrier.recognitions.select_related("decided_by").order_by("-decided_on", "-id")
