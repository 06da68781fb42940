"""Reads of brands scoped to a user."""

from django.db.models import Count, Prefetch

from partybrand.brands.access import visible_brands
from partybrand.brands.choices import BrandStatus
from partybrand.brands.filters import BrandFilter
from partybrand.brands.models import Kpi
from partybrand.orgs.access import visible_orgs
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.roles import Cap, scope_q
from partybrand.orgs.tree import ancestor_paths

BRAND_OWNER_KINDS = [
    OrgKind.GROUP_COMMITTEE,
    OrgKind.COMMITTEE,
    OrgKind.GENERAL_BRANCH,
    OrgKind.BRANCH,
]
MAX_ORG_CHOICES = 500


def brand_list(user, params, *, request=None) -> BrandFilter:
    """The brands the user may see, filtered by the list's query string (the API's filter too)."""
    queryset = visible_brands(user).select_related("org", "parent")
    return BrandFilter(params, queryset=queryset, request=request)


def status_counts(user, params=None, *, request=None) -> list[tuple[str, str, int]]:
    """Brands by status: of every brand the user sees, or of the list under the query string's
    other filters (organisation, tier, province…), so each badge counts what it would open."""
    rows = visible_brands(user)
    if params is not None:
        others = params.copy()
        others.pop("status", None)
        others.pop("page", None)
        found = brand_list(user, others, request=request)
        found.is_valid()
        rows = found.qs
    counts = dict(rows.values_list("status").annotate(n=Count("id")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in BrandStatus.choices]


def orgs_for_new_brand(user):
    """Organisations the user may create a brand for."""
    return (
        visible_orgs(user)
        .filter(scope_q(user, Cap.EDIT_BRAND), kind__in=BRAND_OWNER_KINDS)
        .order_by("path")
    )


def parent_brand_choices(user, brand):
    """Brands of the organisations above this brand's owner: the brand matrix."""
    return visible_brands(user).filter(org__path__in=ancestor_paths(brand.org.path))


def brand_detail_parts(user, brand) -> dict:
    return {
        "phrases": list(brand.phrases.all()),
        "kpis": list(brand.kpis.prefetch_related(Prefetch("values")).all()),
        "honours": list(brand.honours.all()),
        "attachments": list(brand.attachments.select_related("uploaded_by")),
        "events": list(brand.events.select_related("actor")),
        "children": list(
            visible_brands(user).filter(parent=brand).select_related("org").order_by("name")
        ),
    }


def kpi_chart_data(kpis: list[Kpi]) -> list[dict]:
    return [
        {
            "id": kpi.pk,
            "name": kpi.name,
            "unit": kpi.unit,
            "baseline": float(kpi.baseline),
            "baseline_on": kpi.baseline_on.isoformat(),
            "target": float(kpi.target),
            "values": [
                {"date": v.measured_on.isoformat(), "value": float(v.value)}
                for v in kpi.values.all()
            ],
        }
        for kpi in kpis
    ]


def matrix_levels(user, roots, depth: int = 3) -> dict:
    """Children of the given root brands, level by level: one query per level."""
    children: dict[int, list] = {}
    level_ids = [b.pk for b in roots]
    for _ in range(depth):
        if not level_ids:
            break
        rows = list(
            visible_brands(user)
            .filter(parent_id__in=level_ids)
            .select_related("org")
            .order_by("name")
        )
        for row in rows:
            children.setdefault(row.parent_id, []).append(row)
        level_ids = [row.pk for row in rows]
    return children
