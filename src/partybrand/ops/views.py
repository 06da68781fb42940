"""The probes a load balancer or orchestrator asks: /healthz (the process answers) and /readyz
(it can serve: database, cache, disk, uploads, the task queue's broker; a worker's heartbeat is
reported beside them without deciding). Public by design and without personal data."""

import logging

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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
