"""The probes a load balancer or orchestrator asks: /healthz (the process answers) and /readyz
(it can serve: database, cache, disk, uploads, the task queue's broker; a worker's heartbeat is
reported beside them without deciding), public by design and without personal data; and /metrics
for Prometheus, to the addresses of PARTYBRAND_METRICS_ALLOWED only."""

import logging

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from partybrand.core import metrics as platform_metrics
from partybrand.core.addresses import client_ip
from partybrand.ops.health import readiness

log = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """Liveness: answers without touching the database, so a database outage does not get every
    web process restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    ready, checks = readiness()
    response = JsonResponse({"status": "ok" if ready else "fail", "checks": checks})
    if not ready:
        response.status_code = 503
        failed = ", ".join(
            name
            for name, result in checks.items()
            if not result["ok"] and not result.get("advisory")
        )
        log.warning("not ready: %s", failed)
        # A node being unready is the probe's answer, not a server error: Django would log
        # every 503 at ERROR level, once per probe.
        response._has_been_logged = True  # type: ignore[attr-defined]
    return response


@never_cache
@require_safe
def metrics(request):
    """Prometheus's scrape. Anyone else is told there is no such page (404, not 403): the address
    gives nothing away."""
    if not platform_metrics.may_scrape(client_ip(request)):
        raise Http404
    body, content_type = platform_metrics.exposition()
    return HttpResponse(body, content_type=content_type)
