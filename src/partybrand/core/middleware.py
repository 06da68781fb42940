"""Security headers that Django does not send by itself, and requests refused before any view."""

import io

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string

from partybrand.core.audit import bind_origin, unbind_origin

# Everything is served by the platform itself (no CDN on intranets), and no page carries inline
# script: scripts come from static files, so an injected <script> or on* attribute does not run.
# Inline styles stay allowed for Bootstrap components and ECharts.
DEFAULT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Pages and API answers carry personal data (names, phone numbers, ID numbers, scores): no
# browser, proxy or shared computer may keep a copy. Static files are the exception (they are
# the same for everyone and worth caching); so is a view that chose its own Cache-Control (a
# brand's logo, a survey's QR code: no personal data).
NO_STORE = "no-store"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_POLICY)
        self.static_prefix = settings.STATIC_URL

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if not request.path.startswith(self.static_prefix):
            response.headers.setdefault("Cache-Control", NO_STORE)
        return response


class AuditOriginMiddleware:
    """Every audit row written while serving a request records the client's address and browser
    (core/audit.py), without any service passing them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = bind_origin(request)
        try:
            return self.get_response(request)
        finally:
            unbind_origin(token)


NUL_REFUSED = "请求中含有无效字符（空字符），已拒绝。"
UNREADABLE = "请求内容无法解析，请检查格式与 Content-Type。"
JSON_TYPES = ("application/json",)


class RefuseNulMiddleware:
    """A NUL character in an address, a query string or a posted value is refused with 400:
    no text the platform keeps or searches may hold one, and PostgreSQL cannot take it (a search
    for "%00" was a server error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = NUL_REFUSED if self._has_nul(request) else ""
        except MultiPartParserError:  # e.g. multipart/form-data without a boundary
            refused = UNREADABLE
        if refused:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": refused}, status=400)
            page = render_to_string("400.html", {"message": refused}, request=request)
            return HttpResponseBadRequest(page)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or _any_nul(request.GET):
            return True
        if request.method not in ("POST", "PUT", "PATCH"):
            return False
        if request.content_type in JSON_TYPES:
            body = request.body
            return b"\x00" in body or b"\\u0000" in body
        return _any_nul(request.POST)


def _any_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


class RequestSizeLimitMiddleware:
    """A request body larger than MAX_REQUEST_BYTES is refused with 413 before anything reads
    it: by its Content-Length, or for a chunked body (which has none) by reading at most the
    limit and then handing what was read to Django as an ordinary body. The answer is a Chinese
    page, or JSON under /api/. Upload limits per file stay with the uploads' own checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        length = request.META.get("CONTENT_LENGTH") or ""
        if length.strip():
            if not length.strip().isdigit():
                return self._refuse(request, limit, "请求的 Content-Length 无效。", status=400)
            if int(length) > limit:
                return self._refuse(request, limit)
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = request.META["wsgi.input"].read(limit + 1)
            if len(body) > limit:
                return self._refuse(request, limit)
            # Django reads a body by its Content-Length: give it the one now known.
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = LimitedStream(io.BytesIO(body), len(body))
        return self.get_response(request)

    @staticmethod
    def _refuse(request, limit: int, message: str = "", status: int = 413) -> HttpResponse:
        message = message or (
            f"提交的内容超过 {_size(limit)} 的上限，未被接收。一次上传多个文件时，请分几次提交。"
        )
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=status)
        page = render_to_string("413.html", {"message": message, "status": status})
        return HttpResponse(page, status=status)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{round(count / 1024 / 1024, 1):g} MB"
    return f"{round(count / 1024, 1):g} KB"


ADDRESS_MAX = 8000  # characters of path and query string; gunicorn's own ceiling is 8190
TOO_LONG = "请求地址过长（含查询参数），已拒绝；请缩短查询条件。"


class RefuseLongAddressMiddleware:
    """An address longer than ADDRESS_MAX is refused with 414, as JSON for the API and a page
    otherwise. gunicorn runs with `--limit-request-line 0` so that such a request reaches us:
    its own 414 would be an English text page that the API's documentation cannot describe."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.get_full_path()) <= ADDRESS_MAX:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": TOO_LONG}, status=414)
        page = render_to_string("400.html", {"message": TOO_LONG}, request=request)
        return HttpResponse(page, status=414)
