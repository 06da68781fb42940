"""Where a request comes from, as the audit log, the login throttling and the rate limits see it."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address; behind our own proxy, the address that proxy appended last."""
    # Only the right-most X-Forwarded-For entry is trustworthy: it is written by our proxy, while
    # anything left of it comes from the client and could be forged to dodge the per-address limit.
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "") or "unknown"
