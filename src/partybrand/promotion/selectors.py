"""The reads the carrier pages and the API share, scoped through the access helpers."""

from collections import OrderedDict
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import TruncMonth

from partybrand.brands.access import visible_brands
from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.roles import Cap, scope_q
from partybrand.orgs.tree import ancestor_paths, subtree_q
from partybrand.promotion.access import visible_carriers, visible_launches, visible_publicity
from partybrand.promotion.choices import (
    Adoption,
    CarrierState,
    PublicityDirection,
    PublicityLevel,
    RecognitionDecision,
)
from partybrand.promotion.models import ActivityPhoto, Carrier, LaunchPhoto, Recognition


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


def brands_to_promote(user):
    """Brands whose launch and publicity the user keeps (Cap.PROMOTE_BRANDS), revoked left out."""
    return (
        Brand.objects.filter(scope_q(user, Cap.PROMOTE_BRANDS, "org__path"), org__is_active=True)
        .exclude(status=BrandStatus.REVOKED)
        .select_related("org")
        .order_by("org__path", "id")
    )


def launch_list(user, *, brand=None):
    rows = visible_launches(user)
    if brand is not None:
        rows = rows.filter(brand=brand)
    return (
        rows.select_related("org", "brand")
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("-held_on", "-id")
    )


def launch_photos(launch):
    return LaunchPhoto.objects.filter(launch=launch).order_by("uploaded_at", "id")


def publicity_list(
    user, *, brand=None, org=None, direction: str = "", level: str = "", year=None, launch=None
):
    """The ledger's rows the user sees, filtered: by brand, by committee (its subtree), by
    direction, level, year, or the launch they report."""
    rows = visible_publicity(user)
    if brand is not None:
        rows = rows.filter(brand=brand)
    if org is not None:
        rows = rows.filter(subtree_q(org.path, "org__path"))
    if direction:
        rows = rows.filter(direction=direction)
    if level:
        rows = rows.filter(level=level)
    if year:
        rows = rows.filter(published_on__year=year)
    if launch is not None:
        rows = rows.filter(launch=launch)
    return rows.select_related("brand", "org", "reported_to").order_by("-published_on", "-id")


def publicity_totals(rows) -> dict:
    """Counts of the rows in SQL: direction × level (with reach), by month, and the adoption of
    what was reported upward by the level it was adopted at."""
    grid = {(d, lv): 0 for d in PublicityDirection.values for lv in PublicityLevel.values}
    reach = dict.fromkeys(PublicityDirection.values, 0)
    for row in (
        rows.order_by().values("direction", "level").annotate(n=Count("id"), reach=Sum("reach"))
    ):
        grid[(row["direction"], row["level"])] = row["n"]
        reach[row["direction"]] += row["reach"] or 0
    table = [
        {
            "label": label,
            "counts": [grid[(value, lv)] for lv in PublicityLevel.values],
            "total": sum(grid[(value, lv)] for lv in PublicityLevel.values),
            "reach": reach[value],
        }
        for value, label in PublicityDirection.choices
    ]
    months = [
        {"month": row["month"], "n": row["n"]}
        for row in rows.order_by()
        .annotate(month=TruncMonth("published_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    ]
    adopted = dict.fromkeys(PublicityLevel.values, 0)
    for row in (
        rows.order_by()
        .filter(adoption=Adoption.ADOPTED)
        .values("adopted_level")
        .annotate(n=Count("id"))
    ):
        adopted[row["adopted_level"]] = row["n"]
    pending = rows.order_by().filter(adoption=Adoption.PENDING).count()
    level_totals = [sum(r["counts"][i] for r in table) for i in range(len(PublicityLevel))]
    return {
        # keyed by codes, for the API
        "by_direction": [
            {
                "direction": value,
                "label": label,
                "total": row["total"],
                "reach": row["reach"],
                "by_level": dict(zip(PublicityLevel.values, row["counts"], strict=True)),
            }
            for (value, label), row in zip(PublicityDirection.choices, table, strict=True)
        ],
        "adopted_by_level": adopted,
        "levels": PublicityLevel.labels,
        "table": table,
        "level_totals": level_totals,
        "total": sum(r["total"] for r in table),
        "by_level": dict(zip(PublicityLevel.values, level_totals, strict=True)),
        "months": months,
        "adopted": [(PublicityLevel(v).label, n) for v, n in adopted.items()],
        "adopted_words": "，".join(
            f"{PublicityLevel(v).label}级 {n} 条" for v, n in adopted.items() if n
        ),
        "adopted_total": sum(adopted.values()),
        "pending": pending,
    }


def publicity_receivers(brand):
    """The organisations above the brand's an item may be reported to, nearest first."""
    above = Organization.objects.filter(path__in=ancestor_paths(brand.org.path), is_active=True)
    return sorted(above, key=lambda o: -len(o.path))


def adoption_due(user):
    """Items reported to a committee the user records adoption for, still waiting."""
    return visible_publicity(user).filter(
        scope_q(user, Cap.ADOPT_PUBLICITY, "reported_to__path"), adoption=Adoption.PENDING
    )
