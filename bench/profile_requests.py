"""CPU time per request, in-process, through the whole WSGI stack (middleware, view, template) as
gunicorn calls it, with the survey benchmark's settings (bench/settings_bench.py: the production
settings, the file cache, the manifest of static files, the JSON access log).

Wall-clock figures mean little on a busy machine; the CPU time this process spends serving a
request does not depend on what else runs (the database's own time is not counted: it is another
process). Builds a small world in its own database (PostgreSQL `partybrand_profile`, or
PARTYBRAND_BENCH_DB), then for each scenario serves --runs requests and prints the median CPU
milliseconds per request and the query count:

  - floor: the 党建工作部's empty notifications list (what any signed-in page of the frame pays),
  - the rounds overview and ranking pages (a round of --entries entries),
  - the group's and a 二级党委's cockpit,
  - an anonymous survey submission (the public API) and the bare JSON POST of bench/bench_urls.py.

--profile NAME prints the functions taking the most time for that scenario (cProfile).
Options: --runs N, --entries N, --profile NAME, --top N.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.common import log  # noqa: E402

common.BENCH_DB = os.environ.get("PARTYBRAND_BENCH_DB", "partybrand_profile")
common.SQLITE_FILE = common.OUT_DIR / "profile.sqlite3"
DATA_DIR = common.OUT_DIR / "profile-data"


def environ(method: str, path: str, *, cookie: str = "", body: bytes = b"") -> dict:
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "*/*" if body else "text/html",
        "HTTP_USER_AGENT": "profile/1",
        "HTTP_COOKIE": cookie,
        "CONTENT_TYPE": "application/json" if body else "",
        "CONTENT_LENGTH": str(len(body)) if body else "",
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def backend_cpu_seconds() -> float | None:
    """CPU seconds the PostgreSQL process serving this connection has used, when it runs on this
    machine (its /proc entry is readable); None otherwise."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--entries", type=int, default=300)
    parser.add_argument("--profile", default="", help="a scenario's name, e.g. floor")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--only", default="", help="scenarios to run, comma-separated")
    parser.add_argument("--dump", default="", help="write the profile's statistics here")
    parser.add_argument("--sql", action="store_true", help="print each scenario's statements")
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    url = common.prepare_database(force_sqlite=args.sqlite, reuse=False)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DATABASE_URL=url,
        PARTYBRAND_DATA_DIR=str(DATA_DIR),
        DJANGO_SETTINGS_MODULE="bench.settings_bench",
    )
    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from bench import bench_cockpit, bench_rounds, surveys_data
    from partybrand.cockpit import compute
    from partybrand.orgs.choices import Role

    call_command("migrate", verbosity=0, interactive=False)
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", verbosity=0, interactive=False)
    common.COMMITTEES = 4
    bench_cockpit.size_group(branches=200, members=2)
    group, _ = common.build_group()
    bench_cockpit.TASKS_PER_PLAN = 5
    bench_cockpit.build_work()
    compute.recompute()
    office = common.role_user("profile_office", group.root, Role.PARTY_OFFICE)
    mid = common.role_user("profile_mid", group.committee, Role.MID_ADMIN)
    bench_rounds.ENTRIES = args.entries
    round_, _groups = bench_rounds.build_round(group, office)
    from partybrand.rounds.services import results

    results.results_compute(actor=office, round=round_)
    survey = surveys_data.build_survey()
    body = surveys_data.body_templates(survey)[0]
    common.analyze()

    def cookie_of(user) -> str:
        client = Client()
        client.force_login(user)
        return f"sessionid={client.cookies['sessionid'].value}"

    office_cookie, mid_cookie = cookie_of(office), cookie_of(mid)
    app = get_wsgi_application()
    survey_path = f"/api/v1/public/surveys/{survey.token}/"
    counter = iter(range(10**9))

    def post_body() -> bytes:
        return body.replace("{id}", f"profile-{next(counter)}").encode()

    scenarios = {
        "floor": ("GET", reverse("notices:notice_list"), office_cookie, 200),
        "overview": ("GET", reverse("rounds:round_detail", args=[round_.pk]), office_cookie, 200),
        "ranking": ("GET", reverse("rounds:results", args=[round_.pk]), office_cookie, 200),
        "cockpit-group": ("GET", f"/cockpit/orgs/{group.root.pk}/", office_cookie, 200),
        "cockpit-committee": ("GET", f"/cockpit/orgs/{group.committee.pk}/", mid_cookie, 200),
        "survey-submit": ("POST", survey_path, "", 201),
        "echo": ("POST", "/bench/echo/", "", 200),
    }

    def serve(method: str, path: str, cookie: str, expected: int) -> None:
        sent = post_body() if method == "POST" else b""
        status = []
        chunks = app(environ(method, path, cookie=cookie, body=sent), lambda s, h: status.append(s))
        b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        if int(status[0].split()[0]) != expected:
            raise SystemExit(f"{method} {path} answered {status[0]}")

    # The access log is written as in production, but to nowhere: its formatting is counted.
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(open(os.devnull, "w"))  # noqa: SIM115
    results_ = {}
    chosen = set(args.only.split(",")) if args.only else set(scenarios)
    for name, (method, path, cookie, expected) in scenarios.items():
        if name not in chosen:
            continue
        # A fresh connection (kept CONN_MAX_AGE seconds from now): the database's CPU is read
        # from the one process serving it, which must not change within the runs.
        connection.close()
        for _ in range(10):
            serve(method, path, cookie, expected)
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            serve(method, path, cookie, expected)
        if args.sql:
            log("\n".join(f"    {sql[:160]}" for sql in executed))
        cpu = []
        server_before = backend_cpu_seconds()
        for _ in range(args.runs):
            t0 = time.process_time()
            serve(method, path, cookie, expected)
            cpu.append((time.process_time() - t0) * 1000)
        server_after = backend_cpu_seconds()
        server_ms = (
            (server_after - server_before) * 1000 / args.runs
            if server_before is not None and server_after is not None
            else None
        )
        results_[name] = {
            "cpu_ms_median": round(statistics.median(cpu), 3),
            "cpu_ms_mean": round(statistics.fmean(cpu), 3),
            "queries": len(executed),
            "database_cpu_ms_mean": None if server_ms is None else round(server_ms, 3),
        }
        database = "" if server_ms is None else f"  database cpu mean {server_ms:6.2f} ms"
        log(
            f"{name:18} cpu median {statistics.median(cpu):7.2f} ms  "
            f"mean {statistics.fmean(cpu):7.2f} ms  queries {len(executed):3}{database}  {path}"
        )
        if name == args.profile:
            profiler = cProfile.Profile(time.process_time)  # CPU only: not the waits
            profiler.enable()
            for _ in range(args.runs):
                serve(method, path, cookie, expected)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            if args.dump:
                stats.dump_stats(args.dump)
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
            print(out.getvalue())
    if {"echo", "survey-submit"} <= chosen:

        def machine(name):  # this process's CPU and the database's, per request
            row = results_[name]
            return row["cpu_ms_mean"] + (row["database_cpu_ms_mean"] or 0)

        ratio = results_["echo"]["cpu_ms_mean"] / results_["survey-submit"]["cpu_ms_mean"]
        log(
            f"CPU-bound submissions per second: {ratio:.2f}x the bare JSON POST's "
            f"({machine('echo') / machine('survey-submit'):.2f}x counting the database's CPU)"
        )
    (common.OUT_DIR / "profile.json").write_text(json.dumps(results_, indent=2))


if __name__ == "__main__":
    main()
