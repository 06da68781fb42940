"""Each organisation's rollup of its subtree, written by set-based SQL: every row below (an
organisation, a brand, a brand's index) is joined to each of its ancestors by equality on the
ancestor's materialised path (`o.path = SUBSTR(d.path, 1, n * STEP_LEN)`, one row per level
`n`), grouped in the database; Python only turns the grouped rows into OrgRollup rows.

An equality join is a hash join, linear in the rows times the tree's depth: 50,000 branches
are 200,000 joined rows. (A `d.path LIKE o.path || '%'` join cannot use an index and compares
every organisation with every other: quadratic, hours at that size.)"""

from __future__ import annotations

from django.db import connection, transaction

from partybrand.brands.choices import BrandStatus
from partybrand.cockpit.choices import BANDS
from partybrand.cockpit.models import PART_FIELDS, OrgMonth, OrgRollup
from partybrand.core import clock
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.tree import STEP_LEN
from partybrand.rounds.choices import ACTIVE_ENTRY, EntryStatus, RoundKind
from partybrand.rounds.models import Round

# The levels of the tree, 1 … its depth: `{steps}` is formatted in from `steps_cte()`.
COVERAGE_SQL = """
    WITH {steps}, state AS (
        SELECT org_id,
               MAX(CASE WHEN status = %s THEN 2 WHEN status <> %s THEN 1 ELSE 0 END) AS s
        FROM brands_brand GROUP BY org_id
    )
    SELECT o.id, o.path, COUNT(*),
           SUM(CASE WHEN state.s = 2 THEN 1 ELSE 0 END),
           SUM(CASE WHEN state.s = 1 THEN 1 ELSE 0 END)
    FROM orgs_organization d
    JOIN steps ON steps.n * {step} <= LENGTH(d.path)
    JOIN orgs_organization o ON o.path = SUBSTR(d.path, 1, steps.n * {step})
    LEFT JOIN state ON state.org_id = d.id
    WHERE d.kind = %s AND d.is_active AND o.is_active {where}
    GROUP BY o.id, o.path
"""

# Brands by status, tier and the province of their organisation, with the index summed over
# those that have one: the funnel, the tiers and the map from one pass over the subtrees.
BRANDS_SQL = """
    WITH {steps}
    SELECT o.id, b.status, b.tier, d.province, COUNT(*), SUM(h.score), COUNT(h.score)
    FROM brands_brand b
    JOIN orgs_organization d ON d.id = b.org_id
    JOIN steps ON steps.n * {step} <= LENGTH(d.path)
    JOIN orgs_organization o ON o.path = SUBSTR(d.path, 1, steps.n * {step})
    LEFT JOIN cockpit_brandhealth h ON h.brand_id = b.id
    WHERE o.is_active {where}
    GROUP BY o.id, b.status, b.tier, d.province
"""

BAND_CASE = " ".join(
    f"WHEN h.score >= {low} THEN {i}" for i, (_label, low) in reversed(list(enumerate(BANDS)))
)
HEALTH_SQL = f"""
    WITH {{steps}}
    SELECT o.id, CASE {BAND_CASE} ELSE 0 END AS band, COUNT(*), AVG(h.score),
           {", ".join(f"AVG(h.{part})" for part in PART_FIELDS)}
    FROM cockpit_brandhealth h
    JOIN steps ON steps.n * {{step}} <= LENGTH(h.org_path)
    JOIN orgs_organization o ON o.path = SUBSTR(h.org_path, 1, steps.n * {{step}})
    WHERE o.is_active {{where}}
    GROUP BY o.id, band
"""  # noqa: S608 (constants only)


# 评选 entries (submitted, not withdrawn) by the organisation each was made from, per round:
# whether the 命名决定 listed it and, if so, the brand tier awarded and the 复评 conclusion.
ENTRIES_SQL = f"""
    WITH {{steps}}
    SELECT o.id, e.round_id,
           CASE WHEN e.status = %s THEN 1 ELSE 0 END AS named,
           CASE WHEN e.status = %s THEN t.brand_tier ELSE NULL END AS tier,
           CASE WHEN e.status = %s THEN e.outcome ELSE NULL END AS outcome,
           COUNT(*)
    FROM rounds_entry e
    JOIN orgs_organization d ON d.id = e.org_id
    JOIN steps ON steps.n * {{step}} <= LENGTH(d.path)
    JOIN orgs_organization o ON o.path = SUBSTR(d.path, 1, steps.n * {{step}})
    LEFT JOIN rounds_roundtier t ON t.id = e.awarded_tier_id
    WHERE e.status IN ({", ".join(["%s"] * len(ACTIVE_ENTRY))}) AND o.is_active {{where}}
    GROUP BY 1, 2, 3, 4, 5
"""  # noqa: S608 (constants and placeholders only)
RECENT_ROUNDS = 5  # the latest rounds kept with their numbers in each rollup


# Each organisation's average index in each month, from its brands' history: a brand counts
# with its last point of the month (its last computation that month).
MONTHS_SQL = """
    WITH {steps}, last AS (
        SELECT brand_id, month, MAX(day) AS day FROM cockpit_brandhealthhistory
        WHERE month IN ({months}) GROUP BY brand_id, month
    )
    SELECT o.id, h.month, COUNT(*), AVG(h.score)
    FROM cockpit_brandhealthhistory h
    JOIN last ON last.brand_id = h.brand_id AND last.day = h.day
    JOIN steps ON steps.n * {step} <= LENGTH(h.org_path)
    JOIN orgs_organization o ON o.path = SUBSTR(h.org_path, 1, steps.n * {step})
    WHERE o.is_active
    GROUP BY o.id, h.month
"""


def steps_cte() -> str:
    """`steps(n)`: the numbers 1 … the depth of the deepest organisation, as a VALUES list
    (PostgreSQL and SQLite alike)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(LENGTH(path)) FROM orgs_organization")
        longest = cursor.fetchone()[0] or 0
    levels = max(1, longest // STEP_LEN)
    return "steps(n) AS (VALUES " + ", ".join(f"({n})" for n in range(1, levels + 1)) + ")"


def _rows(sql: str, params: list, where: str, where_params: list, steps: str = ""):
    with connection.cursor() as cursor:
        # Only constants and placeholders are formatted in; values go as parameters.
        text = sql.format(where=where, steps=steps, step=STEP_LEN)
        cursor.execute(text, params + where_params)  # noqa: S608
        return cursor.fetchall()


def refresh(paths: list[str] | None = None) -> int:
    """Recompute the rollups of every organisation (or of those with the given paths: the
    ancestors of a brand after an event). Returns how many rows were written."""
    where, where_params = "", []
    if paths is not None:
        if not paths:
            return 0
        where = f"AND o.path IN ({', '.join(['%s'] * len(paths))})"
        where_params = list(paths)
    rollups: dict[int, OrgRollup] = {}
    now = clock.now()
    steps = steps_cte()
    for org_id, path, branches, named, creating in _rows(
        COVERAGE_SQL,
        [BrandStatus.NAMED, BrandStatus.REVOKED, OrgKind.BRANCH],
        where,
        where_params,
        steps,
    ):
        rollups[org_id] = OrgRollup(
            org_id=org_id,
            path=path,
            branches=branches,
            branches_named=named or 0,
            branches_creating=creating or 0,
            bands=[0] * len(BANDS),
            computed_at=now,
        )
    paths_of = dict(
        _rows(
            "SELECT o.id, o.path FROM orgs_organization o WHERE o.is_active {where}",
            [],
            where,
            where_params,
        )
    )
    for org_id, path in paths_of.items():
        rollups.setdefault(
            org_id, OrgRollup(org_id=org_id, path=path, bands=[0] * len(BANDS), computed_at=now)
        )
    health_sums: dict[tuple[int, str], list] = {}
    for org_id, status, tier, province, count, score_sum, scored in _rows(
        BRANDS_SQL, [], where, where_params, steps
    ):
        row = rollups[org_id]
        row.brands += count
        row.funnel[status] = row.funnel.get(status, 0) + count
        if tier and status not in (BrandStatus.REVOKED,):
            row.tiers[tier] = row.tiers.get(tier, 0) + count
        if province:
            place = row.provinces.setdefault(province, {"brands": 0, "named": 0, "health": None})
            place["brands"] += count
            place["named"] += count if status == BrandStatus.NAMED else 0
            total = health_sums.setdefault((org_id, province), [0.0, 0])
            total[0] += float(score_sum or 0)
            total[1] += scored
    for (org_id, province), (total, scored) in health_sums.items():
        if scored:
            rollups[org_id].provinces[province]["health"] = round(total / scored, 1)
    sums: dict[int, list] = {}
    for org_id, band, count, avg, *part_avgs in _rows(HEALTH_SQL, [], where, where_params, steps):
        row = rollups[org_id]
        row.bands[band] = count
        kept = sums.setdefault(org_id, [0, 0.0, [0.0] * len(PART_FIELDS)])
        kept[0] += count
        kept[1] += float(avg) * count
        for i, value in enumerate(part_avgs):
            kept[2][i] += float(value) * count
    for org_id, (count, total, part_totals) in sums.items():
        row = rollups[org_id]
        row.health_avg = round(total / count, 1)
        row.part_avgs = {
            p: round(t / count, 1) for p, t in zip(PART_FIELDS, part_totals, strict=True)
        }
    _round_results(rollups, where, where_params, steps)
    month = clock.today().strftime("%Y-%m")
    months = [
        OrgMonth(org_id=org_id, month=month, health_avg=round(total / count, 1), brands=count)
        for org_id, (count, total, _parts) in sums.items()
    ]
    with transaction.atomic():
        if paths is None:
            OrgRollup.objects.all().delete()
            OrgMonth.objects.filter(month=month).delete()
        else:
            OrgRollup.objects.filter(org_id__in=list(rollups)).delete()
            OrgMonth.objects.filter(org_id__in=list(rollups), month=month).delete()
        OrgRollup.objects.bulk_create(rollups.values(), batch_size=2000)
        OrgMonth.objects.bulk_create(months, batch_size=2000)
    return len(rollups)


def _round_results(rollups: dict[int, OrgRollup], where, where_params, steps) -> None:
    """The 评选 figures of every rollup from one grouped pass over the subtrees' entries; the
    rounds themselves (a committee runs a few a year) are read by their ids."""
    year = clock.today().year
    grouped = _rows(
        ENTRIES_SQL, [EntryStatus.NAMED] * 3 + list(ACTIVE_ENTRY), where, where_params, steps
    )
    # The rounds in the order they were held: by year, then as they were set up (created_at:
    # a round recorded later for an earlier date gives its own).
    meta, held = {}, {}
    for r in Round.objects.filter(pk__in={row[1] for row in grouped}).values(
        "id", "title", "year", "kind", "created_at"
    ):
        held[r["id"]] = (r["year"], r.pop("created_at"), r["id"])
        meta[r["id"]] = r
    by_round: dict[int, dict[int, dict]] = {}
    for row in rollups.values():
        row.round_year = year
    for org_id, round_id, named, tier, outcome, count in grouped:
        row = rollups[org_id]
        kind, this_year = meta[round_id]["kind"], meta[round_id]["year"] == year
        one = by_round.setdefault(org_id, {}).setdefault(
            round_id, {"entries": 0, "named": 0, "tiers": {}, "outcomes": {}}
        )
        one["entries"] += count
        row.round_entries += count
        row.round_entries_year += count if this_year else 0
        if not named:
            continue
        one["named"] += count
        if kind == RoundKind.ACCEPTANCE:
            row.round_named += count
            row.round_named_year += count if this_year else 0
            if tier:
                row.round_named_tiers[tier] = row.round_named_tiers.get(tier, 0) + count
                one["tiers"][tier] = one["tiers"].get(tier, 0) + count
        elif kind == RoundKind.REREVIEW and outcome:
            row.round_outcomes[outcome] = row.round_outcomes.get(outcome, 0) + count
            one["outcomes"][outcome] = one["outcomes"].get(outcome, 0) + count
    for org_id, rounds in by_round.items():
        latest = sorted(rounds, key=held.__getitem__, reverse=True)
        rollups[org_id].rounds = [{**meta[pk], **rounds[pk]} for pk in latest[:RECENT_ROUNDS]]


def months_from_history(months: list[str]) -> int:
    """Write every organisation's OrgMonth of the given past months ("2026-03") from the
    brands' history, in one grouped statement: for history kept before the cockpit existed (the
    demo's), where no refresh ran in those months. Returns how many rows were written."""
    if not months:
        return 0
    marks = ", ".join(["%s"] * len(months))
    with connection.cursor() as cursor:
        # Only constants and placeholders are formatted in; the months go as parameters.
        text = MONTHS_SQL.format(steps=steps_cte(), months=marks, step=STEP_LEN)
        cursor.execute(text, list(months))  # noqa: S608
        rows = [
            OrgMonth(org_id=org_id, month=month, health_avg=round(float(avg), 1), brands=count)
            for org_id, month, count, avg in cursor.fetchall()
        ]
    with transaction.atomic():
        OrgMonth.objects.filter(month__in=months).delete()
        OrgMonth.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
