"""The assessments benchmark: the committee's results page and the rollup API on 10,000 branches.

Builds the synthetic group of bench/common.py (20 二级党委 x 5 党总支 x 100 党支部, plus the
tiny separate group of the same shape) without members or brands, loads the indicator templates
and gives every branch a finalised 党支部标准化 assessment for 2025年度 (23 item scores, 5
dimension totals each: 10,002 assessments, 230,046 item scores, 50,010 dimension totals), in its
own database (PostgreSQL `partybrand_bench_assessments` on 127.0.0.1:5432, else a SQLite file in
bench/out/). Then, as a 党建工作部 user, it requests in-process through Django's test client:

  - the committee results page of the 集团党委 (10,000 branches) and of one 二级党委 (500),
  - the rollup API /api/v1/assessments/results/<org>/ for both,
  - one branch's results page (radar against its 党总支's average and best peer, gap list),

and prints median and p95 server time, the query count, the query count of the same page for
the tiny group (must be equal), and the ratio to the bare SQL aggregate measured in the same
run (the same GROUP BY run raw: the heat map's per-child grouping for the pages, the dimension
averages for the API). Results also go to bench/out/assessments.json.

`--size full` (`make bench BENCH_SIZE=full`) measures the same pages on the group that
bench_cockpit.py built at its full size (50,000 党支部, each with a finalised 2025年度 assessment),
reused as it is: only the item scores and dimension totals its assessments lack are added, once
(1,150,000 and 250,000 rows through COPY; the assessments' totals stay the cockpit's). Results
then go to bench/out/assessments-full.json.

Options: --size small|full, --runs N, --warmup N, --sqlite, --reuse (keep the existing benchmark
database).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import log  # noqa: E402

common.BENCH_DB = common.db_name("assessments")
common.SQLITE_FILE = common.OUT_DIR / "bench-assessments.sqlite3"
RESULT_FILE = common.OUT_DIR / "assessments.json"
PERIOD = "2025年度"
CODE = "branch-standard"

HEAT_SQL = (
    "SELECT SUBSTR(o.path, 1, %s) AS child, d.code, AVG(d.percent), COUNT(*) "
    "FROM assessments_dimensionscore d JOIN orgs_organization o ON o.id = d.org_id "
    "WHERE o.path LIKE %s AND d.system_code = %s AND d.period = %s GROUP BY 1, 2"
)
ROLLUP_SQL = (
    "SELECT d.code, AVG(d.score), AVG(d.percent), COUNT(*) "
    "FROM assessments_dimensionscore d JOIN orgs_organization o ON o.id = d.org_id "
    "WHERE o.path LIKE %s AND d.system_code = %s AND d.period = %s GROUP BY d.code"
)


def leaf_scores(tree, n: int) -> dict:
    """The n-th branch's score on each leaf indicator: a little lost here and there."""
    from decimal import Decimal

    half = Decimal("0.5")
    scores = {}
    for j, leaf in enumerate(tree.leaves):
        points = Decimal(leaf.points)
        lost = Decimal((n * 7 + j * 13) % 5) * half if points else Decimal(0)
        scores[leaf.pk] = max(Decimal(0), points - lost)
    return scores


def add_scores() -> dict:
    """Item scores and dimension totals for the finalised assessments that have none (those of
    the cockpit's group), through COPY; returns row counts."""
    from decimal import Decimal

    from django.db import transaction

    from partybrand.assessments.models import Assessment, DimensionScore, ItemScore
    from partybrand.assessments.scoring import q
    from partybrand.assessments.tree import indicator_tree
    from partybrand.indicators.models import IndicatorSystem

    system = IndicatorSystem.objects.get(code=CODE, version=1)
    tree = indicator_tree(system)
    bare = list(
        Assessment.objects.filter(system=system, period=PERIOD, status="finalised")
        .exclude(dimensions__isnull=False)
        .order_by("pk")
        .values_list("pk", "org_id")
    )
    tops = [top for top in tree.dimensions if top.points]
    top_leaves = {top.pk: [pk for pk, t in tree.top_of.items() if t.pk == top.pk] for top in tops}

    def items():
        for n, (pk, _org_id) in enumerate(bare):
            for leaf_pk, score in leaf_scores(tree, n).items():
                yield (pk, leaf_pk, score, score)

    def dimensions():
        for n, (pk, org_id) in enumerate(bare):
            scores = leaf_scores(tree, n)
            for top in tops:
                score = sum((scores[p] for p in top_leaves[top.pk]), Decimal(0))
                yield (
                    pk,
                    org_id,
                    top.pk,
                    CODE,
                    PERIOD,
                    top.code,
                    top.name,
                    top.position,
                    score,
                    top.points,
                    q(score * 100 / Decimal(top.points)),
                )

    with transaction.atomic():
        item_rows = common.copy_rows(
            ItemScore, ["assessment_id", "indicator_id", "self_score", "final_score"], items()
        )
        dimension_rows = common.copy_rows(
            DimensionScore,
            [
                "assessment_id",
                "org_id",
                "indicator_id",
                "system_code",
                "period",
                "code",
                "name",
                "position",
                "score",
                "max_score",
                "percent",
            ],
            dimensions(),
        )
    common.analyze()
    return {"assessments": len(bare), "items": item_rows, "dimensions": dimension_rows}


def build_assessments() -> dict:
    """A finalised assessment for every branch, bulk-inserted; returns row counts."""
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from partybrand.assessments.models import Assessment, DimensionScore, ItemScore
    from partybrand.assessments.scoring import q, stars_for
    from partybrand.assessments.tree import indicator_tree
    from partybrand.indicators.loader import load_templates
    from partybrand.indicators.models import IndicatorSystem
    from partybrand.orgs.choices import OrgKind
    from partybrand.orgs.models import Organization

    load_templates()
    system = IndicatorSystem.objects.get(code=CODE, version=1)
    tree = indicator_tree(system)
    thresholds = [(s.stars, s.min_score) for s in system.stars.all()]
    branches = list(
        Organization.objects.filter(kind=OrgKind.BRANCH)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    counts = {"assessments": 0, "items": 0, "dimensions": 0}
    with transaction.atomic():
        for batch in common.batched(enumerate(branches), 2000):
            plans, rows = [], []
            for n, org_id in batch:
                scores = leaf_scores(tree, n)
                total = q(sum(scores.values(), Decimal(0)))
                plans.append(scores)
                rows.append(
                    Assessment(
                        system=system,
                        org_id=org_id,
                        period=PERIOD,
                        period_start="2025-01-01",
                        period_end="2025-12-31",
                        status="finalised",
                        self_total=total,
                        final_score=total,
                        stars=stars_for(total, thresholds, veto=False),
                        finalised_at=now,
                    )
                )
            Assessment.objects.bulk_create(rows)
            items, dims = [], []
            for a, scores in zip(rows, plans, strict=True):
                items += [
                    ItemScore(
                        assessment=a,
                        indicator=leaf,
                        self_score=scores[leaf.pk],
                        final_score=scores[leaf.pk],
                    )
                    for leaf in tree.leaves
                ]
                for top in tree.dimensions:
                    if not top.points:
                        continue
                    score = sum(
                        (scores[pk] for pk, t in tree.top_of.items() if t.pk == top.pk),
                        Decimal(0),
                    )
                    dims.append(
                        DimensionScore(
                            assessment=a,
                            org_id=a.org_id,
                            indicator=top,
                            system_code=CODE,
                            period=PERIOD,
                            code=top.code,
                            name=top.name,
                            position=top.position,
                            score=score,
                            max_score=top.points,
                            percent=q(score * 100 / Decimal(top.points)),
                        )
                    )
            ItemScore.objects.bulk_create(items, batch_size=common.BATCH)
            DimensionScore.objects.bulk_create(dims, batch_size=common.BATCH)
            counts["assessments"] += len(rows)
            counts["items"] += len(items)
            counts["dimensions"] += len(dims)
    common.analyze()
    return counts


def measure(client, url: str, *, runs: int, warmup: int) -> dict:
    from django.db import connection

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        return response

    for _ in range(warmup):
        get()
    executed = []  # counted by a wrapper: the debug query log is capped and may be full

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        get()
    timing = common.summary_ms(common.time_calls(get, runs=runs, warmup=0))
    return {"url": url, "queries": len(executed), **timing}


def measure_sql(sql: str, params: list, *, runs: int, warmup: int) -> dict:
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    rows = run()
    timing = common.summary_ms(common.time_calls(run, runs=runs, warmup=warmup))
    return {"rows": len(rows), **timing}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    common.add_size_option(parser)
    args = parser.parse_args()
    started = time.perf_counter()
    global RESULT_FILE
    if args.size == "full":
        common.on_cockpit_group()
        args.reuse = True
        RESULT_FILE = RESULT_FILE.with_name("assessments-full.json")
    url = common.prepare_database(force_sqlite=args.sqlite, reuse=args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings_test")
    import django

    django.setup()
    import logging

    logging.getLogger("partybrand.access").setLevel(logging.WARNING)  # one line per request
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from partybrand.assessments.models import Assessment
    from partybrand.orgs.choices import OrgKind, Role
    from partybrand.orgs.models import Organization

    log(f"database: {common.database_description()} ({url})")
    call_command("migrate", verbosity=0, interactive=False)
    if args.size == "full":
        common.require_cockpit_group()
        group = common.load_group()
        added = add_scores()
        log(f"the cockpit's group reused; scores added to assessments that had none: {added}")
        counts = {"assessments": Assessment.objects.count(), "scored_now": added["assessments"]}
    elif args.reuse and Assessment.objects.exists():
        log("reusing the existing benchmark data (--reuse)")
        group = common.load_group()
        counts = {"assessments": Assessment.objects.count()}
    else:
        log("building the synthetic group (organisations only) and the assessments…")
        common.MEMBERS_PER_BRANCH = common.SMALL_MEMBERS_PER_BRANCH = 0
        common.BRANDS_PER_BRANCH = 0
        t0 = time.perf_counter()
        group, _phases = common.build_group()
        counts = build_assessments()
        log(f"build took {time.perf_counter() - t0:.1f} s: {counts}")

    office = Role.PARTY_OFFICE
    users = {
        "group": common.role_user("bench_group", group.root, office),
        "small": common.role_user("bench_small", group.small_root, office),
    }
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)

    def branches_under(org) -> int:
        return Organization.objects.filter(path__startswith=org.path, kind=OrgKind.BRANCH).count()

    large_branch = Organization.objects.filter(parent=group.general_branch).order_by("path").first()
    small_branch = (
        Organization.objects.filter(parent=group.small_general_branch).order_by("path").first()
    )
    scenarios = [
        (
            f"committee page: 集团党委 ({branches_under(group.root):,} branches)",
            "committee_results",
            group.root,
            group.small_root,
            "heat",
        ),
        (
            f"committee page: 二级党委 ({branches_under(group.committee):,} branches)",
            "committee_results",
            group.committee,
            group.small_committee,
            "heat",
        ),
        ("rollup API: 集团党委", "api:assessment-results", group.root, group.small_root, "rollup"),
        (
            "rollup API: 二级党委",
            "api:assessment-results",
            group.committee,
            group.small_committee,
            "rollup",
        ),
        ("branch page: radar, gaps, trend", "org_results", large_branch, small_branch, "rollup"),
    ]
    results = []
    warnings = []
    for label, name, org, small_org, baseline in scenarios:
        if name.startswith("api:"):
            path = reverse(name, args=[org.pk])
            small_path = reverse(name, args=[small_org.pk])
        else:
            path = reverse(f"assessments:{name}", args=[org.pk])
            small_path = reverse(f"assessments:{name}", args=[small_org.pk])
        log(f"measuring {label}: {path}")
        m = measure(clients["group"], path, runs=args.runs, warmup=args.warmup)
        small = measure(clients["small"], small_path, runs=5, warmup=1)
        base_org = org.parent if name == "org_results" else org
        if baseline == "heat":
            sql, params = HEAT_SQL, [len(base_org.path) + 4, base_org.path + "%", CODE, PERIOD]
        else:
            sql, params = ROLLUP_SQL, [base_org.path + "%", CODE, PERIOD]
        base = measure_sql(sql, params, runs=args.runs, warmup=args.warmup)
        m.update(
            label=label,
            small_queries=small["queries"],
            baseline=baseline,
            baseline_median_ms=base["median_ms"],
            ratio=round(m["median_ms"] / max(base["median_ms"], 0.001), 2),
        )
        if m["queries"] != small["queries"]:
            warnings.append(f"WARNING: {label}: {m['queries']} queries, {small['queries']} small")
        results.append(m)

    log("")
    log(f"database: {common.database_description()}; rows: {counts}")
    header = f"{'scenario':44} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'(small)':>8} "
    header += f"{'baseline':>9} {'base ms':>8} {'ratio':>7}"
    log(header)
    for m in results:
        log(
            f"{m['label']:44} {m['median_ms']:>10.1f} {m['p95_ms']:>8.1f} {m['queries']:>8} "
            f"{m['small_queries']:>8} {m['baseline']:>9} {m['baseline_median_ms']:>8.2f} "
            f"{m['ratio']:>6.1f}x"
        )
    for warning in warnings:
        log(warning)
    total = time.perf_counter() - started
    log(f"total run time: {total:.1f} s")
    common.OUT_DIR.mkdir(exist_ok=True)
    RESULT_FILE.write_text(
        json.dumps(
            {
                "database": common.database_description(),
                "rows": counts,
                "results": results,
                "warnings": warnings,
                "total_seconds": round(total, 1),
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    log(f"results written to {RESULT_FILE.relative_to(Path(__file__).resolve().parent.parent)}")


if __name__ == "__main__":
    main()
