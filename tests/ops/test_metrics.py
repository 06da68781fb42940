"""/metrics for Prometheus: requests by method, URL name and status class, latency by URL name,
server errors, and what other apps register to be collected at scrape time. Only the addresses
of PARTYBRAND_METRICS_ALLOWED may read it (anyone else: 404); no label holds a path, an id or a
person."""

import ipaddress
from unittest import mock

from django.test import Client
from django.urls import reverse
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.parser import text_string_to_metric_families

from partybrand.core import metrics
from tests.helpers import login


def scrape(**extra) -> dict:
    response = Client().get(reverse("metrics"), **extra)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def requests_of(samples, route, status="2xx", method="GET") -> float:
    key = (
        "partybrand_http_requests_total",
        (("method", method), ("route", route), ("status", status)),
    )
    return samples.get(key, 0)


def test_loopback_may_read_the_metrics_and_anyone_else_is_told_there_is_no_page(db):
    assert Client().get(reverse("metrics")).status_code == 200
    outside = Client(REMOTE_ADDR="10.9.8.7").get(reverse("metrics"))
    assert outside.status_code == 404
    assert b"partybrand_http" not in outside.content


def test_the_allowed_networks_come_from_the_setting(db, settings):
    settings.METRICS_ALLOWED = [ipaddress.ip_network("10.9.0.0/16")]
    assert Client(REMOTE_ADDR="10.9.8.7").get(reverse("metrics")).status_code == 200
    assert Client().get(reverse("metrics")).status_code == 404  # loopback no longer listed


def test_behind_the_proxy_a_forged_forwarded_address_does_not_get_in(db, settings):
    settings.BEHIND_PROXY = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # nginx appends the real client (203.0.113.5) after whatever the client claimed.
    forged = Client(REMOTE_ADDR="127.0.0.1").get(
        reverse("metrics"), HTTP_X_FORWARDED_FOR="127.0.0.1, 203.0.113.5"
    )
    assert forged.status_code == 404


def test_requests_are_counted_by_url_name_not_by_path(world):
    before = scrape()
    client = login(world, "secretary")
    brand = world.brand
    for _ in range(3):
        assert client.get(reverse("brands:brand_detail", args=[brand.pk])).status_code == 200
    Client().get(f"/brands/{brand.pk}/no-such-part/")
    after = scrape()
    route = "brands:brand_detail"
    assert requests_of(after, route) - requests_of(before, route) == 3
    assert requests_of(after, "unmatched", "4xx") - requests_of(before, "unmatched", "4xx") == 1
    count = ("partybrand_http_request_duration_seconds_count", (("route", route),))
    assert after[count] - before.get(count, 0) == 3
    labels = {value for _, pairs in after for _, value in pairs}
    assert not any(str(brand.pk) in value and "/" in value for value in labels)
    assert world.secretary.username not in labels


def test_server_errors_are_counted(db):
    before = scrape()
    client = Client(raise_request_exception=False)
    with mock.patch("partybrand.ops.views.readiness", side_effect=RuntimeError("boom")):
        assert client.get(reverse("readyz")).status_code == 500
    after = scrape()
    key = ("partybrand_http_server_errors_total", (("route", "readyz"),))
    assert after[key] - before.get(key, 0) == 1
    assert requests_of(after, "readyz", "5xx") - requests_of(before, "readyz", "5xx") == 1


def test_other_apps_add_collectors_read_at_scrape_time(db, monkeypatch):
    monkeypatch.setattr(metrics, "_scrape_collectors", [])
    depth = {"value": 4}

    def queue_depth():
        family = GaugeMetricFamily("partybrand_queue_depth", "Jobs waiting.", labels=["state"])
        family.add_metric(["queued"], depth["value"])
        yield family

    def broken():
        raise ConnectionError("broker down")

    metrics.register_scrape_collector(broken)
    metrics.register_scrape_collector(queue_depth)
    metrics.register_scrape_collector(queue_depth)  # once is enough
    key = ("partybrand_queue_depth", (("state", "queued"),))
    assert scrape()[key] == 4
    depth["value"] = 7
    assert scrape()[key] == 7  # a broken collector leaves the others and the scrape working
