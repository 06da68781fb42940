"""Fuzz the REST API from its own OpenAPI schema (schemathesis), as the demo's admin and as a
branch secretary, against gunicorn serving a freshly seeded demo; `make test` and .ci/run call it.

Every operation is tried, the state-changing ones included (the stateful phase chains creates,
edits and actions through the links schemathesis infers), with fixed generation (deterministic,
no example database) and a bounded number of examples, so two runs on the same code send the
same requests and take the same time. It fails on any server error (counted from gunicorn's
access log, every request included) and on any answer the schema does not describe: its status,
body, Content-Type or headers.

The database is a temporary SQLite file, or with DATABASE_URL set to PostgreSQL a database of
its own named after that one with "_fuzz" appended, dropped afterwards.

    .venv/bin/python scripts/fuzz_api.py [--max-examples N] [--coverage] [--explore SEED]

`--coverage` adds the coverage phase to the admin's run: every parameter's boundary values, about
two thirds of the run's time (`make fuzz` passes it; CI leaves it out to stay within 20 minutes).
`--explore SEED` looks for new cases instead: random generation from SEED, valid and invalid
requests for every persona, no time bound (try `--max-examples 50`).
"""

import argparse
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "fuzz-" + secrets.token_urlsafe(12)
# Who the API is fuzzed as, and with what data. The branch secretary runs first (the admin's
# run may change what a branch holds) and sends valid requests only: what a branch may and may
# not do is decided on those; how invalid input is refused does not depend on who sends it, so
# the admin's run alone sends invalid requests too, and the whole run stays within minutes.
# The coverage phase (every parameter's boundary values, two thirds of a run's time) is tried
# once, as the admin, by `make fuzz` (--coverage); CI's run leaves it out to stay within its 20
# minutes: its fuzzing phase still sends the admin's invalid requests.
PERSONAS = {
    "secretary1": ("positive", "examples,fuzzing,stateful"),
    "admin": ("all", "examples,fuzzing,stateful"),
}
COVERAGE_PERSONA = "admin"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "response_schema_conformance",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
    ]
)
# Lists whose objects the fuzz addresses by real ids half of the time (an id drawn at random
# names nothing, and a run of 404s reaches no logic): /api/v1/<list>/{id}/…, and the nested
# paths' parent ids.
LISTS = [
    "orgs",
    "members",
    "brands",
    "benchmarks",
    "surveys",
    "theme-workshops",
    "indicator-systems",
    "assessments",
    "plans",
    "plan-phases",
    "plan-tasks",
    "supervision-tickets",
    "review-meetings",
    "rectification-items",
    "notifications",
]
PARENTS = {
    "brand_pk": "brands",
    "survey_pk": "surveys",
    "workshop_pk": "theme-workshops",
    "org_pk": "orgs",
}
SERVER_ERROR_CODES = {"ST101", "ST102"}  # counted from the access log instead
PERSONA_TIMEOUT = 600  # seconds: a run that takes longer has lost its bound and fails
MIN_ANSWERED = 100  # 2xx answers a persona's run must get (several hundred when all is well)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=5, help="cases per operation")
    parser.add_argument("--report-dir", default=str(ROOT / "var" / "fuzz"), help="reports")
    parser.add_argument("--explore", type=int, metavar="SEED", help="random cases from SEED")
    parser.add_argument(
        "--coverage", action="store_true", help="the admin's run adds the coverage phase"
    )
    args = parser.parse_args()
    examples = ["--max-examples", str(args.max_examples)]
    if args.explore is not None:
        runs = {p: [*examples, "--seed", str(args.explore), "--mode", "all"] for p in PERSONAS}
        timeout = None
    else:
        # The same cases every run, no seed to pass around, and no example database: no
        # replay of an earlier run's failures, each run stands alone.
        phases_of = {persona: phases for persona, (_mode, phases) in PERSONAS.items()}
        if args.coverage:
            phases_of[COVERAGE_PERSONA] = "examples,coverage,fuzzing,stateful"
        runs = {
            persona: [
                *examples,
                "--generation-deterministic",
                "--mode",
                mode,
                "--phases",
                phases_of[persona],
            ]
            for persona, (mode, _phases) in PERSONAS.items()
        }
        timeout = PERSONA_TIMEOUT
    reports = Path(args.report_dir)
    reports.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pb-fuzz-") as scratch:
        env, drop_database = environment(Path(scratch))
        try:
            prepare(env)
            results = serve_and_fuzz(env, Path(scratch), reports, runs, timeout)
        finally:
            drop_database()
    return summarise(results, time.monotonic() - started)


def environment(scratch: Path):
    env = dict(os.environ)
    env.update(
        PARTYBRAND_DATA_DIR=str(scratch),
        PARTYBRAND_SECRET_KEY=secrets.token_urlsafe(50),
        PARTYBRAND_HTTPS="false",
        PARTYBRAND_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SETTINGS_MODULE="partybrand.settings",
        DEMO_PASSWORD=PASSWORD,
    )
    url = env.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        env.pop("DATABASE_URL", None)  # the SQLite file in the scratch folder
        return env, lambda: None
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_fuzz"
    env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/" + name))
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    _postgres(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return env, lambda: _postgres(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def prepare(env: dict) -> None:
    """The schema (on PostgreSQL cloned from a migrated template: scripts/schema_clone.py), the
    static files and the demo enterprise."""
    partybrand = str(BIN / "partybrand")
    if env.get("DATABASE_URL"):
        subprocess.run(
            [str(BIN / "python"), str(ROOT / "scripts" / "schema_clone.py")],
            env=env,
            check=True,
            cwd=ROOT,
        )
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([partybrand, *command], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [partybrand, "seed_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )


def serve_and_fuzz(env: dict, scratch: Path, reports: Path, runs: dict, timeout) -> list[dict]:
    # The listening socket is made here and handed to gunicorn, so no other process can take
    # its port between a probe and gunicorn's bind (two runs at once once talked to one server).
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    access_log = scratch / "access.log"
    server_log = scratch / "server.log"  # Django's warnings on every 4xx, tracebacks on a 500
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "partybrand.wsgi",
            "--bind",
            f"fd://{listener.fileno()}",
            "--workers",
            "2",
            "--limit-request-line",
            "0",  # over-long addresses reach the platform, which answers 414 itself
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(s)s",  # the status alone: a fuzzed address may hold a line break
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=server_log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        pass_fds=(listener.fileno(),),
    )
    listener.close()  # gunicorn holds it now
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        tokens = {persona: token(base, persona) for persona in PERSONAS}
        schema = scratch / "schema.json"  # read once: generating it takes seconds
        schema.write_bytes(get(base + "/api/schema/?format=json", tokens["admin"]))
        results = []
        for persona, options in runs.items():
            out = reports / persona
            out.mkdir(parents=True, exist_ok=True)
            config = out / "schemathesis.toml"
            config.write_text(settings_with_ids(known_ids(base, tokens[persona])))
            before = count_lines(access_log)
            report = fuzz(base, schema, config, persona, tokens[persona], out, options, timeout)
            statuses = read_statuses(access_log, skip=before)
            results.append({"persona": persona, "statuses": statuses, **report})
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    (reports / "server.log").write_text(server_log.read_text())
    errors = server_errors(server_log.read_text())
    if errors:
        print(f"\n== Server errors (whole log in {reports / 'server.log'}) ==\n{errors}")
    return results


def server_errors(log: str) -> str:
    """The tracebacks in the server's log, each from its request line to its exception."""
    kept, inside = [], False
    for line in log.splitlines():
        inside = inside or line.startswith("Internal Server Error:")
        if inside:
            kept.append(line)
            if re.match(r"[A-Za-z_.]+(Error|Exception)\b", line):
                inside = False
    return "\n".join(kept[-400:])


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=30):
                return
        except OSError:  # not listening yet (URLError), or a worker still booting (timeout)
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 120 s")


def get(url: str, key: str) -> bytes:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {key}"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return answer.read()


def token(base: str, username: str) -> str:
    body = json.dumps({"username": username, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        base + "/api/v1/auth/token/", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["token"]


def known_ids(base: str, key: str) -> dict[str, list[int]]:
    """Up to 20 ids of each list the persona sees, before the run changes anything."""
    ids = {}
    for name in LISTS:
        rows = json.loads(get(f"{base}/api/v1/{name}/?page_size=20", key))["results"]
        ids[name] = [row["id"] for row in rows]
    return ids


def settings_with_ids(ids: dict[str, list[int]]) -> str:
    """scripts/schemathesis.toml, with the ids as dictionaries bound to the path parameters."""
    lines = [(ROOT / "scripts" / "schemathesis.toml").read_text()]
    known = {name: values for name, values in ids.items() if values}
    for name, values in known.items():
        lines += [f'[dictionaries."{name}"]', f"values = {values}"]
    lines.append("[parameters]")
    lines += [
        f'"path.{param}" = {{ dictionary = "{name}", probability = 0.5 }}'
        for param, name in PARENTS.items()
        if name in known
    ]
    for name in known:
        lines += [
            "[[operations]]",
            f'include-path-regex = "^/api/v1/{name}/\\\\{{id\\\\}}/"',
            f'parameters = {{ "path.id" = {{ dictionary = "{name}", probability = 0.5 }} }}',
        ]
    return "\n".join(lines) + "\n"


def fuzz(base, schema: Path, config: Path, persona, key, out: Path, options, timeout) -> dict:
    report = out / "report.json"
    report.unlink(missing_ok=True)
    command = [
        str(BIN / "schemathesis"),
        "--config-file",
        str(config),
        "run",
        str(schema),
        "--url",
        base,
        "--header",
        f"Authorization: Token {key}",
        "--checks",
        CHECKS,
        # Revoking one's tokens ends the credential this run sends: every later request would be
        # a 401 and reach nothing. tests/core/test_tokens*.py cover these two operations.
        "--exclude-path-regex",
        r"^/api/v1/auth/tokens/.*revoke",
        *options,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--continue-on-failure",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    print(f"\n== API fuzz as {persona} ==", flush=True)
    try:
        run = subprocess.run(command, cwd=out, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"timed_out": True, "exit": None, "violations": {}, "errors": 0, "cases": 0}
    data = json.loads(report.read_text()) if report.exists() else {}
    violations = {
        f"{f['code']} {f['title']}": f["count"]
        for f in data.get("failures", [])
        if f["code"] not in SERVER_ERROR_CODES
    }
    return {
        "timed_out": False,
        "exit": run.returncode,
        "violations": violations,
        "errors": len(data.get("errors", [])),
        "cases": data.get("test_cases", {}).get("generated", 0),
    }


def count_lines(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


def read_statuses(path: Path, *, skip: int) -> Counter:
    time.sleep(1)  # gunicorn writes its access log line after the answer
    return Counter(path.read_text().splitlines()[skip:])


def summarise(results: list[dict], seconds: float) -> int:
    print("\n== API fuzz summary ==")
    for result in results:
        statuses = result["statuses"]
        requests = sum(statuses.values())
        server_errors = sum(n for code, n in statuses.items() if code.startswith("5"))
        violations = sum(result["violations"].values())
        print(
            f"{result['persona']}: {requests} requests ({result['cases']} test cases), "
            f"{server_errors} server errors, {violations} schema violations, "
            f"{result['errors']} errors; statuses "
            + ", ".join(f"{code}×{n}" for code, n in sorted(statuses.items()))
        )
        for title, count in sorted(result["violations"].items()):
            print(f"  {title}: {count}")
        if result["timed_out"]:
            print(f"  stopped after {PERSONA_TIMEOUT} s: the run lost its bound")
        # A run that reached nothing proves nothing: its token was refused, or its server was
        # not the one it seeded.
        answered = sum(n for code, n in statuses.items() if code.startswith("2"))
        vacuous = answered < MIN_ANSWERED or statuses.get("401", 0) > requests / 100
        if vacuous:
            print(f"  only {answered} answers of 2xx and {statuses.get('401', 0)} of 401")
        result["failed"] = bool(
            vacuous
            or result["timed_out"]
            or server_errors
            or violations
            or result["errors"]
            or result["exit"] != 0
        )
    clean = sum(1 for r in results if not r["failed"])
    print(f"API fuzz took {seconds:.0f} s")
    print(f"fuzz: {clean} passed, {len(results) - clean} failed")
    return 1 if clean < len(results) else 0


if __name__ == "__main__":
    sys.exit(main())
