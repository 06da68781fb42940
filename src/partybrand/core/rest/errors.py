"""API errors: Django's ValidationError, PermissionDenied and Http404 from services and access
helpers become JSON answers in Chinese; so do unknown API addresses and server errors."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from partybrand.core.rest.versions import stale_response
from partybrand.core.versioning import Stale

NOT_FOUND = "对象不存在或您无权访问。"
SERVER_ERROR = "系统暂时无法完成请求，问题已记录，请稍后再试。"


def exception_handler(exc, context):
    if isinstance(exc, Stale):  # a write from an old version: 412 or 409, with the ETag now
        return stale_response(exc, context.get("request"))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"detail": exc.messages})
    elif isinstance(exc, RecursionError):  # a body nested too deeply to read
        exc = exceptions.ParseError("请求内容嵌套过深，无法解析。")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):  # its message names the model in English
        exc = exceptions.NotFound(NOT_FOUND)
    response = drf_exception_handler(exc, context)
    if response is not None and getattr(exc, "etag", None):
        response["ETag"] = exc.etag
    return response


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def api_bad_request(request, message: str) -> JsonResponse:
    return JsonResponse({"detail": message}, status=400)


def api_not_found(request) -> JsonResponse:
    return JsonResponse({"detail": NOT_FOUND}, status=404)


def api_server_error(request) -> JsonResponse:
    return JsonResponse({"detail": SERVER_ERROR}, status=500)
