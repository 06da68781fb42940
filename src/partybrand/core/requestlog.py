"""The first middleware: every request gets an id (returned in `X-Request-ID`, carried by every
log line written while serving it), one access line in the log and its count and duration in the
metrics (core/metrics.py).

The id comes from the proxy's `X-Request-ID` only behind our own proxy (BEHIND_PROXY), where nginx
sets it; otherwise a client could choose the id its requests are logged under.
"""

import logging
import time

from django.conf import settings
from django.utils.functional import empty

from partybrand.core import metrics, requestid
from partybrand.core.addresses import client_ip

log = logging.getLogger("partybrand.access")

HEADER = "X-Request-ID"
# A path is written to the log whole up to this length (ids only; the query string never).
PATH_MAX = 300


def route_of(request) -> str:
    """The URL's name (`brands:brand_detail`), never the path: bounded, and no ids in labels."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or "unnamed"
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


def user_id(request):
    """The signed-in user's id when the request already looked them up, else None: the access
    line never costs a query of its own."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.trust_header = settings.BEHIND_PROXY

    def __call__(self, request):
        offered = request.headers.get(HEADER) if self.trust_header else None
        token = requestid.bind(offered)
        request.request_id = requestid.current()  # for Django's own warning, logged after us
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            route = route_of(request)
            metrics.observe_request(request.method, route, response.status_code, seconds)
            log.info(
                "%s %s %s",
                request.method,
                request.path[:PATH_MAX],
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path[:PATH_MAX],
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                    "user_id": user_id(request),
                    "client": client_ip(request),
                },
            )
            response[HEADER] = requestid.current()
            return response
        finally:
            requestid.reset(token)
