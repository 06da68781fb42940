"""Shared pieces of the benchmarks: their own database, a large synthetic group, timing, and
the size they run at.

The benchmark databases are never the application's or the test suite's: PostgreSQL databases
named from `partybrand_bench` (the spine's; the others add their own suffix: `_cockpit`,
`_plans`, …) when a server answers on 127.0.0.1:5432, else SQLite files in bench/out/.
PARTYBRAND_BENCH_DB replaces that prefix, so two checkouts on one server keep apart.
`prepare_database` must run before `django.setup()`; everything else needs Django set up.

Sizes (`--size`, default the BENCH_SIZE environment variable, else "small"): "small" is what
`make bench` runs, each benchmark at the size it has always measured, minus the 1,000,000-name
similarity index, so the whole run ends within half an hour on a two-core machine; "full" is the
issue's scale (`make bench BENCH_SIZE=full`): the cockpit's group of 50,000 branches, on which
the spine, plans and assessments benchmarks are then repeated (`on_cockpit_group`), and the
1,000,000-name index.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
DB_PREFIX = os.environ.get("PARTYBRAND_BENCH_DB", "partybrand_bench")
BENCH_DB = DB_PREFIX
COCKPIT_DB = f"{DB_PREFIX}_cockpit"
COCKPIT_SQLITE_FILE = OUT_DIR / "bench_cockpit.sqlite3"
SIZES = ("small", "full")
SQLITE_FILE = OUT_DIR / "bench.sqlite3"
BATCH = 5000

# The shape of the synthetic group.
COMMITTEES = 20  # 二级党委 under the 集团党委
GENERAL_BRANCHES_PER_COMMITTEE = 5  # 党总支 per 二级党委
BRANCHES_PER_GENERAL_BRANCH = 100  # 党支部 per 党总支: 20 * 5 * 100 = 10,000 branches
MEMBERS_PER_BRANCH = 30  # 300,000 members
BRANDS_PER_BRANCH = 2  # 20,000 brands
# A separate tiny group of the same shape (集团党委 → 二级党委 → 党总支 → 党支部): the "small
# scope", whose pages must make exactly as many queries as the large group's.
SMALL_BRANCHES = 2
SMALL_MEMBERS_PER_BRANCH = 5


def log(message: str) -> None:
    print(message, flush=True)


def db_name(suffix: str) -> str:
    """One benchmark's own PostgreSQL database: the prefix and its suffix."""
    return f"{DB_PREFIX}_{suffix}"


def add_size_option(parser) -> None:
    """`--size small|full`, by default BENCH_SIZE (what `make bench BENCH_SIZE=…` passes)."""
    default = os.environ.get("BENCH_SIZE", "small") or "small"
    if default not in SIZES:
        raise SystemExit(f"BENCH_SIZE={default!r}: use one of {', '.join(SIZES)}")
    parser.add_argument(
        "--size",
        choices=SIZES,
        default=default,
        help="small (what make bench runs) or full (the issue's scale); default BENCH_SIZE",
    )


def on_cockpit_group() -> None:
    """Point this benchmark at the database bench_cockpit.py built at its size (`--size full`:
    50,000 branches), to be reused as it is: nothing is rebuilt or copied."""
    global BENCH_DB, SQLITE_FILE
    BENCH_DB, SQLITE_FILE = COCKPIT_DB, COCKPIT_SQLITE_FILE


def require_cockpit_group() -> None:
    """Stop with what to run first when the cockpit's group is not in the database."""
    from partybrand.orgs.models import Organization

    if not Organization.objects.filter(code="G").exists():
        raise SystemExit(
            "the cockpit's group is not built: run `python bench/bench_cockpit.py --size full` "
            "first (make bench BENCH_SIZE=full runs it before this benchmark)"
        )


# --- the database -------------------------------------------------------------------------------


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(dbname="postgres", connect_timeout=3, **PG):
            return True
    except Exception:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        return False


def prepare_database(*, force_sqlite: bool = False, reuse: bool = False) -> str:
    """Point DATABASE_URL at the benchmark database, fresh unless `reuse`; returns the URL."""
    if not force_sqlite and postgres_available():
        import psycopg
        from psycopg import sql

        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **PG) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]
            ).fetchone()
            name = sql.Identifier(BENCH_DB)
            if exists and not reuse:
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(name))
                exists = None
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{BENCH_DB}"
    else:
        OUT_DIR.mkdir(exist_ok=True)
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_FILE}"
    os.environ["DATABASE_URL"] = url
    return url


def database_description() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
    return f"{version}, database {connection.settings_dict['NAME']}"


def analyze() -> None:
    """Fresh statistics, as autovacuum would have gathered them on a live server."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# --- the synthetic group ------------------------------------------------------------------------


@dataclass
class Group:
    root: object  # the 集团党委
    committee: object  # the first 二级党委 (500 branches)
    general_branch: object  # its first 党总支 (100 branches)
    small_root: object  # the tiny separate 集团党委
    small_committee: object  # its one 二级党委
    small_general_branch: object  # its one 党总支 (SMALL_BRANCHES branches)


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def copy_rows(model, names: list[str], rows: Iterable[tuple]) -> int:
    """Insert rows given as tuples of the fields `names` (attnames: "org_id"); every other
    column gets its field's default (auto_now/auto_now_add: now), computed once. Through COPY
    on PostgreSQL (a million rows in seconds, not minutes), else bulk_create in batches.
    Returns the row count."""
    from django.db import connection
    from django.utils import timezone

    if connection.vendor != "postgresql":
        n = 0
        for batch in batched(rows, BATCH):
            model.objects.bulk_create(
                [model(**dict(zip(names, row, strict=True))) for row in batch], batch_size=BATCH
            )
            n += len(batch)
        return n
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rest = [f for f in fields if f.attname not in names]
    now = timezone.now()
    constants = tuple(
        f.get_db_prep_save(
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else f.get_default(),
            connection,
        )
        for f in rest
    )
    columns = [model._meta.get_field(name).column for name in names] + [f.column for f in rest]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    n = 0
    connection.ensure_connection()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: COPY is not in the DB-API
        with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:  # noqa: S608
            for row in rows:
                copy.write_row(row + constants)
                n += 1
    return n


def _org(parent, index: int, *, kind: str, code: str, name: str, children: int, province=""):
    """An organisation row; below the top it takes its parent's province unless given one."""
    from partybrand.orgs.models import Organization
    from partybrand.orgs.tree import child_path, encode_step

    return Organization(
        parent=parent,
        path=child_path(parent.path, index) if parent is not None else encode_step(index),
        depth=parent.depth + 1 if parent is not None else 1,
        child_count=children,
        next_child_index=children,
        code=code,
        name=name,
        kind=kind,
        sort_order=index,
        province=province or (parent.province if parent is not None else ""),
    )


@contextmanager
def explicit_updated_at(model):
    """Let bulk_create keep the given `updated_at` (auto_now would overwrite it)."""
    field = model._meta.get_field("updated_at")
    field.auto_now = False
    try:
        yield
    finally:
        field.auto_now = True


def build_group() -> tuple[Group, dict[str, float]]:
    """The synthetic group, bulk-inserted; returns it and the seconds each phase took."""
    from django.db import transaction

    from partybrand.brands.choices import BrandLevel, BrandStatus, BrandTier
    from partybrand.brands.models import Brand
    from partybrand.orgs.choices import Gender, MemberStatus, OrgKind, Province
    from partybrand.orgs.models import Member, Organization

    provinces = list(Province.values)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():
        root = _org(
            None,
            0,
            kind=OrgKind.GROUP_COMMITTEE,
            code="G",
            name="基准集团党委",
            children=COMMITTEES,
            province="北京",
        )
        small_root = _org(
            None,
            1,
            kind=OrgKind.GROUP_COMMITTEE,
            code="S",
            name="对照小集团党委",
            children=1,
        )
        Organization.objects.bulk_create([root, small_root])
        committees = [
            _org(
                root,
                i,
                kind=OrgKind.COMMITTEE,
                code=f"C{i:02d}",
                name=f"第{i + 1:02d}二级单位党委",
                children=GENERAL_BRANCHES_PER_COMMITTEE,
                province=provinces[i % len(provinces)],  # the map shows every subsidiary
            )
            for i in range(COMMITTEES)
        ]
        small = _org(
            small_root, 0, kind=OrgKind.COMMITTEE, code="SC", name="对照二级单位党委", children=1
        )
        Organization.objects.bulk_create([*committees, small], batch_size=BATCH)
        general = [
            _org(
                committee,
                j,
                kind=OrgKind.GENERAL_BRANCH,
                code=f"{committee.code}G{j}",
                name=f"{committee.name}第{j + 1}党总支",
                children=BRANCHES_PER_GENERAL_BRANCH,
            )
            for committee in committees
            for j in range(GENERAL_BRANCHES_PER_COMMITTEE)
        ]
        small_general = _org(
            small,
            0,
            kind=OrgKind.GENERAL_BRANCH,
            code="SCG0",
            name="对照党总支",
            children=SMALL_BRANCHES,
        )
        Organization.objects.bulk_create([*general, small_general], batch_size=BATCH)
        branches = [
            _org(
                gb,
                k,
                kind=OrgKind.BRANCH,
                code=f"{gb.code}B{k:03d}",
                name=f"{gb.name}第{k + 1}党支部",
                children=0,
            )
            for gb in general
            for k in range(BRANCHES_PER_GENERAL_BRANCH)
        ]
        small_branches = [
            _org(
                small_general,
                k,
                kind=OrgKind.BRANCH,
                code=f"SCG0B{k:03d}",
                name=f"对照党支部{k + 1}",
                children=0,
            )
            for k in range(SMALL_BRANCHES)
        ]
        for batch in batched([*branches, *small_branches], BATCH):
            Organization.objects.bulk_create(batch, batch_size=BATCH)
    timings["organisations"] = time.perf_counter() - started
    log(f"  organisations: {Organization.objects.count():,} in {timings['organisations']:.1f} s")

    # Members: MEMBERS_PER_BRANCH per large branch, fewer per small branch.
    started = time.perf_counter()
    statuses = [MemberStatus.FULL] * 9 + [MemberStatus.PROBATIONARY]

    def members():
        n = 0
        plan = [(b, MEMBERS_PER_BRANCH) for b in branches]
        plan += [(b, SMALL_MEMBERS_PER_BRANCH) for b in small_branches]
        for branch, count in plan:
            for _ in range(count):
                n += 1
                yield (
                    branch.pk,
                    f"党员{n:06d}",
                    Gender.FEMALE if n % 3 == 0 else Gender.MALE,
                    date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
                    date(1985 + n % 38, 1 + n % 12, 1 + n % 28),
                    statuses[n % len(statuses)],
                    "职工",
                    f"1{3 + n % 7}{n:09d}",
                )

    names = ["org_id", "name", "gender", "birth_date", "join_date", "status", "job_title", "phone"]
    with transaction.atomic():
        copy_rows(Member, names, members())
    timings["members"] = time.perf_counter() - started
    log(f"  members: {Member.objects.count():,} in {timings['members']:.1f} s")

    # Brands: BRANDS_PER_BRANCH per branch, every status, updated_at spread over about a year.
    started = time.perf_counter()
    status_values = list(BrandStatus.values)
    tier_values = list(BrandTier.values)
    now = _now()

    def brands():
        n = 0
        for branch in [*branches, *small_branches]:
            for _ in range(BRANDS_PER_BRANCH):
                n += 1
                yield Brand(
                    org_id=branch.pk,
                    level=BrandLevel.BRANCH,
                    tier=tier_values[n % len(tier_values)],
                    status=status_values[n % len(status_values)],
                    name=f"党建品牌{n:05d}",
                    slogan=f"红色引擎第{n}号",
                    updated_at=now - timedelta(minutes=(n * 7919) % 525_600),
                )

    with transaction.atomic(), explicit_updated_at(Brand):
        for batch in batched(brands(), BATCH):
            Brand.objects.bulk_create(batch, batch_size=BATCH)
    timings["brands"] = time.perf_counter() - started
    log(f"  brands: {Brand.objects.count():,} in {timings['brands']:.1f} s")

    started = time.perf_counter()
    analyze()
    timings["analyze"] = time.perf_counter() - started
    log(f"  statistics (VACUUM ANALYZE / ANALYZE): {timings['analyze']:.1f} s")
    return load_group(), timings


def _now():
    from django.utils import timezone

    return timezone.now()


def load_group() -> Group:
    from partybrand.orgs.models import Organization

    codes = ["G", "C00", "C00G0", "S", "SC", "SCG0"]
    by_code = Organization.objects.in_bulk(codes, field_name="code")
    return Group(
        root=by_code["G"],
        committee=by_code["C00"],
        general_branch=by_code["C00G0"],
        small_root=by_code["S"],
        small_committee=by_code["SC"],
        small_general_branch=by_code["SCG0"],
    )


def role_user(username: str, org, role: str):
    """A user holding `role` at `org` (created once; kept on a reused database)."""
    from partybrand.core.models import User
    from partybrand.orgs.models import RoleAssignment

    user, created = User.objects.get_or_create(
        username=username, defaults={"display_name": username}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    RoleAssignment.objects.get_or_create(user=user, org=org, role=role)
    return user


def row_counts(org) -> dict[str, int]:
    """Rows in the subtree of `org`."""
    from partybrand.brands.models import Brand
    from partybrand.orgs.choices import OrgKind
    from partybrand.orgs.models import Member, Organization
    from partybrand.orgs.tree import subtree_q

    orgs = Organization.objects.filter(subtree_q(org.path))
    return {
        "organisations": orgs.count(),
        "branches": orgs.filter(kind=OrgKind.BRANCH).count(),
        "members": Member.objects.filter(subtree_q(org.path, "org__path")).count(),
        "brands": Brand.objects.filter(subtree_q(org.path, "org__path")).count(),
    }


# --- timing -------------------------------------------------------------------------------------


def summary_ms(samples: list[float]) -> dict[str, float]:
    """Median and 95th percentile (inclusive interpolation) of samples in seconds, in ms."""
    ms = sorted(s * 1000 for s in samples)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) > 1 else ms[0]
    return {
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(p95, 2),
        "min_ms": round(ms[0], 2),
        "max_ms": round(ms[-1], 2),
        "runs": len(ms),
    }


def time_calls(call, *, runs: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples
