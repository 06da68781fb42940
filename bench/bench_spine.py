"""The spine benchmark: the organisation tree, a subtree page and the brand lists on a large group.

`make bench` builds a synthetic group (10,000 党支部, 300,000 党员, 20,000 品牌) in its own
database (PostgreSQL `partybrand_bench` when a server answers on 127.0.0.1:5432, else a SQLite
file in bench/out/), then requests each page in-process through Django's test client as a
党建工作部 user of the whole group and of one 二级党委, and prints per page: median and p95 server
time, the query count, the query count of the same page for a separate tiny group of the same
shape (集团党委 → 二级党委 → 党总支 → 2 党支部; the counts must be equal: they may not grow with
the data), and the ratio to a baseline measured in the same run, the bare SQL count over the
same subtree. Results also go to bench/out/spine.json.

`--size full` (`make bench BENCH_SIZE=full`) measures the same pages on the group that
bench_cockpit.py built at its full size (50,000 党支部, 1,000,000 党员, 50,000 品牌), reused as it
is; results then go to bench/out/spine-full.json.

Options: --size small|full, --runs N, --warmup N, --sqlite (skip PostgreSQL), --reuse (keep an
existing benchmark database instead of rebuilding it), --slow-ms N (median above which a page's
slowest query is EXPLAIN ANALYZEd).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import log  # noqa: E402

RESULT_FILE = common.OUT_DIR / "spine.json"

BASELINE_SQL = {
    "orgs": "SELECT COUNT(*) FROM orgs_organization o WHERE o.path LIKE %s",
    "members": (
        "SELECT COUNT(*) FROM orgs_member m JOIN orgs_organization o ON o.id = m.org_id "
        "WHERE o.path LIKE %s"
    ),
    "brands": (
        "SELECT COUNT(*) FROM brands_brand b JOIN orgs_organization o ON o.id = b.org_id "
        "WHERE o.path LIKE %s"
    ),
    "orgs+members+brands": (
        "SELECT (SELECT COUNT(*) FROM orgs_organization o WHERE o.path LIKE %s), "
        "(SELECT COUNT(*) FROM orgs_member m JOIN orgs_organization o ON o.id = m.org_id "
        "WHERE o.path LIKE %s), "
        "(SELECT COUNT(*) FROM brands_brand b JOIN orgs_organization o ON o.id = b.org_id "
        "WHERE o.path LIKE %s)"
    ),
}


@dataclass
class Scope:
    """A 党建工作部 user and the organisations its pages are opened at."""

    name: str
    description: str
    user: object
    top: object  # where the role is held
    committee: object  # a 二级党委 within reach
    general_branch: object  # a 党总支 of that 二级党委


@dataclass
class Scenario:
    key: str
    label: str
    url: Callable[[Scope], str]
    baseline: str  # a key of BASELINE_SQL
    baseline_org: Callable[[Scope], object]  # whose subtree the baseline counts
    api: bool = False
    skip: tuple[str, ...] = ()  # scopes for which the page is another row's


def scenarios() -> list[Scenario]:
    from django.urls import reverse

    def top(s):
        return s.top

    return [
        Scenario("org_tree", "tree: top level", lambda s: reverse("orgs:org_tree"), "orgs", top),
        Scenario(
            "org_children_committee",
            "tree: children of 2nd-level cttee",
            lambda s: reverse("orgs:org_children", args=[s.committee.pk]),
            "orgs",
            lambda s: s.committee,
        ),
        Scenario(
            "org_children_general_branch",
            "tree: children of general branch",
            lambda s: reverse("orgs:org_children", args=[s.general_branch.pk]),
            "orgs",
            lambda s: s.general_branch,
        ),
        Scenario(
            "org_detail_committee",
            "subtree page: 2nd-level cttee",
            lambda s: reverse("orgs:org_detail", args=[s.committee.pk]),
            "orgs+members+brands",
            lambda s: s.committee,
        ),
        Scenario(
            "org_detail_top",
            "subtree page: scope's top org",
            lambda s: reverse("orgs:org_detail", args=[s.top.pk]),
            "orgs+members+brands",
            top,
            skip=("committee",),
        ),
        Scenario(
            "brand_list",
            "brand list (page 1)",
            lambda s: reverse("brands:brand_list"),
            "brands",
            top,
        ),
        Scenario(
            "api_brand_list",
            "API /api/v1/brands/ (page 1)",
            lambda s: reverse("api:brand-list"),
            "brands",
            top,
            api=True,
        ),
        Scenario(
            "member_list",
            "member list (page 1)",
            lambda s: reverse("orgs:member_list"),
            "members",
            top,
        ),
        Scenario(
            "api_member_list",
            "API /api/v1/members/ (page 1)",
            lambda s: reverse("api:member-list"),
            "members",
            top,
            api=True,
        ),
        Scenario(
            "api_org_list",
            "API /api/v1/orgs/ (page 1)",
            lambda s: reverse("api:org-list"),
            "orgs",
            top,
            api=True,
        ),
    ]


@dataclass
class Measurement:
    scenario: str
    label: str
    scope: str
    url: str
    timing: dict
    queries: int
    db_ms: float  # time in cursor.execute, median of three counted requests
    response_bytes: int
    baseline: str
    baseline_path: str
    baseline_timing: dict | None = None
    small_queries: int | None = None
    ratio: float | None = None
    api_total: int | None = None  # the API's `count`
    slowest_queries: list = field(default_factory=list)
    explain: str | None = None


def measure_page(client, scenario: Scenario, scope: Scope, url: str, runs: int, warmup: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"HTTP_ACCEPT": "application/json"} if scenario.api else {}

    def get():
        response = client.get(url, **headers)
        if response.status_code != 200:
            raise SystemExit(
                f"{scenario.key} as {scope.name}: GET {url} answered {response.status_code}"
            )
        return response

    durations: list[float] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            durations.append(time.perf_counter() - started)

    for _ in range(warmup):
        get()
    # Three counted requests; the one with the median database time is reported.
    counted = []
    for _ in range(3):
        durations.clear()
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
            response = get()
        counted.append(
            [
                {"ms": round(seconds * 1000, 2), "sql": q["sql"]}
                for q, seconds in zip(captured.captured_queries, durations, strict=True)
            ]
        )
    if len({len(c) for c in counted}) != 1:
        raise SystemExit(f"{scenario.key} as {scope.name}: the query count varies between requests")
    queries = sorted(counted, key=lambda c: sum(q["ms"] for q in c))[1]
    samples = common.time_calls(get, runs=runs, warmup=0)
    slowest = sorted(queries, key=lambda q: q["ms"], reverse=True)[:3]
    return Measurement(
        scenario=scenario.key,
        label=scenario.label,
        scope=scope.name,
        url=url,
        timing=common.summary_ms(samples),
        queries=len(queries),
        db_ms=round(sum(q["ms"] for q in queries), 1),
        response_bytes=len(response.content),
        baseline=scenario.baseline,
        baseline_path=scenario.baseline_org(scope).path,
        api_total=response.json()["count"] if scenario.api else None,
        slowest_queries=slowest,
    )


def measure_baseline(kind: str, path: str, runs: int, warmup: int) -> dict:
    from django.db import connection

    sql = BASELINE_SQL[kind]
    params = [path + "%"] * sql.count("%s")

    def count():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    result = count()
    timing = common.summary_ms(common.time_calls(count, runs=runs, warmup=warmup))
    return {**timing, "sql": sql, "path": path, "counts": list(result)}


def explain(sql: str) -> str:
    from django.db import connection

    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    return "\n".join(" | ".join(str(c) for c in row) for row in rows)


def make_scopes(group) -> list[Scope]:
    from partybrand.orgs.choices import Role

    office = Role.PARTY_OFFICE
    return [
        Scope(
            "group",
            "党建工作部 at the 集团党委 (the whole large group)",
            common.role_user("bench_group", group.root, office),
            group.root,
            group.committee,
            group.general_branch,
        ),
        Scope(
            "committee",
            "党建工作部 at one 二级党委 (500 branches)",
            common.role_user("bench_committee", group.committee, office),
            group.committee,
            group.committee,
            group.general_branch,
        ),
        Scope(
            "small",
            f"党建工作部 at a separate tiny 集团党委 of the same shape "
            f"({common.SMALL_BRANCHES} branches)",
            common.role_user("bench_small", group.small_root, office),
            group.small_root,
            group.small_committee,
            group.small_general_branch,
        ),
    ]


def print_table(rows: list[Measurement]) -> None:
    headers = [
        "scenario",
        "scope",
        "median ms",
        "p95 ms",
        "db ms",
        "queries",
        "queries(small)",
        "baseline",
        "baseline median ms",
        "ratio",
    ]
    table = [
        [
            m.label,
            m.scope,
            f"{m.timing['median_ms']:.1f}",
            f"{m.timing['p95_ms']:.1f}",
            f"{m.db_ms:.1f}",
            str(m.queries),
            "-" if m.small_queries is None else str(m.small_queries),
            f"{m.baseline} count",
            f"{m.baseline_timing['median_ms']:.2f}",
            f"{m.ratio:.1f}x",
        ]
        for m in rows
    ]
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(headers)]
    numeric = {2, 3, 4, 5, 6, 8, 9}

    def line(cells):
        return " | ".join(
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    log(line(headers))
    log("-+-".join("-" * w for w in widths))
    previous = None
    for cells in table:
        if previous is not None and cells[0] != previous:
            log("")
        log(line(cells))
        previous = cells[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--sqlite", action="store_true", help="do not use PostgreSQL")
    parser.add_argument("--reuse", action="store_true", help="keep an existing bench database")
    parser.add_argument("--slow-ms", type=float, default=300.0)
    common.add_size_option(parser)
    args = parser.parse_args()
    started = time.perf_counter()
    global RESULT_FILE
    if args.size == "full":
        common.on_cockpit_group()
        args.reuse = True
        RESULT_FILE = RESULT_FILE.with_name("spine-full.json")

    url = common.prepare_database(force_sqlite=args.sqlite, reuse=args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings_test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from partybrand.orgs.models import Organization

    log(f"database: {common.database_description()} ({url})")
    call_command("migrate", verbosity=0, interactive=False)

    build_seconds = None
    build_phases: dict[str, float] = {}
    if args.size == "full":
        common.require_cockpit_group()
    if args.reuse and Organization.objects.filter(code="G").exists():
        log("reusing the existing benchmark data (--reuse)")
        group = common.load_group()
    else:
        log("building the synthetic group (bulk inserts, batches of 5,000)…")
        t0 = time.perf_counter()
        group, build_phases = common.build_group()
        build_seconds = time.perf_counter() - t0
        log(f"build took {build_seconds:.1f} s")
    counts = common.row_counts(group.root)
    small_counts = common.row_counts(group.small_root)
    rows_line = "large group: " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
    rows_line += "; small group: " + ", ".join(f"{k} {v:,}" for k, v in small_counts.items())
    log(rows_line)

    scopes = make_scopes(group)
    large = [s for s in scopes if s.name != "small"]
    small = next(s for s in scopes if s.name == "small")
    clients = {}
    for scope in scopes:
        clients[scope.name] = Client()
        clients[scope.name].force_login(scope.user)

    rows: list[Measurement] = []
    small_rows: list[Measurement] = []
    warnings: list[str] = []
    notes: list[str] = []
    baselines: dict[tuple[str, str], dict] = {}
    for scenario in scenarios():
        small_m = measure_page(
            clients["small"], scenario, small, scenario.url(small), runs=5, warmup=2
        )
        small_rows.append(small_m)
        for scope in large:
            if scope.name in scenario.skip:
                continue
            url_ = scenario.url(scope)
            log(f"measuring {scenario.key} as {scope.name}: {url_}")
            m = measure_page(clients[scope.name], scenario, scope, url_, args.runs, args.warmup)
            key = (m.baseline, m.baseline_path)
            if key not in baselines:
                baselines[key] = measure_baseline(*key, runs=args.runs, warmup=args.warmup)
            m.baseline_timing = baselines[key]
            m.ratio = round(m.timing["median_ms"] / max(baselines[key]["median_ms"], 0.001), 2)
            m.small_queries = small_m.queries
            if m.queries != small_m.queries:
                warnings.append(
                    f"WARNING: {scenario.key} as {scope.name} makes {m.queries} queries, "
                    f"but {small_m.queries} for the small scope: the count grows with data"
                )
            if m.api_total is not None and m.api_total != sum(baselines[key]["counts"]):
                notes.append(
                    f"note: {scenario.key} as {scope.name}: the API reports {m.api_total:,} "
                    f"rows, the baseline counts {sum(baselines[key]['counts']):,}"
                )
            # The plan of each page's slowest query goes to the JSON; slow pages print it.
            if m.slowest_queries[0]["sql"].lstrip().upper().startswith("SELECT"):
                m.explain = explain(m.slowest_queries[0]["sql"])
            rows.append(m)

    total_seconds = time.perf_counter() - started
    log("")
    log(f"database: {common.database_description()}")
    log(rows_line)
    for scope in scopes:
        log(f"scope {scope.name}: {scope.description}, role at {scope.top.name}")
    log(
        f"{args.runs} timed requests per row after {args.warmup} warm-up; server time = wall "
        "time of the in-process test-client GET (whole Django stack and database)."
    )
    log(
        "baseline = the bare SQL count over the same subtree (orgs / members / brands by "
        "path prefix); ratio = page median / baseline median; db ms = time spent in "
        "cursor.execute in a counted request, median of 3 (SQLite may step rows later)."
    )
    log("")
    print_table(rows)
    log("")
    for line in [*warnings, *notes]:
        log(line)
    if not warnings:
        log("query counts: the same for the large scopes and the small group on every page.")
    if not notes:
        log("API totals equal the baseline counts (every row of the subtree is visible).")
    slow = [m for m in rows if m.timing["median_ms"] > args.slow_ms]
    for m in slow:
        log("")
        log(
            f"SLOW: {m.scenario} as {m.scope}: median {m.timing['median_ms']:.0f} ms; "
            f"slowest query {m.slowest_queries[0]['ms']:.0f} ms:"
        )
        log(m.slowest_queries[0]["sql"])
        log(m.explain)
    if build_seconds is not None:
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in build_phases.items())
        log(f"build: {build_seconds:.1f} s ({phases})")
    log(f"total run time: {total_seconds:.1f} s")

    common.OUT_DIR.mkdir(exist_ok=True)
    RESULT_FILE.write_text(
        json.dumps(
            {
                "database": common.database_description(),
                "vendor": _vendor(),
                "rows": {"large_group": counts, "small_group": small_counts},
                "build_seconds": build_seconds,
                "build_phases": build_phases,
                "total_seconds": round(total_seconds, 1),
                "runs": args.runs,
                "warmup": args.warmup,
                "scopes": {
                    s.name: {"description": s.description, "top": s.top.path} for s in scopes
                },
                "results": [m.__dict__ for m in rows],
                "small_scope_results": [m.__dict__ for m in small_rows],
                "warnings": warnings,
                "notes": notes,
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    log(
        f"results written to {RESULT_FILE.relative_to(Path.cwd()) if _under_cwd() else RESULT_FILE}"
    )


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def _under_cwd() -> bool:
    return RESULT_FILE.is_relative_to(Path.cwd())


if __name__ == "__main__":
    main()
