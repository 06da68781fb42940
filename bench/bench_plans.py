"""The plans benchmark: a committee's overdue list and one 挂图作战 board on a large group.

Builds the synthetic group of bench/common.py (10,000 党支部) in its own database
(PostgreSQL `partybrand_bench_plans`, else a SQLite file), adds one brand plan per branch with
20 三定 tasks each (200,000 tasks, a spread of colours relative to a fixed day), then requests
as the group's 党建工作部 user: the overdue list (/plans/overdue/, first page and page 50) and one
plan's board, printing median and p95 server time, the query count (also for a tiny plan and a
tiny group: they must be equal) and the ratio to the bare SQL in the same run (the count of red
tasks in the subtree; the tasks of the plan). Results go to bench/out/plans.json.

`--size full` (`make bench BENCH_SIZE=full`) measures the same pages on the group that
bench_cockpit.py built at its full size (50,000 党支部, one plan of 40 tasks per brand: 2,000,000
tasks), reused as it is; results then go to bench/out/plans-full.json.

Options: --size small|full, --runs N, --warmup N, --sqlite, --reuse.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import log  # noqa: E402

common.BENCH_DB = common.db_name("plans")
common.SQLITE_FILE = common.OUT_DIR / "bench_plans.sqlite3"
RESULT_FILE = common.OUT_DIR / "plans.json"
TODAY = datetime.date(2026, 6, 1)
TASKS_PER_PLAN = 20


def build_plans(group) -> dict:
    from django.db import transaction

    from partybrand.brands.models import Brand
    from partybrand.core.models import User
    from partybrand.orgs.choices import OrgKind
    from partybrand.orgs.models import Organization
    from partybrand.plans.models import Phase, Plan, Task

    started = time.perf_counter()
    users = [User(username=f"plan_user_{i}", display_name=f"责任人{i}") for i in range(200)]
    User.objects.bulk_create(users, ignore_conflicts=True)
    users = list(User.objects.filter(username__startswith="plan_user_").order_by("id"))
    branches = list(Organization.objects.filter(kind=OrgKind.BRANCH).order_by("path"))
    brand_of = {}
    for brand_id, org_id in Brand.objects.order_by("id").values_list("id", "org_id"):
        brand_of.setdefault(org_id, brand_id)
    start = TODAY - datetime.timedelta(days=120)
    with transaction.atomic():
        for chunk in common.batched(branches, 2000):
            plans = Plan.objects.bulk_create(
                [
                    Plan(
                        org=o,
                        brand_id=brand_of.get(o.pk),
                        title=f"{o.name}创建计划",
                        kind="brand",
                        status="active",
                        start=start,
                    )
                    for o in chunk
                ]
            )
            phases = Phase.objects.bulk_create(
                [
                    Phase(
                        plan=p,
                        position=1,
                        name="找准品牌定位",
                        start=start,
                        end=start + datetime.timedelta(days=200),
                    )
                    for p in plans
                ]
            )
            tasks = []
            for n, (plan, phase) in enumerate(zip(plans, phases, strict=True)):
                shift = (plan.pk * 37) % 90  # plans started on different days
                for i in range(TASKS_PER_PLAN):
                    s = start + datetime.timedelta(days=shift + i * 10)
                    d = s + datetime.timedelta(days=20 + (plan.pk + i) % 25)
                    status = "closed" if i < 4 else ("verified" if i < 6 else "doing")
                    progress = 100 if i < 6 else (n * 7 + i * 13) % 100
                    tasks.append(
                        Task(
                            plan=plan,
                            phase=phase,
                            title=f"任务{i + 1}",
                            duty="责任内容",
                            standard="验收标准",
                            owner=users[(n + i) % 200],
                            checker=users[(n + i + 1) % 200],
                            start=s,
                            deadline=d,
                            progress=progress,
                            status=status,
                        )
                    )
            for batch in common.batched(tasks, common.BATCH):
                Task.objects.bulk_create(batch)
    common.analyze()
    log(
        f"  plans: {Plan.objects.count():,}, tasks: {Task.objects.count():,} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return {"plans": Plan.objects.count(), "tasks": Task.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument(
        "--rebuild-plans", action="store_true", help="with --reuse: rebuild only the plans"
    )
    common.add_size_option(parser)
    args = parser.parse_args()
    started = time.perf_counter()
    global RESULT_FILE
    if args.size == "full":
        common.on_cockpit_group()
        args.reuse, args.rebuild_plans = True, False
        RESULT_FILE = RESULT_FILE.with_name("plans-full.json")
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

    from partybrand.core import clock
    from partybrand.orgs.choices import Role
    from partybrand.orgs.models import Organization
    from partybrand.plans.colours import colour_q
    from partybrand.plans.models import Plan, Task

    log(f"database: {common.database_description()} ({url})")
    call_command("migrate", verbosity=0, interactive=False)
    if args.size == "full":
        common.require_cockpit_group()
    if args.rebuild_plans and Organization.objects.filter(code="G").exists():
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE plans_plan CASCADE"
                if connection.vendor == "postgresql"
                else "DELETE FROM plans_plan"
            )
        group = common.load_group()
        counts = build_plans(group)
    elif args.reuse and Organization.objects.filter(code="G").exists() and Task.objects.exists():
        group = common.load_group()
        counts = {"plans": Plan.objects.count(), "tasks": Task.objects.count()}
    else:
        group, _phases = common.build_group()
        counts = build_plans(group)
    clock.today = lambda: TODAY
    # the tiny group gets overdue tasks too, so its list runs the same queries as the large one
    Task.objects.filter(
        plan__org__path__startswith=group.small_root.path, title__in=["任务9", "任务10"]
    ).update(
        start=TODAY - datetime.timedelta(days=40),
        deadline=TODAY - datetime.timedelta(days=5),
        status="doing",
        progress=40,
    )
    staff = common.role_user("bench_plans_office", group.root, Role.PARTY_OFFICE)
    mid = common.role_user("bench_plans_mid", group.committee, Role.MID_ADMIN)
    small = common.role_user("bench_plans_small", group.small_root, Role.PARTY_OFFICE)
    client, small_client, mid_client = Client(), Client(), Client()
    client.force_login(staff)
    mid_client.force_login(mid)
    small_client.force_login(small)
    big_plan = Plan.objects.filter(org__path__startswith=group.root.path).order_by("id").first()
    small_plan = Plan.objects.filter(org__path__startswith=group.small_root.path).first()
    red = Task.objects.filter(colour_q("red", TODAY))

    def page(c, url_):
        def get():
            response = c.get(url_)
            assert response.status_code == 200, (url_, response.status_code)

        return get

    def queries(c, url_):
        with CaptureQueriesContext(connection) as ctx:
            c.get(url_)
        return len(ctx)

    def red_in(org):
        return lambda: red.filter(plan__org__path__startswith=org.path).count()

    scenarios = [
        ("group: overdue p.1", client, "/plans/overdue/", "/plans/overdue/", red_in(group.root)),
        (
            "group: overdue p.50",
            client,
            "/plans/overdue/?page=50",
            "/plans/overdue/",
            red_in(group.root),
        ),
        (
            "committee: overdue p.1",
            mid_client,
            "/plans/overdue/",
            "/plans/overdue/",
            red_in(group.committee),
        ),
        (
            "group: plan list p.1",
            client,
            "/plans/",
            "/plans/",
            lambda: Plan.objects.filter(org__path__startswith=group.root.path).count(),
        ),
        (
            "group: plan list p.100",
            client,
            "/plans/?page=100",
            "/plans/",
            lambda: Plan.objects.filter(org__path__startswith=group.root.path).count(),
        ),
        (
            "board of one plan",
            client,
            f"/plans/{big_plan.pk}/board/",
            f"/plans/{small_plan.pk}/board/" if small_plan else None,
            lambda: Task.objects.filter(plan=big_plan).count(),
        ),
        (
            "gantt of one plan",
            client,
            f"/plans/{big_plan.pk}/gantt/",
            None,
            lambda: Task.objects.filter(plan=big_plan).count(),
        ),
        (
            "board A3 PDF",
            client,
            f"/plans/{big_plan.pk}/board.pdf",
            None,
            lambda: Task.objects.filter(plan=big_plan).count(),
        ),
    ]
    rows = []
    for name, client, url_, small_url, baseline in scenarios:
        log(f"measuring {name}: {url_}")
        timing = common.summary_ms(
            common.time_calls(page(client, url_), runs=args.runs, warmup=args.warmup)
        )
        base = common.summary_ms(common.time_calls(baseline, runs=args.runs, warmup=args.warmup))
        rows.append(
            {
                "page": name,
                "url": url_,
                "median_ms": timing["median_ms"],
                "p95_ms": timing["p95_ms"],
                "queries": queries(client, url_),
                "small_queries": queries(small_client, small_url) if small_url else None,
                "baseline_median_ms": base["median_ms"],
                "ratio": round(timing["median_ms"] / max(base["median_ms"], 0.001), 2),
            }
        )
    log("")
    log(
        f"database: {common.database_description()}; {counts['plans']:,} plans, "
        f"{counts['tasks']:,} tasks; red on {TODAY}: {red.count():,}"
    )
    log(
        f"{'page':<24}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'small q':>9}"
        f"{'base ms':>9}{'ratio':>8}"
    )
    for r in rows:
        log(
            f"{r['page']:<24}{r['median_ms']:>10.1f}{r['p95_ms']:>10.1f}{r['queries']:>9}"
            f"{r['small_queries'] if r['small_queries'] is not None else '-':>9}"
            f"{r['baseline_median_ms']:>9.1f}{r['ratio']:>8}"
        )
    log(f"total run time: {time.perf_counter() - started:.1f} s")
    common.OUT_DIR.mkdir(exist_ok=True)
    RESULT_FILE.write_text(
        json.dumps(
            {"counts": counts, "today": TODAY.isoformat(), "results": rows},
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
