"""A request body larger than the platform accepts is refused with 413 before it is read: by its
Content-Length, and a chunked body (which has none) is read no further than the limit. Tried
through a real gunicorn started here on a free port, as production serves the site, and through
Django's test client."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tests.helpers import REPO

MIB = 1024 * 1024
LIMIT = 3 * MIB  # what the gunicorn below is given (attachments and imports of 512 KiB)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partybrand.settings_test",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "PARTYBRAND_DATA_DIR": str(folder),
        "PARTYBRAND_LOGO_MAX_BYTES": str(512 * 1024),
        "PARTYBRAND_ATTACHMENT_MAX_BYTES": str(512 * 1024),
        "PARTYBRAND_IMPORT_MAX_BYTES": str(512 * 1024),
        "PARTYBRAND_MAX_REQUEST_BYTES": str(LIMIT),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "partybrand.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--timeout",
            "30",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "gunicorn.log", "wb"),  # noqa: SIM115 (closed with the process)
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None:
                raise RuntimeError((folder / "gunicorn.log").read_text()) from None
            time.sleep(0.2)
    else:
        server.kill()
        raise RuntimeError("gunicorn did not start")
    # The worker's first request loads the whole site: wait for it here, not in a test.
    assert exchange(port, headers("GET", "/healthz"), timeout=120)[0] == 200
    yield port
    server.terminate()
    server.wait(timeout=20)


def exchange(port: int, head: str, body_chunks=(), *, timeout=10.0) -> tuple[int, str, float]:
    """Send a raw request (headers, then the body chunks as they come) and read the answer:
    (status, body, seconds until the answer)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(head.encode())
        try:
            for chunk in body_chunks:
                conn.sendall(chunk)
        except OSError:
            pass  # the server answered and stopped reading: what it said is read below
        response = http.client.HTTPResponse(conn)
        response.begin()
        body = response.read().decode()
    return response.status, body, time.monotonic() - started


def headers(method: str, path: str, **extra: str) -> str:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in extra.items()]
    return "\r\n".join(lines) + "\r\n\r\n"


def chunked(data: bytes, size: int = 64 * 1024):
    for start in range(0, len(data), size):
        piece = data[start : start + size]
        yield f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    yield b"0\r\n\r\n"


def test_a_declared_10_gb_upload_is_refused_before_a_byte_of_it_is_sent(gunicorn):
    head = headers(
        "POST",
        "/brands/new/",
        Content_Type="multipart/form-data; boundary=x",
        Content_Length=str(10 * 1024**3),
    )
    status, body, elapsed = exchange(gunicorn, head)
    assert status == 413 and elapsed < 2
    assert "提交的内容过大" in body and "超过 3 MB 的上限" in body


def test_the_api_answers_413_in_json(gunicorn):
    head = headers(
        "POST", "/api/v1/brands/", Content_Type="application/json", Content_Length=str(LIMIT + 1)
    )
    status, body, _ = exchange(gunicorn, head)
    assert status == 413
    assert "超过 3 MB 的上限" in json.loads(body)["detail"]


def test_a_chunked_body_beyond_the_limit_is_refused_after_reading_only_the_limit(gunicorn):
    head = headers(
        "POST",
        "/api/v1/brands/",
        Content_Type="application/json",
        Transfer_Encoding="chunked",
    )
    status, body, _ = exchange(gunicorn, head, chunked(b" " * (LIMIT + 256 * 1024)))
    assert status == 413 and "超过 3 MB 的上限" in json.loads(body)["detail"]


def test_a_chunked_body_within_the_limit_reaches_the_application(gunicorn):
    # The body holds a NUL, which the next middleware refuses: proof that it was read.
    head = headers(
        "POST",
        "/brands/new/",
        Content_Type="application/x-www-form-urlencoded",
        Transfer_Encoding="chunked",
    )
    status, body, _ = exchange(gunicorn, head, chunked(b"name=%00" + b"&x=1" * 500))
    assert status == 400 and "空字符" in body


def test_a_body_within_the_limit_is_served_as_before(gunicorn):
    head = headers(
        "POST", "/login/", Content_Type="application/x-www-form-urlencoded", Content_Length="9"
    )
    status, _, _ = exchange(gunicorn, head, [b"username="])
    assert status == 403  # no CSRF cookie: the post reached Django's own checks


def test_django_refuses_by_content_length_too(settings):
    settings.MAX_REQUEST_BYTES = 2048
    response = Client().post("/api/v1/brands/", {"name": "x" * 4000})
    assert response.status_code == 413
    assert response.json()["detail"].startswith("提交的内容超过 2 KB 的上限，未被接收。")


def test_the_default_leaves_room_for_several_of_the_largest_uploads():
    largest = max(settings.ATTACHMENT_MAX_BYTES, settings.IMPORT_MAX_BYTES, settings.LOGO_MAX_BYTES)
    assert 5 * largest + MIB == settings.MAX_REQUEST_BYTES


def test_a_limit_below_the_largest_upload_stops_the_start(tmp_path):
    env = {**os.environ, "PARTYBRAND_MAX_REQUEST_BYTES": str(MIB)}
    result = subprocess.run(
        [sys.executable, "-c", "import partybrand.settings_test"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "PARTYBRAND_MAX_REQUEST_BYTES must leave room" in result.stderr
    assert ImproperlyConfigured.__name__ in result.stderr
