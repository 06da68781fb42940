"""Prometheus metrics of the web processes, and the registry through which other apps add their
own at scrape time.

Labels are bounded and impersonal: the HTTP method (a fixed set), the URL's name (never the path,
which holds ids) and the status class. Under gunicorn every worker is its own process:
gunicorn_conf.py points PROMETHEUS_MULTIPROC_DIR at a folder of this node's, emptied when the
server starts, and `exposition()` then sums the workers' files. Without it (tests, a shell) the
values are this process's own.

Other apps add what they know only when asked (queue depth, task durations) with
`register_scrape_collector(fn)`: `fn()` returns prometheus_client metric families, built from the
database or the cache at each scrape, in whichever process answers it.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Callable, Iterable

from django.conf import settings
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# Seconds: pages answer in tens of milliseconds, imports and exports take seconds (up to the 30 s
# worker time-out).
BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)

REQUESTS = Counter(
    "partybrand_http_requests_total",
    "Requests answered, by method, URL name and status class.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "partybrand_http_request_duration_seconds",
    "Time from the first middleware receiving the request to the answer, by URL name.",
    ["route"],
    buckets=BUCKETS,
)
SERVER_ERRORS = Counter(
    "partybrand_http_server_errors_total",
    "Answers with a 5xx status, by URL name.",
    ["route"],
)

ScrapeCollector = Callable[[], Iterable]
_scrape_collectors: list[ScrapeCollector] = []


def register_scrape_collector(collect: ScrapeCollector) -> None:
    """Have `collect()` called at every scrape; it returns metric families (prometheus_client's
    GaugeMetricFamily, CounterMetricFamily, …). Register once, from an AppConfig.ready()."""
    if collect not in _scrape_collectors:
        _scrape_collectors.append(collect)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "OTHER"
    REQUESTS.labels(method=method, route=route, status=f"{status // 100}xx").inc()
    LATENCY.labels(route=route).observe(seconds)
    if status >= 500:
        SERVER_ERRORS.labels(route=route).inc()


class _AtScrape(Collector):
    """The registered collectors, each called at scrape time; one that fails is logged and left
    out rather than failing the scrape."""

    def collect(self):
        for collect in list(_scrape_collectors):
            try:
                yield from collect()
            except Exception:
                log.exception("metrics collector %s failed", getattr(collect, "__name__", collect))


class _ThisProcess(Collector):
    """This process's own metrics, when no multiprocess folder is set."""

    def collect(self):
        return REGISTRY.collect()


def may_scrape(address: str) -> bool:
    """Whether a client at `address` may read the metrics (settings.METRICS_ALLOWED)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in settings.METRICS_ALLOWED)


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def exposition() -> tuple[bytes, str]:
    """The text a Prometheus scrape receives, and its content type."""
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(_AtScrape())
    return generate_latest(registry), CONTENT_TYPE_LATEST
