"""Under gunicorn (partybrand.gunicorn_conf, several worker processes) the metrics are the sum of
every worker's, the folder holding them is this server's own and emptied at start, and gunicorn's
own log lines are JSON like the platform's."""

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from prometheus_client.parser import text_string_to_metric_families

from partybrand.gunicorn_conf import metrics_dir
from tests.core.test_served_by_gunicorn import GUNICORN, free_port
from tests.helpers import REPO

pytestmark = pytest.mark.slow(seconds=12)

REQUESTS = 24


def get(url: str) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (a local server)
        return response.status, dict(response.headers), response.read()


def wait_until_up(process, base: str) -> None:
    deadline = time.monotonic() + 90  # the machine may be busy: each worker loads Django first
    while True:
        try:
            get(base + "/healthz")
            return
        except OSError:
            assert process.poll() is None, "gunicorn did not start"
            assert time.monotonic() < deadline, "gunicorn did not answer in time"
            time.sleep(0.3)


def healthz_count(text: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "partybrand_http_requests_total" and sample.labels == {
                "method": "GET",
                "route": "healthz",
                "status": "2xx",
            }:
                return sample.value
    return 0


def test_metrics_add_up_across_workers_and_gunicorn_logs_json(tmp_path, monkeypatch):
    port = free_port()
    monkeypatch.setenv("PARTYBRAND_DATA_DIR", str(tmp_path))
    bound = SimpleNamespace(cfg=SimpleNamespace(bind=[f"127.0.0.1:{port}"]))
    own = Path(metrics_dir(bound))
    own.mkdir(parents=True)
    (own / "counter_99999.db").write_bytes(b"a previous run's values")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partybrand.settings_test",
        "PARTYBRAND_SECRET_KEY": "gunicorn-test-" + "k" * 40,
        "PARTYBRAND_ALLOWED_HOSTS": "127.0.0.1",
        "PARTYBRAND_DATA_DIR": str(tmp_path),
        "PARTYBRAND_LOG_FORMAT": "json",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    args = [str(GUNICORN), "-c", "python:partybrand.gunicorn_conf", "partybrand.wsgi"]
    args += ["-b", f"127.0.0.1:{port}", "-w", "3", "--log-level", "info"]
    base = f"http://127.0.0.1:{port}"
    errors = tmp_path / "gunicorn.err"
    with errors.open("w") as sink:
        process = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=sink)
        try:
            wait_until_up(process, base)
            before = healthz_count(get(base + "/metrics")[2].decode())
            ids = {get(base + "/healthz")[1]["X-Request-ID"] for _ in range(REQUESTS)}
            after = healthz_count(get(base + "/metrics")[2].decode())
            files = sorted(f.name for f in own.glob("*.db"))
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert after - before == REQUESTS  # whichever worker answered the scrape
    assert len(ids) == REQUESTS
    assert own.parent == tmp_path / "metrics" and str(port) in own.name
    assert files and "counter_99999.db" not in files  # emptied at start, then the workers' own
    lines = [line for line in errors.read_text().splitlines() if line.strip()]
    assert lines, "gunicorn wrote nothing"
    parsed = [json.loads(line) for line in lines]  # every line is a JSON object
    assert any(p["logger"] == "gunicorn.error" and "Booting worker" in p["message"] for p in parsed)
    assert all({"time", "level", "logger", "message", "request_id"} <= p.keys() for p in parsed)
