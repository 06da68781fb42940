"""The survey benchmark: anonymous submissions from concurrent clients against gunicorn.

`make bench` runs it after bench_spine.py. It builds a published anonymous survey (six questions, no
limit on repeats) in its own database (PostgreSQL `partybrand_bench_surveys` when a server answers
on 127.0.0.1:5432, else a SQLite file in bench/out/), starts gunicorn on a free local port with
bench/settings_bench.py (2 workers x 4 threads by default, as `make serve`: one process per CPU
here), and lets 50 clients (5 processes x 10 threads, each thread one HTTP connection, kept alive
where the server allows it) post valid answers to the public API for a fixed time; then the same
load against a bare Django JSON POST endpoint (/bench/echo/, same bodies) as the baseline. It prints
submissions per second, median and p95 latency, errors by status and the ratios to the baseline,
then counts rows: every accepted submission stored, none twice (each carries a unique client id in
its free-text answer). Exits non-zero if a check fails.
Results also go to bench/out/surveys.json.

Options: --duration S, --warmup S, --clients N, --procs N, --workers N, --threads N, --close,
--sqlite.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common, surveys_data  # noqa: E402
from bench.common import log  # noqa: E402
from bench.loadgen import run_job  # noqa: E402
from bench.surveys_report import checks, print_scenario, summarise  # noqa: E402

RESULT_FILE = common.OUT_DIR / "surveys.json"
DATA_DIR = common.OUT_DIR / "surveys-data"
GUNICORN_LOG = common.OUT_DIR / "gunicorn-surveys.log"
HOST = "127.0.0.1"


def free_port() -> int:
    """PARTYBRAND_BENCH_PORT when set (a port kept for this checkout), else any free one."""
    if os.environ.get("PARTYBRAND_BENCH_PORT"):
        return int(os.environ["PARTYBRAND_BENCH_PORT"])
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, threads: int, close: bool) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "bench.settings_bench"}
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "partybrand.wsgi:application"]
    command += ["-b", f"{HOST}:{port}", "-w", str(workers), "--threads", str(threads)]
    command += ["--log-level", "warning", "--error-logfile", str(GUNICORN_LOG)]
    if close:  # one request per connection, as from nginx without upstream keepalive
        command += ["--keep-alive", "0"]
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603


def wait_ready(server: subprocess.Popen, port: int, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see {GUNICORN_LOG}")
        try:
            conn = HTTPConnection(HOST, port, timeout=2)
            conn.request("POST", "/bench/echo/", body=b"{}")
            if conn.getresponse().status == 200:
                time.sleep(2)  # one worker answered; let the others finish booting
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on port {port} within {seconds:.0f} s")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)  # the master and its workers: their own group
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _cpu_times() -> tuple[int, int]:
    with open("/proc/stat", encoding="ascii") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def busy_elsewhere(seconds: float = 1.0) -> float | None:
    """The machine's CPU use (%) while this benchmark is idle: other work competing with it."""
    try:
        busy0, total0 = _cpu_times()
        time.sleep(seconds)
        busy1, total1 = _cpu_times()
    except OSError:  # not Linux
        return None
    return round(100 * (busy1 - busy0) / max(total1 - total0, 1), 1)


def run_load(args, port: int, path: str, templates: list[str]) -> dict:
    """All clients against `path`; the records of every request and the measured summary."""
    idle_busy = busy_elsewhere()
    base, rest = divmod(args.clients, args.procs)
    per_proc = [base + (i < rest) for i in range(args.procs)]
    start_at = time.monotonic() + 1.0  # the processes start first, then post together
    window = (start_at + args.warmup, start_at + args.warmup + args.duration)
    jobs = [
        {
            "host": HOST,
            "port": port,
            "path": path,
            "process": i,
            "threads": n,
            "templates": templates,
            "start_at": start_at,
            "end_at": window[1],
            "timeout": 60,
        }
        for i, n in enumerate(per_proc)
    ]
    with multiprocessing.get_context("spawn").Pool(args.procs) as pool:
        results = pool.map(run_job, jobs)
    records = [r for result in results for r in result["records"]]
    samples = {}
    for result in results:
        for status, body in result["samples"].items():
            samples.setdefault(status, body)
    connections = sum(result["connections"] for result in results)
    return {
        "records": records,
        "samples": samples,
        "window": window,
        "connections": connections,
        "busy_before": idle_busy,
    }


def gunicorn_problems() -> list[str]:
    if not GUNICORN_LOG.exists():
        return []
    lines = GUNICORN_LOG.read_text(encoding="utf-8", errors="replace").splitlines()
    return [ln for ln in lines if "Traceback" in ln or "[ERROR]" in ln or "TIMEOUT" in ln]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before measuring")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--procs", type=int, default=5, help="load generator processes")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument(
        "--close", action="store_true", help="no keep-alive: one connection per request"
    )
    parser.add_argument("--sqlite", action="store_true", help="do not use PostgreSQL")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so gunicorn is stopped, too
    started = time.perf_counter()

    url, postgres = surveys_data.prepare_database(force_sqlite=args.sqlite)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    (DATA_DIR / "staticfiles").mkdir(exist_ok=True)
    os.environ.update(
        DATABASE_URL=url,
        PARTYBRAND_DATA_DIR=str(DATA_DIR),
        DJANGO_SETTINGS_MODULE="bench.settings_bench",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    database = common.database_description()
    log(f"database: {database} ({url})")
    if not postgres:
        why = "--sqlite given" if args.sqlite else "PostgreSQL did not answer on 127.0.0.1:5432"
        log(f"NOTE: {why}: SQLite fallback, not the target database; expect lower figures.")
    call_command("migrate", verbosity=0, interactive=False)
    survey = surveys_data.build_survey()
    templates = surveys_data.body_templates(survey)
    survey_path = f"/api/v1/public/surveys/{survey.token}/"
    log(f"survey {survey.pk}: {len(survey.questions)} questions, POST {survey_path}")
    connections.close_all()

    GUNICORN_LOG.unlink(missing_ok=True)
    port = free_port()
    server = start_gunicorn(port, args.workers, args.threads, args.close)
    try:
        wait_ready(server, port)
        worker = "sync" if args.threads == 1 else "gthread"
        log(
            f"gunicorn on {HOST}:{port}: {args.workers} {worker} workers x {args.threads} "
            f"thread(s); {os.cpu_count()} CPUs shared with the database and the clients"
        )
        log(
            f"load: {args.clients} clients ({args.procs} processes x threads), "
            f"{args.warmup:.0f} s warm-up + {args.duration:.0f} s measured per scenario"
        )
        survey_load = run_load(args, port, survey_path, templates)
        echo_load = run_load(args, port, "/bench/echo/", templates)
    finally:
        stop_gunicorn(server)

    survey_s = summarise(survey_load, args.duration)
    echo_s = summarise(echo_load, args.duration)
    rows = surveys_data.count_rows(survey)
    problems = gunicorn_problems()
    results = checks(survey_load, rows)
    results.append(
        (
            not problems,
            f"gunicorn logged no errors ({len(problems)} error lines in {GUNICORN_LOG.name})",
        )
    )
    ratio = round(survey_s["requests_per_s"] / max(echo_s["requests_per_s"], 0.1), 3)
    p95_ratio = round((survey_s["p95_ms"] or 0) / max(echo_s["p95_ms"] or 0, 0.001), 2)

    log("")
    log(f"database: {database}")
    log(
        f"{args.clients} concurrent clients, {args.duration:.0f} s measured after "
        f"{args.warmup:.0f} s warm-up; latency = client-side wall time of the 2xx answers"
    )
    print_scenario("anonymous survey submission", survey_s)
    print_scenario("baseline: bare JSON POST", echo_s)
    log(
        f"ratio survey / baseline: throughput {ratio:.2f}x "
        f"(a submission costs {1 / max(ratio, 0.001):.1f}x the machine time of a bare POST), "
        f"p95 {p95_ratio:.1f}x"
    )
    log(
        f"note: the clients (Python threads) run on the same {os.cpu_count()} CPUs as gunicorn "
        "and the database and take CPU from both; absolute figures are this machine's, the "
        "ratio is the comparable one"
    )
    if args.threads == 1 or args.close:
        log(
            "note: gunicorn closes the connection after each answer (sync workers, or --close), "
            "so the clients reconnect per request (as from a proxy without upstream keep-alive)"
        )
    log(
        "note: other work on the machine competes for the same CPUs; the CPU busy figure above "
        "is measured for 1 s just before each scenario, with gunicorn idle"
    )
    log("")
    log(
        f"rows: {rows['responses']} responses ({rows['anonymous_responses']} anonymous), "
        f"{rows['answers']} answers; {survey_s['all_accepted']} of {survey_s['all_requests']} "
        "submissions (warm-up included) answered 2xx"
    )
    for ok, text in results:
        log(f"{'PASS' if ok else 'FAIL'}: {text}")
    if problems:
        log(f"gunicorn log ({GUNICORN_LOG}) has {len(problems)} error lines, first: {problems[0]}")
    total = time.perf_counter() - started
    log(f"total run time: {total:.1f} s")

    common.OUT_DIR.mkdir(exist_ok=True)
    payload = {
        "database": database,
        "postgresql": postgres,
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        "clients": args.clients,
        "load_processes": args.procs,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "survey": {"path": survey_path, "questions": len(survey.questions), **survey_s},
        "baseline_echo": {"path": "/bench/echo/", **echo_s},
        "ratio_throughput": ratio,
        "ratio_p95": p95_ratio,
        "rows": {k: v for k, v in rows.items() if k != "ids"},
        "checks": [{"pass": ok, "check": text} for ok, text in results],
        "gunicorn_error_lines": problems[:20],
        "total_seconds": round(total, 1),
    }
    RESULT_FILE.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    log(f"results written to {RESULT_FILE.relative_to(ROOT)}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
