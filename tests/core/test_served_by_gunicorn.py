"""The platform as production serves it (gunicorn with partybrand.gunicorn_conf, as Makefile
`serve` and docs/OPERATIONS.md start it): no `Server` header naming the software, and a bad Host
header answered 400, and threaded workers keeping the connection open for the next request (a
sync worker closes it after every answer), over a real socket."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow(seconds=12)

GUNICORN = Path(sys.executable).with_name("gunicorn")
REQUESTS = {
    "page": ("/login/", "127.0.0.1"),
    "missing": ("/no-such-page/", "127.0.0.1"),
    "bad host": ("/login/", "evil.example"),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(tmp_path, *config: str):
    """gunicorn serving the platform on a free port, with the given config arguments."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partybrand.settings_test",  # static files without a manifest
        "PARTYBRAND_SECRET_KEY": "gunicorn-test-" + "k" * 40,
        "PARTYBRAND_ALLOWED_HOSTS": "127.0.0.1",
        "PARTYBRAND_DATA_DIR": str(tmp_path),
    }
    args = [str(GUNICORN), *config, "partybrand.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
    process = subprocess.Popen(
        args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=30)


def answers(process, port) -> dict:
    deadline = time.monotonic() + 60  # the machine may be busy: the worker loads Django first
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, "gunicorn did not start"
            assert time.monotonic() < deadline, "gunicorn did not listen in time"
            time.sleep(0.2)
    found = {}
    for name, (path, host) in REQUESTS.items():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        found[name] = (response.status, dict(response.getheaders()), response.read())
        connection.close()
    return found


def test_gunicorn_with_the_platforms_config_sends_no_server_header(tmp_path):
    # Both start at once (each takes a while to load Django); plain gunicorn is the control.
    with (
        gunicorn(tmp_path / "a", "-c", "python:partybrand.gunicorn_conf") as configured,
        gunicorn(tmp_path / "b") as plain,
    ):
        served = answers(*configured)
        control = answers(*plain)
    assert served["page"][0] == 200 and served["missing"][0] == 404
    for name, (_status, headers, _body) in served.items():
        assert "server" not in {key.lower() for key in headers}, name
    status, headers, body = served["bad host"]
    assert status == 400 and "请求的网站地址不是本平台的地址" in body.decode()
    assert headers["Cache-Control"] == "no-store"
    assert control["page"][1].get("Server") == "gunicorn"  # what the config module removes
    assert served["page"][1].get("Connection") == "keep-alive"  # gthread, threads from the config
    assert control["page"][1].get("Connection") == "close"  # plain gunicorn: a sync worker
