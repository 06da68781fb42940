"""The cockpit benchmark: the brand health index of every brand, and the committee cockpit read
from the aggregate tables, on a large synthetic group.

Builds the group of bench/common.py at the size asked (--branches, default 5,000 党支部 with one
brand each and --members per branch; --branches 50000 --members 20 is the issue's size) in its
own database (PostgreSQL `partybrand_bench_cockpit`, else a SQLite file), gives every brand a plan
with tasks, a KPI with a value, an honour for some, then:

- times a full recompute (`compute.recompute()`: every index, today's history, every rollup);
- times one brand's recompute after an event (the index and its ancestors' rollups);
- requests the cockpit page, its 大屏, the API and the home page (工作台: the cockpit's figures
  first, then the to-do list) as the group's 党建工作部 user and as a
  二级党委's administrator, printing median and p95 server time, the query count and the ratio to
  the bare SQL over the aggregate tables in the same run (the organisation's rollup, its
  children's rollups, the lowest brands and the monthly trend).

Results go to bench/out/cockpit.json. Options: --branches N, --members N, --runs N, --warmup N,
--sqlite, --reuse.
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

common.BENCH_DB = os.environ.get("PARTYBRAND_BENCH_DB", "partybrand_bench_cockpit")
common.SQLITE_FILE = common.OUT_DIR / "bench_cockpit.sqlite3"
RESULT_FILE = common.OUT_DIR / "cockpit.json"
TODAY = datetime.date(2026, 6, 1)
TASKS_PER_PLAN = 8


def size_group(branches: int, members: int) -> None:
    """Scale common.py's group: 20 二级党委 × 5 党总支 × N branches, one brand per branch."""
    per_general = max(1, branches // (common.COMMITTEES * common.GENERAL_BRANCHES_PER_COMMITTEE))
    common.BRANCHES_PER_GENERAL_BRANCH = per_general
    common.MEMBERS_PER_BRANCH = members
    common.BRANDS_PER_BRANCH = 1


def build_work() -> dict:
    """A plan with tasks, a KPI with a value and, for every fifth brand, an honour."""
    from django.db import transaction

    from partybrand.brands.models import Brand, Honour, Kpi, KpiValue
    from partybrand.core.models import User
    from partybrand.plans.models import Phase, Plan, Task

    started = time.perf_counter()
    owner, _ = User.objects.get_or_create(
        username="cockpit_owner", defaults={"display_name": "责任人"}
    )
    checker, _ = User.objects.get_or_create(
        username="cockpit_checker", defaults={"display_name": "验收人"}
    )
    brands = list(Brand.objects.order_by("id").values_list("id", "org_id"))
    start = TODAY - datetime.timedelta(days=120)
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
            tasks = []
            for plan, phase in zip(plans, phases, strict=True):
                for i in range(TASKS_PER_PLAN):
                    deadline = start + datetime.timedelta(days=15 * (i + 1))
                    done = (plan.pk + i) % 3 != 0
                    tasks.append(
                        Task(
                            plan=plan,
                            phase=phase,
                            title=f"任务{i + 1}",
                            duty="责任内容",
                            standard="验收标准",
                            owner=owner,
                            checker=checker,
                            start=start,
                            deadline=deadline,
                            progress=100 if done else 50,
                            status="verified" if done else "doing",
                            verified_at=(
                                datetime.datetime.combine(deadline, datetime.time(9), tzinfo=UTC)
                                if done
                                else None
                            ),
                        )
                    )
            Task.objects.bulk_create(tasks, batch_size=common.BATCH)
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
    common.analyze()
    log(f"  plans, tasks, KPIs, honours in {time.perf_counter() - started:.1f} s")
    return {"tasks": Task.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branches", type=int, default=5000)
    parser.add_argument("--members", type=int, default=10, help="members per branch")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    size_group(args.branches, args.members)
    url = common.prepare_database(force_sqlite=args.sqlite, reuse=args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings_test")
    import django

    django.setup()
    import logging

    logging.getLogger("partybrand.access").setLevel(logging.WARNING)  # one line per request
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from partybrand.brands.models import Brand
    from partybrand.cockpit import compute, jobs
    from partybrand.cockpit.models import BrandHealth, OrgMonth, OrgRollup
    from partybrand.core import clock
    from partybrand.orgs.choices import Role
    from partybrand.orgs.models import Organization
    from partybrand.orgs.tree import subtree_q

    log(f"database: {common.database_description()} ({url})")
    call_command("migrate", verbosity=0, interactive=False)
    if args.reuse and Organization.objects.filter(code="G").exists():
        group = common.load_group()
    else:
        group, _timings = common.build_group()
        build_work()
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
            list(
                BrandHealth.objects.filter(subtree_q(org.path, "org_path"))
                .select_related("brand", "brand__org")
                .order_by("score", "brand_id")[:10]
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
                "baseline_p95_ms": base["p95_ms"],
                "ratio_p95": round(timing["p95_ms"] / max(base["p95_ms"], 0.001), 2),
            }
        )
    log("")
    log(
        f"database: {common.database_description()}; {counts['branches']:,} branches, "
        f"{counts['members']:,} members, {counts['brands']:,} brands"
    )
    log(f"full recompute {full_s:.1f} s; one brand after an event {event_s * 1000:.0f} ms")
    log(f"{'page':<22}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'base p95':>10}{'ratio':>8}")
    for r in rows:
        log(
            f"{r['page']:<22}{r['median_ms']:>10.1f}{r['p95_ms']:>10.1f}{r['queries']:>9}"
            f"{r['baseline_p95_ms']:>10.1f}{r['ratio_p95']:>8}"
        )
    log(f"total run time: {time.perf_counter() - started:.1f} s")
    common.OUT_DIR.mkdir(exist_ok=True)
    RESULT_FILE.write_text(
        json.dumps(
            {
                "counts": counts,
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
