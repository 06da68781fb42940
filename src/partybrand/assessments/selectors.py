"""Reads for the results pages, the brand card and the positioning summary. Aggregates run in
the database over DimensionScore and Assessment with the subtree's path prefix; no read loads
the organisation tree into Python, and each is a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import Substr

from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.models import (
    Assessment,
    DimensionScore,
    ItemScore,
    StandardisationPolicy,
)
from partybrand.assessments.scoring import q
from partybrand.indicators.choices import SystemKind, SystemStatus
from partybrand.indicators.models import IndicatorSystem
from partybrand.orgs.models import Organization
from partybrand.orgs.tree import STEP_LEN, ancestor_paths, subtree_q

FINAL = AssessmentStatus.FINALISED
GAP_ROWS = 10
HEAT_ROWS = 20  # direct children per heat-map page


def finalised():
    return Assessment.objects.filter(status=FINAL)


def standard_code() -> str | None:
    """The code of the standardisation system family (the template, or any published one)."""

    return (
        IndicatorSystem.objects.filter(
            status=SystemStatus.PUBLISHED, kind=SystemKind.STANDARDISATION
        )
        .order_by(F("owner").asc(nulls_first=True), "code", "-version")
        .values_list("code", flat=True)
        .first()
    )


def system_choices() -> list[tuple[str, str]]:
    """(code, name) of published systems, one per family."""

    seen: dict[str, str] = {}
    rows = IndicatorSystem.objects.filter(status=SystemStatus.PUBLISHED).order_by(
        "kind", "code", "-version"
    )
    for code, name in rows.values_list("code", "name"):
        seen.setdefault(code, name)
    return list(seen.items())


def latest_standardisation(org) -> Assessment | None:
    """The organisation's latest finalised standardisation assessment (or None)."""
    return (
        finalised()
        .filter(org=org, system__kind=SystemKind.STANDARDISATION)
        .select_related("system", "org")
        .order_by("-period_start", "-finalised_at")
        .first()
    )


def nearest_policy(org, system_code: str) -> StandardisationPolicy | None:
    """The threshold of the nearest organisation at or above `org` that set one."""
    paths = [*ancestor_paths(org.path), org.path]
    rows = StandardisationPolicy.objects.filter(org__path__in=paths, system_code=system_code)
    return rows.select_related("org").order_by(F("org__depth").desc()).first()


def below_standard(assessment, policy) -> bool:
    """Whether a finalised assessment fails the basics: a triggered 一票否决 always does, a
    score under the committee's threshold when one is set."""
    if assessment is None:
        return False
    if assessment.veto_triggered:
        return True
    return policy is not None and assessment.final_score < policy.min_score


def periods(org, system_code: str) -> list[str]:
    """Periods with finalised assessments in the subtree, newest first."""
    rows = (
        finalised()
        .filter(subtree_q(org.path, "org__path"), system__code=system_code)
        .values_list("period", "period_start")
        .distinct()
        .order_by("-period_start", "period")
    )
    out = []
    for period, _start in rows:
        if period not in out:
            out.append(period)
    return out


# --- one organisation ------------------------------------------------------------------------


def _percents(rows) -> dict[str, Decimal]:
    return {code: q(value) for code, value in rows}


def org_results(org, system_code: str, period: str | None = None) -> dict:
    """Radar (dimensions in percent, against the parent's average and the best peer), the gap
    list and the trend across periods for one organisation."""
    history = list(
        finalised()
        .filter(org=org, system__code=system_code)
        .select_related("system")
        .order_by("period_start", "id")
    )
    if period:
        current = next((a for a in history if a.period == period), None)
    else:
        current = history[-1] if history else None
    out = {
        "assessment": current,
        "trend": [{"period": a.period, "score": float(a.final_score)} for a in history],
        "dimensions": [],
        "gaps": [],
        "peer": None,
        "parent_average": {},
    }
    if current is None:
        return out
    dims = list(current.dimensions.order_by("position", "id"))
    parent_avg: dict = {}
    peer = None
    peer_dims: dict = {}
    if org.parent_id:
        parent = org.parent
        parent_avg = _percents(
            DimensionScore.objects.filter(
                subtree_q(parent.path, "org__path"),
                system_code=system_code,
                period=current.period,
            )
            .values("code")
            .annotate(avg=Avg("percent"))
            .values_list("code", "avg")
        )
        peer = (
            finalised()
            .filter(org__parent_id=org.parent_id, system__code=system_code, period=current.period)
            .exclude(org=org)
            .select_related("org")
            .order_by("-final_score", "org__path")
            .first()
        )
        if peer is not None:
            peer_dims = _percents(peer.dimensions.values_list("code", "percent"))
    out["dimensions"] = [
        {
            "code": d.code,
            "name": d.name,
            "score": float(d.score),
            "max": float(d.max_score),
            "percent": float(d.percent),
            "parent": float(parent_avg[d.code]) if d.code in parent_avg else None,
            "peer": float(peer_dims[d.code]) if d.code in peer_dims else None,
        }
        for d in dims
    ]
    out["peer"] = peer
    out["parent_average"] = parent_avg
    out["gaps"] = list(
        ItemScore.objects.filter(assessment=current, final_score__isnull=False)
        .annotate(lost=F("indicator__points") - F("final_score"))
        .filter(lost__gt=0)
        .select_related("indicator")
        .order_by("-lost", "indicator__code")[:GAP_ROWS]
    )
    return out


# --- a committee's subtree -------------------------------------------------------------------


@dataclass
class StarBucket:
    stars: int
    label: str
    count: int


ZERO_BUCKET = "一票否决/未定星级"  # no star: vetoed, or under the 1-star line (not the 达标线)


def star_distribution(org, system_code: str, period: str) -> list[StarBucket]:
    rows = (
        finalised()
        .filter(subtree_q(org.path, "org__path"), system__code=system_code, period=period)
        .values("stars", "veto_triggered")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(range(6), 0)
    for row in rows:
        stars = 0 if row["veto_triggered"] else (row["stars"] or 0)
        counts[stars] += row["n"]
    return [StarBucket(s, ZERO_BUCKET if s == 0 else f"{s}星", counts[s]) for s in range(5, -1, -1)]


def subtree_summary(org, system_code: str, period: str) -> dict:
    row = (
        finalised()
        .filter(subtree_q(org.path, "org__path"), system__code=system_code, period=period)
        .aggregate(n=Count("id"), avg=Avg("final_score"))
    )
    return {"count": row["n"], "average": q(row["avg"]) if row["avg"] is not None else None}


def dimension_columns(org, system_code: str, period: str) -> list[tuple[str, str]]:
    """(code, name) of the 一级 dimensions present in the subtree for the period."""
    rows = (
        DimensionScore.objects.filter(
            subtree_q(org.path, "org__path"), system_code=system_code, period=period
        )
        .values_list("code", "name", "position")
        .distinct()
        .order_by("position", "code")
    )
    seen: dict[str, str] = {}
    for code, name, _pos in rows:
        seen.setdefault(code, name)
    return list(seen.items())


def heat_map(org, children: list[Organization], system_code: str, period: str) -> list[dict]:
    """Each listed child's subtree average per dimension (percent of the maximum), one query."""
    if not children:
        return []
    width = len(org.path) + STEP_LEN
    prefix = Q(pk__in=[])
    for child in children:
        prefix |= subtree_q(child.path, "org__path")
    rows = (
        DimensionScore.objects.filter(prefix, system_code=system_code, period=period)
        .annotate(child=Substr("org__path", 1, width))
        .values("child", "code")
        .annotate(avg=Avg("percent"), n=Count("id"))
        .values_list("child", "code", "avg", "n")
    )
    cells: dict = {}
    counts: dict = {}
    for child, code, avg, n in rows:
        cells.setdefault(child, {})[code] = q(avg)
        counts[child] = max(counts.get(child, 0), n)
    return [
        {"org": c, "cells": cells.get(c.path, {}), "assessed": counts.get(c.path, 0)}
        for c in children
    ]


def below_threshold(org, system_code: str, period: str, threshold: Decimal):
    """Finalised assessments of the subtree under the threshold or vetoed, lowest first."""
    return (
        finalised()
        .filter(subtree_q(org.path, "org__path"), system__code=system_code, period=period)
        .filter(Q(final_score__lt=threshold) | Q(veto_triggered=True))
        .select_related("org")
        .order_by("final_score", "org__path")
    )


def rollup(org, system_code: str, period: str) -> dict:
    """The API's per-organisation rollup: dimension averages over the subtree, star counts."""
    dims = (
        DimensionScore.objects.filter(
            subtree_q(org.path, "org__path"), system_code=system_code, period=period
        )
        .values("code", "name")
        .annotate(average_score=Avg("score"), average_percent=Avg("percent"), assessed=Count("id"))
        .order_by("code")
    )
    return {
        "org": org.pk,
        "org_name": org.name,
        "system_code": system_code,
        "period": period,
        **subtree_summary(org, system_code, period),
        "dimensions": [
            {
                "code": d["code"],
                "name": d["name"],
                "average_score": q(d["average_score"]),
                "average_percent": q(d["average_percent"]),
                "assessed": d["assessed"],
            }
            for d in dims
        ],
        "stars": [
            {"stars": b.stars, "label": b.label, "count": b.count}
            for b in star_distribution(org, system_code, period)
        ],
    }
