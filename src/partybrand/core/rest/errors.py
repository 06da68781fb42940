"""API errors: one shape for every error answer, in Chinese. Django's ValidationError,
PermissionDenied and Http404 from services and access helpers become JSON answers; so do unknown
API addresses, unreadable bodies and server errors.

The shape (documented as the `Error` component for every status an operation can answer):
`{"detail": "<a sentence>"}`, and for a refused request body also one key per field naming what
is wrong with it: `{"detail": "以下字段有误：名称。", "name": ["该字段不能为空。"]}`.
"""

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from partybrand.core.rest.versions import stale_response
from partybrand.core.versioning import Stale

NOT_FOUND = "对象不存在或您无权访问。"
SERVER_ERROR = "系统暂时无法完成请求，问题已记录，请稍后再试。"
BAD_REQUEST = "请求有误，无法处理。"
FORBIDDEN = "您没有执行该操作的权限。"
FIELDS_WRONG = "以下字段有误：{fields}。"
UNREADABLE = "请求内容不是有效的 JSON{where}，请检查格式与 Content-Type。"
JSON_WHERE = re.compile(r"line (\d+) column (\d+)")
CSRF_FAILED = (
    "CSRF 校验失败：以登录会话调用接口时，请求须带 X-CSRFToken 请求头；"
    "程序调用请改用令牌（Authorization: Token …）。"
)
NON_FIELD = "non_field_errors"


def exception_handler(exc, context):
    if isinstance(exc, Stale):  # a write from an old version: 412 or 409, with the ETag now
        return stale_response(exc, context.get("request"))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"detail": "".join(exc.messages)})
    elif isinstance(exc, RecursionError):  # a body nested too deeply to read
        exc = exceptions.ParseError("请求内容嵌套过深，无法解析。")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):  # its message names the model in English
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith("JSON parse"):
        # DRF's message carries the JSON library's English reason; keep only where it failed
        found = JSON_WHERE.search(str(exc.detail))
        where = f"（第 {found[1]} 行第 {found[2]} 列）" if found else ""
        exc = exceptions.ParseError(UNREADABLE.format(where=where))
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF"):
        exc = exceptions.PermissionDenied(CSRF_FAILED)  # DRF's message is English
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(response.data, context.get("view"))
        if getattr(exc, "etag", None):
            response["ETag"] = exc.etag
    return response


def error_body(data, view=None) -> dict:
    """`data` of an error answer in the documented shape: a dict whose "detail" is a sentence."""
    if isinstance(data, list):  # ValidationError("…") raised outside a serializer
        return {"detail": _sentence(data)}
    if not isinstance(data, dict):
        return {"detail": str(data) or BAD_REQUEST}
    detail = data.get("detail")
    if isinstance(detail, str):
        return data
    if detail is not None:  # a list of messages under "detail"
        return {**data, "detail": _sentence(detail)}
    if data.get(NON_FIELD):
        return {"detail": _sentence(data[NON_FIELD]), **data}
    labels = _field_labels(view)
    fields = "、".join(labels.get(str(name), str(name)) for name in data)
    return {"detail": FIELDS_WRONG.format(fields=fields) if fields else BAD_REQUEST, **data}


def _sentence(messages) -> str:
    if isinstance(messages, str):
        return messages
    texts = [m for m in messages if isinstance(m, str)]
    return "".join(texts) or BAD_REQUEST


def _field_labels(view) -> dict[str, str]:
    """The Chinese labels of the fields of the view's serializer, where it has one."""
    serializer_class = getattr(view, "serializer_class", None)
    if hasattr(view, "get_serializer_class"):  # a generic view: the one of its action
        try:
            serializer_class = view.get_serializer_class()
        except AssertionError:  # a view without a serializer
            return {}
    if serializer_class is None:
        return {}
    fields = serializer_class().fields
    return {name: str(field.label) for name, field in fields.items() if field.label}


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def api_error(status: int, message: str) -> JsonResponse:
    # ensure_ascii off: the Chinese is readable in a terminal and in logs, as DRF writes it
    return JsonResponse(
        {"detail": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def api_not_found(request) -> JsonResponse:
    return api_error(404, NOT_FOUND)


def api_server_error(request) -> JsonResponse:
    return api_error(500, SERVER_ERROR)
