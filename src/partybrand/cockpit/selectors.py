"""What the cockpit page, its 大屏, its export and the API read: the aggregate tables only
(OrgRollup, BrandHealth, BrandHealthHistory), each a query over the organisation's path."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery

from partybrand.brands.choices import TIER_ORDER, BrandStatus, BrandTier
from partybrand.brands.models import Brand
from partybrand.cockpit.choices import BANDS, DEFAULT_WEIGHTS, ROUND_RESULT_LABELS, Part
from partybrand.cockpit.models import (
    BrandHealth,
    BrandHealthHistory,
    HealthWeights,
    OrgMonth,
    OrgRollup,
)
from partybrand.orgs.choices import OrgKind, Province
from partybrand.orgs.models import Organization
from partybrand.orgs.tree import ancestor_paths, subtree_q
from partybrand.rounds.choices import ACTIVE_ENTRY, EntryStatus, RoundKind, RoundOutcome
from partybrand.rounds.models import Entry

LOWEST = 10
NOT_DRILLED = (OrgKind.GROUP, OrgKind.TEAM)  # no brands of their own, no branches below
MONTHS = 12


def rollup(org: Organization) -> OrgRollup | None:
    return OrgRollup.objects.filter(org=org).first()


def children(org: Organization) -> list[tuple[Organization, OrgRollup | None]]:
    """The party organisations right below (not 党小组 or teams), each with its rollup."""
    rows = (
        Organization.objects.filter(parent=org, is_active=True)
        .exclude(kind__in=NOT_DRILLED)
        .order_by("sort_order", "path")
    )
    kept = {
        r.org_id: r
        for r in OrgRollup.objects.filter(org__parent=org, org__is_active=True).exclude(
            org__kind__in=NOT_DRILLED
        )
    }
    return [(child, kept.get(child.pk)) for child in rows]


def lowest(org: Organization, limit: int = LOWEST):
    """The `limit` lowest indexes of the subtree with their brands and organisations: the few
    rows are chosen first (an index in score order), and only they are joined, never the whole
    subtree's 50,000 rows."""
    chosen = (
        BrandHealth.objects.filter(subtree_q(org.path, "org_path"))
        .order_by("score", "brand_id")
        .values("pk")[:limit]
    )
    return (
        BrandHealth.objects.filter(pk__in=Subquery(chosen))
        .select_related("brand", "brand__org")
        .order_by("score", "brand_id")
    )


def health_rows(org: Organization, *, band: int | None = None):
    """Every brand's index in the subtree (the list behind a figure), lowest first."""
    rows = BrandHealth.objects.filter(subtree_q(org.path, "org_path"))
    if band is not None and 0 <= band < len(BANDS):
        rows = rows.filter(score__gte=BANDS[band][1])
        if band + 1 < len(BANDS):
            rows = rows.filter(score__lt=BANDS[band + 1][1])
    return rows.select_related("brand", "brand__org").order_by("score", "brand_id")


def trend(org: Organization, months: int = MONTHS) -> list[dict]:
    """The subtree's average index by month (OrgMonth: one row a month)."""
    rows = OrgMonth.objects.filter(org=org).order_by("-month")[:months]
    return [
        {"month": r.month, "avg": float(r.health_avg), "brands": r.brands}
        for r in reversed(list(rows))
    ]


HISTORY_DAYS = 30


def brand_history(brand_id: int, days: int = HISTORY_DAYS) -> list[dict]:
    """One brand's index day by day (the last computation of each day), oldest first."""
    rows = (
        BrandHealthHistory.objects.filter(brand_id=brand_id)
        .order_by("-day")
        .values("day", "score")[:days]
    )
    return [{"day": r["day"].isoformat(), "score": float(r["score"])} for r in reversed(rows)]


def weights_of(org: Organization) -> tuple[dict[str, int], HealthWeights | None]:
    """The weights in force at `org`: its own newest, else the nearest committee's above."""
    paths = [*ancestor_paths(org.path), org.path]
    row = (
        HealthWeights.objects.filter(org__path__in=paths)
        .select_related("org", "created_by")
        .order_by("-org__depth", "-version")
        .first()
    )
    if row is None:
        return dict(DEFAULT_WEIGHTS), None
    return {p: int(row.weights.get(p, 0)) for p in DEFAULT_WEIGHTS}, row


def weight_history(org: Organization):
    return HealthWeights.objects.filter(org=org).select_related("created_by").order_by("-version")


def summary(org: Organization) -> dict:
    """The cockpit's figures of one organisation, as the page, the 大屏, the export and the
    API show them."""
    r = rollup(org)
    funnel = (r.funnel if r else {}) or {}
    tiers = (r.tiers if r else {}) or {}
    return {
        "org": {"id": org.pk, "name": org.name, "path": org.path},
        "computed_at": r.computed_at.isoformat() if r else None,
        "coverage": {
            "branches": r.branches if r else 0,
            "named": r.branches_named if r else 0,
            "creating": r.branches_creating if r else 0,
            "none": r.branches_none if r else 0,
        },
        "brands": r.brands if r else 0,
        # The one 已命名品牌 figure: brands of every level in the subtree whose status is 已命名,
        # the funnel's 已命名 row (coverage counts branches, not brands).
        "named_brands": funnel.get(BrandStatus.NAMED.value, 0),
        "provinces": provinces(r),
        "funnel": [
            {"status": s.value, "label": s.label, "count": funnel.get(s.value, 0)}
            for s in BrandStatus
        ],
        "tiers": [
            {"tier": t.value, "label": BrandTier(t).label, "count": tiers.get(t.value, 0)}
            for t in TIER_ORDER
        ],
        "rounds": round_results(r),
        "health": {
            "average": float(r.health_avg) if r and r.health_avg is not None else None,
            "bands": [
                {"band": i, "label": label, "count": (r.bands[i] if r and r.bands else 0)}
                for i, (label, _low) in enumerate(BANDS)
            ],
            "parts": [
                {
                    "part": p.value,
                    "label": p.label,
                    "average": (r.part_avgs or {}).get(p.value) if r else None,
                }
                for p in Part
            ],
        },
    }


def round_results(r: OrgRollup | None) -> dict:
    """The subtree's 评选 results: entries this year and in all, brands named in 验收评选 by the
    tier awarded, 复评 conclusions, and the latest rounds entered with their own numbers (each
    figure has its list: `entry_rows` with the filters in `query`)."""
    tiers = (r.round_named_tiers if r else {}) or {}
    outcomes = (r.round_outcomes if r else {}) or {}
    recent = []
    for one in (r.rounds if r else []) or []:
        recent.append(
            {
                "id": one["id"],
                "title": one["title"],
                "year": one["year"],
                "kind": one["kind"],
                "kind_label": RoundKind(one["kind"]).label,
                "entries": one["entries"],
                "named": one["named"],
                "result_label": ROUND_RESULT_LABELS.get(one["kind"], "获命名"),
                "tiers": [
                    {"tier": t.value, "label": t.label, "count": one["tiers"].get(t.value, 0)}
                    for t in TIER_ORDER
                ],
                "outcomes": [
                    {"outcome": o.value, "label": o.label, "count": one["outcomes"].get(o.value, 0)}
                    for o in RoundOutcome
                ],
            }
        )
    return {
        "year": r.round_year if r else None,
        "entries": r.round_entries if r else 0,
        "entries_year": r.round_entries_year if r else 0,
        "named": r.round_named if r else 0,
        "named_year": r.round_named_year if r else 0,
        "tiers": [
            {"tier": t.value, "label": BrandTier(t).label, "count": tiers.get(t.value, 0)}
            for t in TIER_ORDER
        ],
        "outcomes": [
            {"outcome": o.value, "label": o.label, "count": outcomes.get(o.value, 0)}
            for o in RoundOutcome
        ],
        "recent": recent,
        "latest": recent[0] if recent else None,
    }


# The filters of the list behind a 评选 figure, as its links write them.
ENTRY_FILTERS = ("year", "round", "kind", "result", "tier", "outcome")


def entry_filters(params) -> dict[str, str]:
    """The filters read from a request's query (unknown values dropped)."""
    found = {}
    for key in ENTRY_FILTERS:
        value = (params.get(key) or "").strip()
        if not value:
            continue
        if key in ("year", "round") and not (value.isdigit() and len(value) <= 9):
            continue
        if key == "kind" and value not in RoundKind.values:
            continue
        if key == "result" and value != "named":
            continue
        if key == "tier" and value not in BrandTier.values:
            continue
        if key == "outcome" and value not in RoundOutcome.values:
            continue
        found[key] = value
    return found


def entry_rows(org: Organization, filters: dict[str, str]):
    """The subtree's entries behind a 评选 figure: submitted and not withdrawn, made from an
    organisation in the subtree, latest round first; counted as the rollup counts them."""
    rows = Entry.objects.filter(subtree_q(org.path, "org__path"), status__in=ACTIVE_ENTRY)
    if "year" in filters:
        rows = rows.filter(round__year=int(filters["year"]))
    if "round" in filters:
        rows = rows.filter(round_id=int(filters["round"]))
    if "kind" in filters:
        rows = rows.filter(round__kind=filters["kind"])
    if "result" in filters or "tier" in filters or "outcome" in filters:
        rows = rows.filter(status=EntryStatus.NAMED)
    if "tier" in filters:
        rows = rows.filter(awarded_tier__brand_tier=filters["tier"])
    if "outcome" in filters:
        rows = rows.filter(outcome=filters["outcome"])
    return rows.select_related("round", "brand", "org", "awarded_tier").order_by(
        "-round__year", "-round_id", "org__path", "pk"
    )


def provinces(r: OrgRollup | None) -> list[dict]:
    """The subtree's brands by province, most brands first (the cockpit's map)."""
    kept = (r.provinces if r else {}) or {}
    rows = [
        {
            "province": value,
            "label": label,
            "brands": kept[value]["brands"],
            "named": kept[value]["named"],
            "health": kept[value]["health"],
        }
        for value, label in Province.choices
        if value in kept
    ]
    return sorted(rows, key=lambda row: -row["brands"])


# Coverage counts branches (“…的支部”), never brands.
COVERAGE_STATES = {"named": "有已命名品牌", "creating": "品牌创建中", "none": "尚无品牌"}
# The lists behind the figures: every branch (the 党支部 figure), then each coverage state.
BRANCH_LISTS = {
    "all": "全部党支部",
    **{state: f"{label}的党支部" for state, label in COVERAGE_STATES.items()},
}


def branches(org: Organization, state: str):
    """The branches of the subtree in one coverage state (the list behind a coverage figure)."""
    from_brands = Brand.objects.filter(org=OuterRef("pk"))
    rows = Organization.objects.filter(
        subtree_q(org.path), kind=OrgKind.BRANCH, is_active=True
    ).annotate(
        named=Exists(from_brands.filter(status=BrandStatus.NAMED)),
        creating=Exists(from_brands.exclude(status__in=[BrandStatus.NAMED, BrandStatus.REVOKED])),
    )
    if state == "named":
        rows = rows.filter(named=True)
    elif state == "creating":
        rows = rows.filter(named=False, creating=True)
    elif state == "none":
        rows = rows.filter(named=False, creating=False)
    return rows.order_by("path")
