"""Versions over HTTP: an `ETag` on every detail answer of a versioned row, and `If-Match` on
every write to one (PATCH, PUT, DELETE and the POST actions of a detail route).

- With If-Match, the row is locked and its version compared before the handler runs, in the
  same transaction: a tag naming another version is answered 412 and nothing is done.
- Without it, a PATCH, PUT or DELETE still passes the version the request read to its service,
  which refuses the change if the row changed meanwhile: 409, never a silent overwrite.

The 412 and 409 bodies are the API's error shape ({"detail": "…"}, in Chinese) and carry the
row's current ETag, so the client can read the row again and re-apply its change.
"""

from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from drf_spectacular.plumbing import get_view_model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from partybrand.core.conflicts import describe
from partybrand.core.rest.serializers import ErrorSerializer
from partybrand.core.versioning import (
    ANY,
    Stale,
    etag,
    if_match_versions,
    is_versioned,
    version_of,
)

if TYPE_CHECKING:
    from rest_framework import viewsets

    _ViewSet = viewsets.GenericViewSet
else:
    _ViewSet = object

WRITES = ("PATCH", "PUT", "DELETE", "POST")
PRECONDITION_FAILED = (
    "这条记录已被他人修改（If-Match 与当前版本不符），未作任何更改。请重新读取后再提交。"
)
CHANGED_MEANWHILE = "这条记录在本次请求处理期间已被他人修改，未作任何更改。请重新读取后再提交。"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = PRECONDITION_FAILED
    default_code = "precondition_failed"


class VersionedWrites(_ViewSet):
    """ETag and If-Match for a viewset whose rows are versioned (see the module). A handler of
    PATCH, PUT or DELETE passes `self.expected_version(row)` to its service."""

    if_match = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # signed in, allowed, not throttled
        self.if_match = if_match_versions(request.headers.get("If-Match"))
        if self.if_match is None or request.method not in WRITES or not self._versioned_detail():
            return
        method = request.method.lower()
        handler = getattr(self, method, None)
        if handler is not None:
            # dispatch() looks the handler up after initial(): this request's runs after the check
            setattr(self, method, partial(self._if_match_then, handler))

    def _versioned_detail(self) -> bool:
        lookup = self.lookup_url_kwarg or self.lookup_field
        return bool(self.kwargs.get(lookup)) and is_versioned(self.versioned_model())

    def versioned_model(self):
        return get_view_model(self, emit_warnings=False)

    def _if_match_then(self, handler, request, *args, **kwargs):
        model = self.versioned_model()
        pk = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        with transaction.atomic():
            if not self.get_queryset().filter(pk=pk).exists():
                return handler(request, *args, **kwargs)  # the handler answers 404 as ever
            row = model._base_manager.select_for_update().only("pk", model.version_field).get(pk=pk)
            if self.if_match is not ANY and version_of(row) not in set(self.if_match or ()):
                raise _precondition_failed(row)
            return handler(request, *args, **kwargs)

    def expected_version(self, row) -> int:
        """The version a write starts from: the one If-Match named (checked above under the
        row's lock), else the one this request read."""
        return version_of(row)

    def with_etag(self, response: Response, row) -> Response:
        if is_versioned(row) and status.is_success(response.status_code):
            response["ETag"] = etag(row)
        return response

    def get_object(self):
        row = super().get_object()
        self._read = row
        return row

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        row = getattr(self, "_read", None)
        if getattr(self, "action", None) == "retrieve" and row is not None:
            self.with_etag(response, row)  # a detail read: the version it showed
        return response


def _precondition_failed(row) -> PreconditionFailed:
    error = PreconditionFailed()
    error.etag = etag(row)  # type: ignore[attr-defined]
    return error


def stale_response(exc: Stale, request) -> Response:
    """A service's Stale as the API answers it: 412 when the client sent If-Match, 409 when
    the row changed while this request ran; with the row's ETag now."""
    conflict = describe(exc)
    sent_if_match = request is not None and "If-Match" in request.headers
    code = status.HTTP_412_PRECONDITION_FAILED if sent_if_match else status.HTTP_409_CONFLICT
    detail = PRECONDITION_FAILED if sent_if_match else CHANGED_MEANWHILE
    if conflict.gone:
        detail = conflict.summary()
    elif conflict.edits:
        latest = conflict.edits[0]
        detail += f"（最近一次修改：{latest.who}，{latest.when:%Y-%m-%d %H:%M}）"
    response = Response({"detail": detail}, status=code)
    row = None if conflict.gone else exc.current_row()
    if row is not None:
        response["ETag"] = etag(row)
    return response


# The OpenAPI description -----------------------------------------------------------------------

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        '可选。读取详情时答复的 ETag（如 "v3"）：记录在此之后被他人修改则答复 412，不作更改。'
        "不带此头时，若记录在本次请求处理期间被他人修改，答复 409。"
    ),
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description='记录的当前版本（如 "v3"）；修改或删除时放在 If-Match 中。',
)
STALE_RESPONSES = {
    "412": OpenApiResponse(ErrorSerializer, description="If-Match 与记录的当前版本不符，未作更改"),
    "409": OpenApiResponse(ErrorSerializer, description="记录在请求处理期间被他人修改，未作更改"),
}


def _versioned_view(schema) -> bool:
    view = schema.view
    if not isinstance(view, VersionedWrites):
        return False
    try:
        return is_versioned(get_view_model(view, emit_warnings=False))
    except TypeError:  # no model (a view without a queryset)
        return False


def _detail_route(schema) -> bool:
    return bool(getattr(schema.view, "detail", False))  # set by the router on each route


def schema_parameters(schema) -> list:
    """If-Match on the writes to a versioned row; ETag on the answers about one."""
    if not _versioned_view(schema) or not _detail_route(schema):
        return []
    if schema.method in WRITES:
        return [IF_MATCH, ETAG]
    return [ETAG] if schema.method == "GET" else []


def schema_responses(schema) -> dict:
    """412 and 409 for the writes to a versioned row."""
    if _versioned_view(schema) and _detail_route(schema) and schema.method in WRITES:
        return STALE_RESPONSES
    return {}
