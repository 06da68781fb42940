"""Every request gets an id, returned in X-Request-ID and written on every log line of that
request, and one access line: method, path without the query string, the URL's name, status,
duration, the user's id (never a name) and the client's address. Lines are one JSON object each,
or plain text for the demo; an exception is one field."""

import io
import json
import logging
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from partybrand.core import requestid
from partybrand.core.logformat import JsonFormatter, RequestIdFilter, TextFormatter, log_format
from tests.helpers import login


@pytest.fixture
def log_lines():
    """What the platform's handler would write during the test, as JSON objects."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def access_lines(lines):
    return [line for line in lines if line["logger"] == "partybrand.access"]


def test_every_answer_carries_a_new_request_id(db):
    first = Client().get(reverse("healthz"))["X-Request-ID"]
    second = Client().get(reverse("healthz"))["X-Request-ID"]
    assert requestid.acceptable(first) and requestid.acceptable(second)
    assert first != second


def test_the_proxys_id_is_ignored_unless_the_platform_is_behind_it(db, settings):
    offered = "edge-4f1c2a9b77d0"
    settings.BEHIND_PROXY = False
    response = Client().get(reverse("healthz"), HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] != offered
    settings.BEHIND_PROXY = True
    response = Client().get(reverse("healthz"), HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] == offered


def test_an_unfit_id_from_the_proxy_is_replaced(db, settings):
    settings.BEHIND_PROXY = True
    response = Client().get(reverse("healthz"), HTTP_X_REQUEST_ID='x" injected=1')
    assert requestid.acceptable(response["X-Request-ID"])
    assert "injected" not in response["X-Request-ID"]


def test_the_access_line_names_the_route_and_the_users_id_but_not_the_query(world, log_lines):
    client = login(world, "secretary")
    response = client.get(reverse("brands:brand_list"), {"q": "张三 13800000000"})
    assert response.status_code == 200
    [line] = access_lines(log_lines())
    assert line["method"] == "GET"
    assert line["path"] == reverse("brands:brand_list")
    assert line["route"] == "brands:brand_list"
    assert line["status"] == 200
    assert line["duration_ms"] > 0
    assert line["user_id"] == world.secretary.pk
    assert line["client"] == "127.0.0.1"
    assert line["request_id"] == response["X-Request-ID"]
    text = json.dumps(log_lines(), ensure_ascii=False)
    assert "13800000000" not in text and "张三" not in text
    assert world.secretary.username not in text


def test_the_access_line_of_an_anonymous_request_has_no_user(db, log_lines):
    Client().get("/no-such-page/")
    [line] = access_lines(log_lines())
    assert line["status"] == 404 and line["route"] == "unmatched" and line["user_id"] is None


def test_djangos_warning_on_a_refused_request_carries_its_id(db, log_lines):
    response = Client().get("/no-such-page/")
    [warning] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert warning["message"] == "Not Found: /no-such-page/"
    assert warning["request_id"] == response["X-Request-ID"]


def test_behind_the_proxy_the_client_is_the_address_it_appended(db, settings, log_lines):
    settings.BEHIND_PROXY = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    Client().get(reverse("healthz"), HTTP_X_FORWARDED_FOR="1.2.3.4, 10.20.30.40")
    assert access_lines(log_lines())[0]["client"] == "10.20.30.40"


def test_a_server_error_is_one_line_with_the_traceback_as_one_field(db, log_lines):
    client = Client(raise_request_exception=False)
    with mock.patch("partybrand.ops.views.readiness", side_effect=RuntimeError("disk gone")):
        response = client.get(reverse("readyz"))
    assert response.status_code == 500
    lines = log_lines()
    [error] = [line for line in lines if line["level"] == "ERROR"]
    assert "RuntimeError: disk gone" in error["exception"]
    assert "Traceback" in error["exception"]
    assert error["request_id"] == response["X-Request-ID"]
    assert access_lines(lines)[0]["status"] == 500
    assert "request" not in error  # Django's request object (and its query string) left out


def test_a_line_has_time_with_zone_level_logger_and_message():
    record = logging.makeLogRecord(
        {"name": "partybrand.brands", "levelno": 30, "levelname": "WARNING", "msg": "品牌 %s"}
    )
    record.args = ("红心",)
    token = requestid.bind("abcdef123456")
    try:
        line = json.loads(JsonFormatter().format(record))
        text = TextFormatter().format(record)
    finally:
        requestid.reset(token)
    assert line["time"].endswith("+08:00") and "T" in line["time"]
    assert (line["level"], line["logger"], line["message"]) == (
        "WARNING",
        "partybrand.brands",
        "品牌 红心",
    )
    assert line["request_id"] == "abcdef123456"
    assert "[abcdef123456] 品牌 红心" in text


def test_json_is_the_default_and_text_the_demos(monkeypatch):
    monkeypatch.delenv("PARTYBRAND_LOG_FORMAT", raising=False)
    monkeypatch.setenv("PARTYBRAND_DEMO", "false")
    assert log_format() == "json"
    monkeypatch.setenv("PARTYBRAND_DEMO", "true")
    assert log_format() == "text"
    monkeypatch.setenv("PARTYBRAND_LOG_FORMAT", "xml")
    with pytest.raises(Exception, match="json or text"):
        log_format()
