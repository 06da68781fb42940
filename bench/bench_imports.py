"""The imports benchmark: member workbooks of 20,000 and 100,000 valid rows, and an organisation
workbook of 20,000 rows, imported into a fresh database by the group's 党建工作部 administrator.

Each case runs in its own process (so its peak memory is its own) on a fresh database: a SQLite
file in bench/out/, and PostgreSQL database `partybrand_bench_imports` when a server answers on
127.0.0.1:5432. It prints rows per second for reading the file, validating and writing (from
the import's own progress reports) and in total, the peak resident memory of the process, the
number of database queries, and the file's size. Results go to bench/out/imports.json. It exits
non-zero when rows are lost or doubled (the rows in the database differ from the file's).

Options: --size small|full (member workbooks of 20,000 rows, what `make bench` runs; full adds
100,000), --sizes N,N (any), --orgs N (0: none), --sqlite (SQLite only), --postgres (only).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import log  # noqa: E402

common.BENCH_DB = common.db_name("imports")
SIZES = {"small": "20000", "full": "20000,100000"}  # member rows per workbook, by --size
common.SQLITE_FILE = common.OUT_DIR / "bench_imports.sqlite3"
RESULT_FILE = common.OUT_DIR / "imports.json"
BRANCHES = 200  # members are spread over 200 党支部 under 10 二级党委
COMMITTEES = 10


def _id_number(serial: int, born: date) -> str:
    from partybrand.orgs.validators import id_check_digit

    first17 = f"110105{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_digit(first17)


def member_rows(count: int):
    """`count` valid, distinct members: each ID number and staff number unique."""
    base = date(1960, 1, 1)
    for i in range(count):
        born = base + timedelta(days=i // 1000)  # 1,000 serials per birth day
        yield (
            f"党员{i:06d}",
            "男" if i % 2 else "女",
            born,
            born + timedelta(days=365 * 25),
            "正式党员" if i % 10 else "预备党员",
            f"B{i % BRANCHES:03d}",
            "职员",
            f"13{i:09d}",
            _id_number(i, born),
            f"E{i:07d}",
        )


def org_rows(count: int):
    """`count` new organisations: 党总支 under the committees, 党支部 under those, in file order
    children before parents now and then (the import sorts them)."""
    general = max(1, count // 20)
    for i in range(count):
        if i < general:
            yield (f"N{i:06d}", f"新党总支{i}", "党总支", f"C{i % COMMITTEES:02d}", "", "", "", i)
        else:
            parent = f"N{i % general:06d}"
            yield (f"N{i:06d}", f"新党支部{i}", "党支部", parent, "", "", "北京", i)


def workbook(kind: str, count: int) -> bytes:
    from partybrand.core.tabular import write_workbook
    from partybrand.orgs.exports import MEMBER_COLUMNS, MEMBER_SHEET, ORG_COLUMNS, ORG_SHEET

    if kind == "members":
        return write_workbook(MEMBER_SHEET, MEMBER_COLUMNS, member_rows(count))
    return write_workbook(ORG_SHEET, ORG_COLUMNS, org_rows(count))


def build_tree():
    """The group, 10 二级党委 and 200 党支部 under them, and the group's administrator."""
    from partybrand.core.models import User
    from partybrand.orgs.choices import OrgKind, Role
    from partybrand.orgs.services import org_create, role_assign

    root = org_create(
        actor=None, parent=None, code="G", name="基准集团党委", kind=OrgKind.GROUP_COMMITTEE
    )
    committees = [
        org_create(
            actor=None, parent=root, code=f"C{i:02d}", name=f"二级党委{i}", kind=OrgKind.COMMITTEE
        )
        for i in range(COMMITTEES)
    ]
    for i in range(BRANCHES):
        parent = committees[i % COMMITTEES]
        org_create(
            actor=None, parent=parent, code=f"B{i:03d}", name=f"党支部{i}", kind=OrgKind.BRANCH
        )
    admin = User.objects.create_user(username="bench_admin", password="x" * 20)
    role_assign(actor=None, user=admin, org=root, role=Role.COMMITTEE_ADMIN)
    return User.objects.get(pk=admin.pk)


class Timeline:
    """The moments the import reports progress: the first report is the end of reading, the
    last report of at most half the total the end of validation."""

    def __init__(self):
        self.start = time.perf_counter()
        self.read_done = self.validated = None

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if self.read_done is None:
            self.read_done = now
        if done <= total // 2:  # the last report of the first half ends validation
            self.validated = now


def run_case(kind: str, count: int, database: str) -> dict:
    """One import in this process, on a fresh database."""
    common.prepare_database(force_sqlite=database == "sqlite")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings_test")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    from partybrand.core.tabular import ImportRefused
    from partybrand.orgs import imports
    from partybrand.orgs.models import Member, Organization

    call_command("migrate", verbosity=0, interactive=False)
    actor = build_tree()
    data = workbook(kind, count)
    upload = SimpleUploadedFile(f"{kind}.xlsx", data)
    importer = imports.import_members if kind == "members" else imports.import_orgs
    model = Member if kind == "members" else Organization
    before = model.objects.count()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queries = [0]

    def counter(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    timeline = Timeline()
    with connection.execute_wrapper(counter):
        try:
            result = importer(actor=actor, upload=upload, on_progress=timeline)
        except ImportRefused as refused:
            sys.exit("refused: " + "\n".join(refused.lines()[:20]))
    end = time.perf_counter()
    after = model.objects.count()
    if kind == "members":
        distinct = Member.objects.values("id_number").distinct().count()
    else:
        distinct = Organization.objects.values("code").distinct().count()
    read = (timeline.read_done or end) - timeline.start
    validate = (timeline.validated or end) - (timeline.read_done or timeline.start)
    write = end - (timeline.validated or timeline.start)
    total = end - timeline.start

    def rate(seconds):
        return round(count / seconds) if seconds > 0 else None

    return {
        "kind": kind,
        "rows": count,
        "database": common.database_description(),
        "file_bytes": len(data),
        "created": result.created,
        "rows_added": after - before,
        "distinct": distinct - before,
        "seconds": {
            k: round(v, 2)
            for k, v in [("read", read), ("validate", validate), ("write", write), ("total", total)]
        },
        "rows_per_second": {
            "read": rate(read),
            "validate": rate(validate),
            "write": rate(write),
            "total": rate(total),
        },
        "queries": queries[0],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_before_import_mb": round(rss_before / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="member rows per workbook, comma-separated")
    common.add_size_option(parser)
    parser.add_argument("--orgs", type=int, default=20000)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # kind:rows:database, in a child
    args = parser.parse_args()
    if args.case:
        kind, count, database = args.case.split(":")
        print(json.dumps(run_case(kind, int(count), database)))
        return
    databases = [] if args.postgres else ["sqlite"]
    if not args.sqlite and common.postgres_available():
        databases.append("postgres")
    sizes = args.sizes or SIZES[args.size]
    cases = [("members", int(n)) for n in sizes.split(",") if n]
    if args.orgs:
        cases.append(("orgs", args.orgs))
    results, failed = [], False
    for database in databases:
        for kind, count in cases:
            log(f"{kind} × {count:,} on {database} …")
            child = subprocess.run(  # noqa: S603 - this script, run again for one case
                [sys.executable, __file__, "--case", f"{kind}:{count}:{database}"],
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode:
                log(child.stderr[-3000:])
                failed = True
                continue
            result = json.loads(child.stdout.strip().splitlines()[-1])
            results.append(result)
            speed, seconds = result["rows_per_second"], result["seconds"]
            log(
                f"  {result['database']}: file {result['file_bytes'] / 1e6:.1f} MB; rows/s "
                f"read {speed['read']:,}, validate {speed['validate']:,}, write "
                f"{speed['write']:,}, total {speed['total']:,} ({seconds['total']} s); "
                f"peak {result['peak_rss_mb']} MB (before {result['rss_before_import_mb']} MB); "
                f"{result['queries']:,} queries"
            )
            if not (result["created"] == result["rows_added"] == result["distinct"] == count):
                log(f"  ROWS LOST OR DOUBLED: file {count}, {result}")
                failed = True
    common.OUT_DIR.mkdir(exist_ok=True)
    RESULT_FILE.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    log(f"results in {RESULT_FILE}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
