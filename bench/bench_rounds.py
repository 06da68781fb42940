"""The rounds benchmark: a round of 2,000 entries, 60 experts and 20,000 score sheets.

Builds the synthetic group of bench/common.py (organisations only), 2,000 branch brands entered
in one acceptance round and through 预审 (bulk-inserted), and 60 experts in 6 panel groups of 10,
in its own database (PostgreSQL `pb_bench_rounds`, else a SQLite file in bench/out/). Then it
times, through the services:

  - assigning: each group's 10 experts get a sixth of the entries (20,000 sheets),
  - scoring: 200 sheets submitted through `sheet_save` (the rest are filled in bulk),
  - computing the results (scores, divergence, ranking, tiers within quotas),

and, in-process through Django's test client as the 党建工作部, the round's overview page and
its ranking page (its first page: 50 of the 2,000) against the bare SQL over the same rows in
the same run (the funnel's GROUP BY for the overview; the page's ranked rows joined to their
brands for the ranking), printing median and
p95, the query count and the ratio (target ≤ 3×). Results also go to bench/out/rounds.json.

Options: --runs N, --warmup N, --sqlite.
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

common.BENCH_DB = "pb_bench_rounds"
common.SQLITE_FILE = common.OUT_DIR / "bench-rounds.sqlite3"
RESULT_FILE = common.OUT_DIR / "rounds.json"
ENTRIES, EXPERTS, GROUPS = 2000, 60, 6

FUNNEL_SQL = "SELECT status, COUNT(*) FROM rounds_entry WHERE round_id = %s GROUP BY status"
RANKING_SQL = (
    "SELECT e.id, e.rank, e.final_score, e.expert_score, e.divergent, b.name, o.name, t.name "
    "FROM rounds_entry e JOIN brands_brand b ON b.id = e.brand_id "
    "JOIN orgs_organization o ON o.id = e.org_id LEFT JOIN rounds_roundtier t "
    "ON t.id = e.awarded_tier_id WHERE e.round_id = %s AND e.rank IS NOT NULL ORDER BY e.rank "
    "LIMIT 50"
)


def build_round(group, office):
    """The round, its entries through 预审 and its 60 experts in 6 groups."""
    from django.db import transaction
    from django.utils import timezone

    from partybrand.brands.models import Brand
    from partybrand.indicators.choices import SystemKind
    from partybrand.indicators.loader import load_templates
    from partybrand.indicators.models import IndicatorSystem
    from partybrand.orgs.choices import OrgKind, Role
    from partybrand.orgs.models import Organization
    from partybrand.rounds.models import Entry, PanelGroup, PanelMember, Round, RoundTier

    load_templates()
    system = IndicatorSystem.objects.filter(kind=SystemKind.BRAND).first()
    branches = list(
        Organization.objects.filter(kind=OrgKind.BRANCH, path__startswith=group.root.path)
        .order_by("path")
        .values_list("pk", flat=True)[:ENTRIES]
    )
    now = timezone.now()
    with transaction.atomic():
        round_ = Round.objects.create(
            committee=group.root,
            kind="acceptance",
            title="基准验收评选",
            year=2026,
            status="reviewing",
            indicator_system=system,
            created_by=office,
        )
        RoundTier.objects.bulk_create(
            [
                RoundTier(
                    round=round_,
                    name="精品品牌",
                    brand_tier="flagship",
                    rank=1,
                    quota=20,
                    min_score=90,
                ),
                RoundTier(
                    round=round_,
                    name="示范品牌",
                    brand_tier="demonstration",
                    rank=2,
                    quota=200,
                    min_score=80,
                ),
                RoundTier(
                    round=round_,
                    name="培育品牌",
                    brand_tier="cultivated",
                    rank=3,
                    quota=600,
                    min_score=60,
                ),
            ]
        )
        brands = Brand.objects.bulk_create(
            [
                Brand(
                    org_id=org_id,
                    level="branch",
                    tier="cultivated",
                    status="accepting",
                    name=f"评选品牌{n:05d}",
                )
                for n, org_id in enumerate(branches)
            ],
            batch_size=common.BATCH,
        )
        Entry.objects.bulk_create(
            [
                Entry(
                    round=round_,
                    brand=b,
                    org_id=b.org_id,
                    status="prescreen_passed",
                    submitted_at=now,
                    created_by=office,
                )
                for b in brands
            ],
            batch_size=common.BATCH,
        )
        groups = PanelGroup.objects.bulk_create(
            [PanelGroup(round=round_, name=f"第{g + 1}评审组", position=g) for g in range(GROUPS)]
        )
        for n in range(EXPERTS):
            user = common.role_user(f"bench_expert{n:02d}", group.small_root, Role.EXPERT)
            PanelMember.objects.create(
                round=round_,
                user=user,
                group=groups[n % GROUPS],
                is_chair=n < GROUPS,
                added_by=office,
            )
    common.analyze()
    return round_, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    url = common.prepare_database(force_sqlite=args.sqlite, reuse=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings_test")
    import django

    django.setup()
    from decimal import Decimal

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from bench.bench_assessments import measure, measure_sql
    from partybrand.orgs.choices import Role
    from partybrand.rounds.models import Entry, ScoreSheet
    from partybrand.rounds.services import panel, results, scoring

    log(f"database: {common.database_description()} ({url})")
    call_command("migrate", verbosity=0, interactive=False)
    common.MEMBERS_PER_BRANCH = common.SMALL_MEMBERS_PER_BRANCH = 0
    common.BRANDS_PER_BRANCH = 0
    t0 = time.perf_counter()
    group, _ = common.build_group()
    office = common.role_user("bench_office", group.root, Role.PARTY_OFFICE)
    round_, groups = build_round(group, office)
    log(f"build took {time.perf_counter() - t0:.1f} s")

    timings = {}
    entries = list(Entry.objects.filter(round=round_).order_by("id"))
    share = len(entries) // GROUPS
    t0 = time.perf_counter()
    for g, panel_group in enumerate(groups):
        panel.assign_group(
            actor=office,
            round=round_,
            group=panel_group,
            entries=entries[g * share : (g + 1) * share]
            if g < GROUPS - 1
            else entries[g * share :],
        )
    timings["assign_s"] = round(time.perf_counter() - t0, 2)
    sheets = ScoreSheet.objects.count()
    leaves = scoring.leaf_items(round_.indicator_system)
    sample = list(
        ScoreSheet.objects.select_related("assignment__member__user").order_by("id")[:200]
    )
    t0 = time.perf_counter()
    for sheet in sample:
        scoring.sheet_save(
            actor=sheet.assignment.member.user,
            sheet=sheet,
            submit=True,
            items={str(leaf.pk): str(leaf.points * Decimal("0.8")) for leaf in leaves},
        )
    per_sheet = (time.perf_counter() - t0) / len(sample) * 1000
    timings["sheet_submit_ms"] = round(per_sheet, 2)
    rest = ScoreSheet.objects.filter(submitted_at__isnull=True)
    for k in range(40):  # spread the totals: 60 … 99
        rest.filter(id__endswith=str(k % 10), entry_id__gt=k * len(entries) // 40).update(
            status="submitted", submitted_at=round_.created_at, total=Decimal(60 + k)
        )
    rest.update(status="submitted", submitted_at=round_.created_at, total=Decimal("75"))
    compute = common.time_calls(
        lambda: results.results_compute(actor=office, round=round_), runs=3, warmup=0
    )
    timings["compute"] = common.summary_ms(compute)
    client = Client()
    client.force_login(office)
    pages = []
    for label, name, sql in (
        ("overview page (funnel)", "rounds:round_detail", FUNNEL_SQL),
        ("ranking page", "rounds:results", RANKING_SQL),
    ):
        path = reverse(name, args=[round_.pk])
        log(f"measuring {label}: {path}")
        m = measure(client, path, runs=args.runs, warmup=args.warmup)
        base = measure_sql(sql, [round_.pk], runs=args.runs, warmup=args.warmup)
        m.update(
            label=label,
            baseline_median_ms=base["median_ms"],
            ratio=round(m["median_ms"] / max(base["median_ms"], 0.001), 2),
        )
        pages.append(m)
    log("")
    log(f"rows: entries {len(entries)}, experts {EXPERTS}, sheets {sheets}")
    log(
        f"assigning {timings['assign_s']} s; one sheet submitted {timings['sheet_submit_ms']} ms; "
        f"results computed median {timings['compute']['median_ms']:.0f} ms"
    )
    for m in pages:
        log(
            f"{m['label']:28} median {m['median_ms']:8.1f} ms  p95 {m['p95_ms']:8.1f} ms  "
            f"queries {m['queries']:4}  bare SQL {m['baseline_median_ms']:7.2f} ms  "
            f"ratio {m['ratio']:.1f}x"
        )
    total = time.perf_counter() - started
    log(f"total run time: {total:.1f} s")
    common.OUT_DIR.mkdir(exist_ok=True)
    RESULT_FILE.write_text(
        json.dumps(
            {
                "database": common.database_description(),
                "timings": timings,
                "pages": pages,
                "sheets": sheets,
                "total_seconds": round(total, 1),
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
