"""The rounds benchmark: a round of 2,000 entries, 60 experts and 20,000 score sheets.

Builds the synthetic group of bench/common.py (organisations only), 2,000 branch brands entered
in one acceptance round and through 预审 (bulk-inserted), and 60 experts in 6 panel groups of 10,
in its own database (PostgreSQL `partybrand_bench_rounds`, else a SQLite file in bench/out/).
Then it times, through the services:

  - assigning: each group's 10 experts get a sixth of the entries (20,000 sheets),
  - scoring: 200 sheets submitted through `sheet_save` (the rest are filled in bulk),
  - computing the results (scores, divergence, ranking, tiers within quotas),

and, in-process through Django's test client as the 党建工作部, the round's overview page and
its ranking page, printing median and p95, the query count and the ratio (target ≤ 3×) to the
bare SQL that returns what the page shows, over the same rows in the same run:

  - overview: the round with its committee and indicator system, its timetable, its tiers, the
    organisations it is open to, the five funnel counts (one aggregate over the round's entries)
    and the first page of the default stage's list (已申报: 50 entries in the page's order, rank,
    organisation path, id, each with its brand's name, its organisation's name, its declared
    tier's name, its status and score);
  - ranking: the round, its tiers, the number of ranked entries (the pager's total) and the first
    page of the ranking (50 of the 2,000, each with its rank, brand, organisation, expert score,
    votes, total, divergence flag, outcome and awarded tier's name).

Each statement is run as it stands (one round trip each), as a hand-written page would. The
bench also times, in the same run, the floor every signed-in page of the same base template pays
(the 党建工作部's empty notifications list: session, user, roles, the unread count, the menu), so
what the pages add over it can be read apart from what any page costs. Results also go to
bench/out/rounds.json.

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

common.BENCH_DB = common.db_name("rounds")
common.SQLITE_FILE = common.OUT_DIR / "bench-rounds.sqlite3"
RESULT_FILE = common.OUT_DIR / "rounds.json"
ENTRIES, EXPERTS, GROUPS = 2000, 60, 6

ROUND_SQL = (
    "SELECT r.*, c.name, s.name FROM rounds_round r JOIN orgs_organization c "
    "ON c.id = r.committee_id LEFT JOIN indicators_indicatorsystem s "
    "ON s.id = r.indicator_system_id WHERE r.id = %(round)s"
)
TIERS_SQL = (
    "SELECT name, quota, min_score FROM rounds_roundtier WHERE round_id = %(round)s ORDER BY rank"
)
STAGES_SQL = (
    "SELECT kind, starts_on, ends_on FROM rounds_roundstage WHERE round_id = %(round)s "
    "ORDER BY starts_on, id"
)
ELIGIBLE_SQL = (
    "SELECT o.name FROM rounds_round_eligible_orgs x JOIN orgs_organization o "
    "ON o.id = x.organization_id WHERE x.round_id = %(round)s"
)


def _in(statuses) -> str:
    return ", ".join(f"'{s}'" for s in statuses)


def funnel_sql() -> str:
    from partybrand.rounds.selectors import FUNNEL

    counts = ", ".join(
        f"COUNT(*) FILTER (WHERE status IN ({_in(statuses)}))" for _key, _label, statuses in FUNNEL
    )
    return f"SELECT {counts} FROM rounds_entry WHERE round_id = %(round)s"  # noqa: S608


def stage_sql() -> str:
    from partybrand.rounds.selectors import FUNNEL, STAGE_ROWS

    entered = FUNNEL[0][2]
    return (
        "SELECT e.id, e.status, e.final_score, b.name, o.name, t.name FROM rounds_entry e "  # noqa: S608
        "JOIN brands_brand b ON b.id = e.brand_id JOIN orgs_organization o ON o.id = e.org_id "
        "LEFT JOIN rounds_roundtier t ON t.id = e.tier_id "
        f"WHERE e.round_id = %(round)s AND e.status IN ({_in(entered)}) "
        f"ORDER BY e.rank, o.path, e.id LIMIT {STAGE_ROWS}"
    )


RANKED_COUNT_SQL = (
    "SELECT COUNT(*) FROM rounds_entry WHERE round_id = %(round)s AND rank IS NOT NULL"
)
RANKING_SQL = (
    "SELECT e.id, e.rank, e.status, e.final_score, e.expert_score, e.vote_count, e.divergent, "
    "e.outcome, b.name, o.name, t.name FROM rounds_entry e "
    "JOIN brands_brand b ON b.id = e.brand_id JOIN orgs_organization o ON o.id = e.org_id "
    "LEFT JOIN rounds_roundtier t ON t.id = e.awarded_tier_id "
    "WHERE e.round_id = %(round)s AND e.rank IS NOT NULL ORDER BY e.rank, e.id LIMIT 50"
)


def measure_statements(statements: list[str], params: dict, *, runs: int, warmup: int) -> dict:
    """The statements run one after the other (one round trip each), every row fetched."""
    from django.db import connection

    def run():
        rows = 0
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql, params)
                rows += len(cursor.fetchall())
        return rows

    rows = run()
    timing = common.summary_ms(common.time_calls(run, runs=runs, warmup=warmup))
    return {"rows": rows, "statements": len(statements), **timing}


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
    import logging
    from decimal import Decimal

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from bench.bench_assessments import measure
    from partybrand.orgs.choices import Role
    from partybrand.rounds.models import Entry, ScoreSheet
    from partybrand.rounds.services import panel, results, scoring

    logging.getLogger("partybrand.access").setLevel(logging.WARNING)  # one line per request
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
    common.analyze()  # the ranks and scores just written, as autovacuum would see them
    client = Client()
    client.force_login(office)
    floor = measure(client, reverse("notices:notice_list"), runs=args.runs, warmup=args.warmup)
    log(f"floor (empty signed-in list page): median {floor['median_ms']:.1f} ms")
    pages = []
    for label, name, statements in (
        (
            "overview page (funnel)",
            "rounds:round_detail",
            [ROUND_SQL, STAGES_SQL, TIERS_SQL, ELIGIBLE_SQL, funnel_sql(), stage_sql()],
        ),
        ("ranking page", "rounds:results", [ROUND_SQL, TIERS_SQL, RANKED_COUNT_SQL, RANKING_SQL]),
    ):
        path = reverse(name, args=[round_.pk])
        log(f"measuring {label}: {path}")
        m = measure(client, path, runs=args.runs, warmup=args.warmup)
        base = measure_statements(
            statements, {"round": round_.pk}, runs=args.runs, warmup=args.warmup
        )
        m.update(
            label=label,
            baseline_median_ms=base["median_ms"],
            baseline_rows=base["rows"],
            ratio=round(m["median_ms"] / max(base["median_ms"], 0.001), 2),
            over_floor_ms=round(m["median_ms"] - floor["median_ms"], 2),
            floor_ratio=round(floor["median_ms"] / max(base["median_ms"], 0.001), 2),
        )
        pages.append(m)
    log("")
    log(f"rows: entries {len(entries)}, experts {EXPERTS}, sheets {sheets}")
    log(
        f"assigning {timings['assign_s']} s; one sheet submitted {timings['sheet_submit_ms']} ms; "
        f"results computed median {timings['compute']['median_ms']:.0f} ms"
    )
    log(
        f"{'floor: signed-in empty page':28} median {floor['median_ms']:8.1f} ms  "
        f"p95 {floor['p95_ms']:8.1f} ms  queries {floor['queries']:4}"
    )
    for m in pages:
        log(
            f"{m['label']:28} median {m['median_ms']:8.1f} ms  p95 {m['p95_ms']:8.1f} ms  "
            f"queries {m['queries']:4}  bare SQL {m['baseline_median_ms']:7.2f} ms "
            f"({m['baseline_rows']} rows)  ratio {m['ratio']:.1f}x  "
            f"(floor alone {m['floor_ratio']:.1f}x; page over floor {m['over_floor_ms']:.1f} ms)"
        )
    total = time.perf_counter() - started
    log(f"total run time: {total:.1f} s")
    common.OUT_DIR.mkdir(exist_ok=True)
    RESULT_FILE.write_text(
        json.dumps(
            {
                "database": common.database_description(),
                "timings": timings,
                "floor": floor,
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
