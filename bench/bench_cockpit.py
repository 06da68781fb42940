"""The cockpit benchmark: the brand health index of every brand, and the committee cockpit read
from the aggregate tables, on a large synthetic group.

Builds the group of bench/common.py at the size asked in its own database (PostgreSQL
`partybrand_bench_cockpit`, else a SQLite file): `--size full` (`make bench BENCH_SIZE=full`:
the issue's 50,000 党支部 with one brand each, 1,000,000 members, 2,000,000 tasks and 50,000
assessments; the spine, plans and assessments benchmarks then run again on it) or `--size
small` (the default, what `make bench` runs: 2,000 branches); `--branches`,
`--members` (per branch) and `--tasks` (per brand) override the preset. Members and tasks go in
through COPY on PostgreSQL. Every brand gets a plan with its tasks, a KPI with a value, an honour
for some, and every branch a finalised standardisation assessment; three rounds take entries
from the brands (the cockpit's 评选结果). Then it:

- prints how long each part of the build took and its rate (rows per second);
- times a full recompute (`compute.recompute()`: every index, today's history, every rollup);
- times one brand's recompute after an event (the index and its ancestors' rollups);
- requests the cockpit page, its 大屏, the API and the home page (工作台: the cockpit's figures
  first, then the to-do list) as the group's 党建工作部 user and as a 二级党委's administrator,
  printing median and p95 server time, the query count and the ratio of p95 to the p95 of the bare
  SQL over the aggregate tables in the same run (the organisation's rollup, its children with
  their rollups, the lowest brands with their organisations and the monthly trend). Targets: p95
  ≤ 300 ms and ≤ 3×.

Results go to bench/out/cockpit.json. Options: --size full|small, --branches N, --members N,
--tasks N, --runs N, --warmup N, --sqlite, --reuse.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import log  # noqa: E402

common.on_cockpit_group()
RESULT_FILE = common.OUT_DIR / "cockpit.json"
TODAY = datetime.date(2026, 6, 1)
TASKS_PER_PLAN = 40
# (branches, members per branch, tasks per brand)
SIZES = {"full": (50_000, 20, 40), "small": (2_000, 20, 40)}


def size_group(branches: int, members: int) -> None:
    """Scale common.py's group: 20 二级党委 × 5 党总支 × N branches, one brand per branch."""
    per_general = max(1, branches // (common.COMMITTEES * common.GENERAL_BRANCHES_PER_COMMITTEE))
    common.BRANCHES_PER_GENERAL_BRANCH = per_general
    common.MEMBERS_PER_BRANCH = members
    common.BRANDS_PER_BRANCH = 1


def build_rounds(owner, brands: list[tuple[int, int]]) -> int:
    """The group's 评选 for the cockpit's 评选结果: last year's 验收评选 (every brand entered,
    three in four named at a tier by turns), this year's 复评 (every fourth brand, a conclusion
    each by turns) and this year's 验收评选 open (every second brand submitted)."""
    from partybrand.orgs.models import Organization
    from partybrand.rounds.models import Entry, Round, RoundTier

    root = Organization.objects.order_by("depth", "path").first()
    made = {}
    for key, kind, year, status in (
        ("past", "acceptance", TODAY.year - 1, "closed"),
        ("review", "rereview", TODAY.year, "closed"),
        ("open", "acceptance", TODAY.year, "entry"),
    ):
        round_ = Round.objects.create(
            committee=root,
            kind=kind,
            title=f"{year}年度{key}",
            year=year,
            status=status,
            created_by=owner,
        )
        tiers = [
            RoundTier.objects.create(
                round=round_, name=name, brand_tier=tier, rank=rank, quota=len(brands)
            )
            for rank, (tier, name) in enumerate(
                [("flagship", "精品"), ("demonstration", "示范"), ("cultivated", "培育")], start=1
            )
        ]
        made[key] = (round_, tiers)
    outcomes = ["keep", "upgrade", "downgrade", "rectify", "revoke"]

    def rows():
        past, past_tiers = made["past"]
        review, review_tiers = made["review"]
        current, _tiers = made["open"]
        for n, (brand_id, org_id) in enumerate(brands):
            named = n % 4 != 0
            yield (
                past.pk,
                brand_id,
                org_id,
                "named" if named else "not_named",
                past_tiers[n % 3].pk if named else None,
                "",
                owner.pk,
            )
            if n % 4 == 1:
                yield (
                    review.pk,
                    brand_id,
                    org_id,
                    "named",
                    review_tiers[n % 3].pk,
                    outcomes[n % 5],
                    owner.pk,
                )
            if n % 2 == 0:
                yield (current.pk, brand_id, org_id, "submitted", None, "", owner.pk)

    return common.copy_rows(
        Entry,
        ["round_id", "brand_id", "org_id", "status", "awarded_tier_id", "outcome", "created_by_id"],
        rows(),
    )


def build_work() -> dict[str, float]:
    """A plan with tasks, a KPI with a value and, for every fifth brand, an honour; a finalised
    standardisation assessment for every branch. Returns the seconds each part took."""
    from django.db import transaction
    from django.utils import timezone

    from partybrand.assessments.models import Assessment
    from partybrand.brands.models import Brand, Honour, Kpi, KpiValue
    from partybrand.core.models import User
    from partybrand.indicators.loader import load_templates
    from partybrand.indicators.models import IndicatorSystem
    from partybrand.orgs.choices import OrgKind
    from partybrand.orgs.models import Organization
    from partybrand.plans.models import Phase, Plan, Task

    timings: dict[str, float] = {}
    started = time.perf_counter()
    owner, _ = User.objects.get_or_create(
        username="cockpit_owner", defaults={"display_name": "责任人"}
    )
    checker, _ = User.objects.get_or_create(
        username="cockpit_checker", defaults={"display_name": "验收人"}
    )
    brands = list(Brand.objects.order_by("id").values_list("id", "org_id"))
    start = TODAY - datetime.timedelta(days=120)
    step = max(1, 120 // TASKS_PER_PLAN)
    plans_of: list = []
    with transaction.atomic():
        for chunk in common.batched(brands, 2000):
            plans = Plan.objects.bulk_create(
                [
                    Plan(org_id=o, brand_id=b, title="品牌创建计划", status="active", start=start)
                    for b, o in chunk
                ]
            )
            phases = Phase.objects.bulk_create(
                [
                    Phase(plan=p, position=1, name="培育", start=start, end=TODAY, status="open")
                    for p in plans
                ]
            )
            plans_of += zip(plans, phases, strict=True)
            kpis = Kpi.objects.bulk_create(
                [
                    Kpi(
                        brand_id=b,
                        name="隐患整改率",
                        unit="%",
                        direction="up",
                        baseline=50,
                        baseline_on=start,
                        target=100,
                    )
                    for b, _o in chunk
                ]
            )
            KpiValue.objects.bulk_create(
                [KpiValue(kpi=k, measured_on=TODAY, value=50 + k.pk % 50) for k in kpis]
            )
            Honour.objects.bulk_create(
                [
                    Honour(brand_id=b, title="先进基层党组织", level="company", year=2025)
                    for b, _o in chunk
                    if b % 5 == 0
                ]
            )
    timings["plans, KPIs, honours"] = time.perf_counter() - started
    log(f"  plans, KPIs, honours: {len(brands):,} each in {timings['plans, KPIs, honours']:.1f} s")

    def tasks():
        for plan, phase in plans_of:
            for i in range(TASKS_PER_PLAN):
                deadline = start + datetime.timedelta(days=step * (i + 1))
                done = (plan.pk + i) % 3 != 0
                yield (
                    plan.pk,
                    phase.pk,
                    f"任务{i + 1}",
                    "责任内容",
                    "验收标准",
                    owner.pk,
                    checker.pk,
                    start,
                    deadline,
                    100 if done else 50,
                    "verified" if done else "doing",
                    datetime.datetime.combine(deadline, datetime.time(9), tzinfo=UTC)
                    if done
                    else None,
                )

    names = [
        "plan_id",
        "phase_id",
        "title",
        "duty",
        "standard",
        "owner_id",
        "checker_id",
        "start",
        "deadline",
        "progress",
        "status",
        "verified_at",
    ]
    started = time.perf_counter()
    with transaction.atomic():
        count = common.copy_rows(Task, names, tasks())
    timings["tasks"] = time.perf_counter() - started
    log(
        f"  tasks: {count:,} in {timings['tasks']:.1f} s "
        f"({count / max(timings['tasks'], 0.001):,.0f} rows/s)"
    )

    started = time.perf_counter()
    load_templates()
    system = IndicatorSystem.objects.filter(code="branch-standard").order_by("version").first()
    now = timezone.now()
    branches = list(Organization.objects.filter(kind=OrgKind.BRANCH).values_list("pk", flat=True))
    with transaction.atomic():
        count = common.copy_rows(
            Assessment,
            [
                "system_id",
                "org_id",
                "period",
                "period_start",
                "period_end",
                "status",
                "self_total",
                "final_score",
                "finalised_at",
            ],
            (
                (
                    system.pk,
                    org_id,
                    "2025年度",
                    datetime.date(2025, 1, 1),
                    datetime.date(2025, 12, 31),
                    "finalised",
                    60 + org_id % 40,
                    60 + org_id % 40,
                    now,
                )
                for org_id in branches
            ),
        )
    timings["assessments"] = time.perf_counter() - started
    log(f"  assessments: {count:,} in {timings['assessments']:.1f} s")
    started = time.perf_counter()
    with transaction.atomic():
        count = build_rounds(owner, brands)
    timings["round entries"] = time.perf_counter() - started
    log(f"  round entries: {count:,} in {timings['round entries']:.1f} s")
    started = time.perf_counter()
    common.analyze()
    timings["analyze"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common.add_size_option(parser)
    parser.add_argument("--branches", type=int, help="党支部 (one brand each)")
    parser.add_argument("--members", type=int, help="members per branch")
    parser.add_argument("--tasks", type=int, help="tasks per brand's plan")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    global TASKS_PER_PLAN
    started = time.perf_counter()
    branches, members, tasks = SIZES[args.size]
    TASKS_PER_PLAN = args.tasks or tasks
    size_group(args.branches or branches, args.members or members)
    url = common.prepare_database(force_sqlite=args.sqlite, reuse=args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings_test")
    import django

    django.setup()
    import logging

    logging.getLogger("partybrand.access").setLevel(logging.WARNING)  # one line per request
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Subquery
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from partybrand.assessments.models import Assessment
    from partybrand.brands.models import Brand
    from partybrand.cockpit import compute, jobs
    from partybrand.cockpit.models import BrandHealth, OrgMonth, OrgRollup
    from partybrand.core import clock
    from partybrand.orgs.choices import Role
    from partybrand.orgs.models import Organization
    from partybrand.orgs.tree import subtree_q
    from partybrand.plans.models import Task

    log(f"database: {common.database_description()} ({url})")
    call_command("migrate", verbosity=0, interactive=False)
    build: dict[str, float] = {}
    if args.reuse and Organization.objects.filter(code="G").exists():
        group = common.load_group()
    else:
        t0 = time.perf_counter()
        group, build = common.build_group()
        build.update(build_work())
        build["total"] = time.perf_counter() - t0
        log(f"build: {build['total']:.0f} s in all")
    clock.today = lambda: TODAY
    counts = common.row_counts(group.root)
    log(f"group: {counts}")

    t0 = time.perf_counter()
    computed = compute.recompute()
    full_s = time.perf_counter() - t0
    log(f"full recompute: {computed:,} brands in {full_s:.1f} s")
    one = Brand.objects.filter(org__path__startswith=group.committee.path).first()
    t0 = time.perf_counter()
    jobs.recompute_brand(one.pk)
    event_s = time.perf_counter() - t0
    log(f"one brand after an event: {event_s * 1000:.0f} ms")
    common.analyze()  # the rows just written, as autovacuum would see them

    staff = common.role_user("bench_cockpit_office", group.root, Role.PARTY_OFFICE)
    mid = common.role_user("bench_cockpit_mid", group.committee, Role.MID_ADMIN)
    staff_client, mid_client = Client(), Client()
    staff_client.force_login(staff)
    mid_client.force_login(mid)

    def bare(org):
        """The same aggregate rows the page reads, as plain queries."""

        def run():
            list(OrgRollup.objects.filter(org=org))
            list(OrgRollup.objects.filter(org__parent=org))
            list(Organization.objects.filter(parent=org))
            lowest = (
                BrandHealth.objects.filter(subtree_q(org.path, "org_path"))
                .order_by("score", "brand_id")
                .values("pk")[:10]
            )  # the ten chosen first, then joined to their brands and organisations
            list(
                BrandHealth.objects.filter(pk__in=Subquery(lowest))
                .select_related("brand", "brand__org")
                .order_by("score", "brand_id")
            )
            list(OrgMonth.objects.filter(org=org).order_by("-month")[:12])

        return run

    def page(client, url_):
        def get():
            response = client.get(url_)
            assert response.status_code == 200, (url_, response.status_code)

        return get

    def queries(client, url_):
        with CaptureQueriesContext(connection) as ctx:
            client.get(url_)
        return len(ctx)

    scenarios = [
        ("group: cockpit", staff_client, f"/cockpit/orgs/{group.root.pk}/", group.root),
        ("group: 大屏", staff_client, f"/cockpit/orgs/{group.root.pk}/screen/", group.root),
        ("group: API", staff_client, f"/api/v1/cockpit/orgs/{group.root.pk}/", group.root),
        (
            "committee: cockpit",
            mid_client,
            f"/cockpit/orgs/{group.committee.pk}/",
            group.committee,
        ),
        (
            "committee: API",
            mid_client,
            f"/api/v1/cockpit/orgs/{group.committee.pk}/",
            group.committee,
        ),
        # The home page reads the same rollup plus the to-do list's counts.
        ("group: 工作台", staff_client, "/", group.root),
        ("committee: 工作台", mid_client, "/", group.committee),
    ]
    rows = []
    for name, client, url_, org in scenarios:
        log(f"measuring {name}: {url_}")
        timing = common.summary_ms(
            common.time_calls(page(client, url_), runs=args.runs, warmup=args.warmup)
        )
        base = common.summary_ms(common.time_calls(bare(org), runs=args.runs, warmup=args.warmup))
        rows.append(
            {
                "page": name,
                "url": url_,
                "median_ms": timing["median_ms"],
                "p95_ms": timing["p95_ms"],
                "queries": queries(client, url_),
                "baseline_median_ms": base["median_ms"],
                "baseline_p95_ms": base["p95_ms"],
                "ratio_p95": round(timing["p95_ms"] / max(base["p95_ms"], 0.001), 2),
                "ratio_median": round(timing["median_ms"] / max(base["median_ms"], 0.001), 2),
            }
        )
    log("")
    log(
        f"database: {common.database_description()}; {counts['branches']:,} branches, "
        f"{counts['members']:,} members, {counts['brands']:,} brands"
    )
    log(
        f"tasks {Task.objects.count():,}, assessments {Assessment.objects.count():,}; "
        + (
            "build " + ", ".join(f"{k} {v:.0f} s" for k, v in build.items())
            if build
            else "database reused"
        )
    )
    log(f"full recompute {full_s:.1f} s; one brand after an event {event_s * 1000:.0f} ms")
    log(
        f"{'page':<22}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'base med':>10}"
        f"{'base p95':>10}{'p95 ratio':>10}{'med ratio':>10}"
    )
    for r in rows:
        log(
            f"{r['page']:<22}{r['median_ms']:>10.1f}{r['p95_ms']:>10.1f}{r['queries']:>9}"
            f"{r['baseline_median_ms']:>10.1f}{r['baseline_p95_ms']:>10.1f}"
            f"{r['ratio_p95']:>10}{r['ratio_median']:>10}"
        )
    log(f"total run time: {time.perf_counter() - started:.1f} s")
    common.OUT_DIR.mkdir(exist_ok=True)
    RESULT_FILE.write_text(
        json.dumps(
            {
                "counts": counts,
                "tasks": Task.objects.count(),
                "assessments": Assessment.objects.count(),
                "build_s": {k: round(v, 1) for k, v in build.items()},
                "full_recompute_s": round(full_s, 2),
                "event_recompute_ms": round(event_s * 1000, 1),
                "results": rows,
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
