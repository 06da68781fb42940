"""What every API view shares: Chinese messages, creates carried out once per Idempotency-Key,
and the list/detail/create/update viewset."""

from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import translation
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

# ChineseMessages is mixed into API views only: their dispatch is the one it wraps.
if TYPE_CHECKING:
    _View = APIView
else:
    _View = object

from partybrand.core.ids import ID_IN_PATH
from partybrand.core.rest import versions
from partybrand.core.rest.schema import ID_SCHEMA, document_errors, error_statuses
from partybrand.core.rest.versions import VersionedWrites
from partybrand.core.submissions import HEADER, Repeated, clean_token, once

KEY_REUSED = "该 Idempotency-Key 已用于另一个请求，请为新的请求换一个。"

# The mixin is checked as the viewset it is mixed into; at run time it adds nothing to the MRO.
if TYPE_CHECKING:
    _ViewSet = viewsets.GenericViewSet
else:
    _ViewSet = object


class ChineseMessages(_View):
    """What every API view's dispatch does around the view.

    Answers in the site's language whatever the client's Accept-Language: the product is
    Chinese-only, and DRF's own messages ("该字段是必填项。") would otherwise follow the header.

    Runs a request that may change something in one transaction, so a server error leaves
    nothing changed: a create that failed while writing its answer was once kept, and the
    client's retry made it twice. A refusal (4xx) is an answer, not an exception, and rolls back
    nothing. A view whose POST changes nothing sets `changes_data = False` and runs outside a
    transaction (on SQLite a transaction holds the one write lock)."""

    changes_data = True

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            if request.method in SAFE_METHODS or not self.changes_data:
                return super().dispatch(request, *args, **kwargs)
            with transaction.atomic():
                return super().dispatch(request, *args, **kwargs)


class _NotKept(Exception):
    """A create answered with an error: its token is rolled back with it."""

    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response


class IdempotentCreates(_ViewSet):
    """A create (POST on a list route, or an action declared `@action(..., idempotent=True)`)
    sent with an `Idempotency-Key` header is carried out once per user and key: the same key
    again gets the first answer's status and body (with `Idempotent-Replayed: true`) and creates
    nothing; racing requests are held by the token's unique row (core/submissions.py). Without
    the header a create runs as before. A key used on another address is refused (422)."""

    idempotent = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # signed in, allowed, not throttled
        if request.method == "POST" and (self.action == "create" or self.idempotent):
            key = clean_token(request.headers.get(HEADER))
            if key:
                # dispatch() looks the handler up after initial(): this request's POST runs once
                self.post = partial(self._create_once, self.post, key)  # type: ignore[has-type]

    def _create_once(self, handler, key, request, *args, **kwargs):
        try:
            with once(request.user, key, request.path) as submission:
                response = handler(request, *args, **kwargs)
                if not status.is_success(response.status_code):
                    raise _NotKept(response)
                submission.keep(status=response.status_code, body=response.data)
        except _NotKept as refused:
            return refused.response
        except Repeated as repeated:
            first = repeated.record
            if not repeated.same_address(request.path):
                return Response({"detail": KEY_REUSED}, status.HTTP_422_UNPROCESSABLE_ENTITY)
            return Response(first.body, first.status, headers={"Idempotent-Replayed": "true"})
        return response


IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "可选。客户端为每次新建生成的唯一值（如 UUID，至多 255 个字符）：超时重试时带上同一值，"
        "服务器只新建一次，并按第一次的状态码和内容答复。"
    ),
)


class Schema(AutoSchema):
    """The API's OpenAPI description: creates document the Idempotency-Key header, and every
    operation the error answers it can give (core/rest/schema.py); writes to a versioned row
    If-Match, 412 and 409, and answers about one their ETag (core/rest/versions)."""

    def _creates_once(self) -> bool:
        view = self.view
        creates = isinstance(view, IdempotentCreates) and (
            getattr(view, "action", None) == "create" or view.idempotent
        )
        return self.method == "POST" and creates

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), *versions.schema_parameters(self)]
        return [*parameters, IDEMPOTENCY_KEY] if self._creates_once() else parameters

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            if parameter["schema"].get("pattern") == f"^{ID_IN_PATH}$":  # an id, as the router
                parameter["schema"] = dict(ID_SCHEMA)  # takes it: the integer it is
        security = operation.get("security", [])
        codes = error_statuses(
            method=self.method,
            signed_in=bool(security) and {} not in security,
            path_params=any(p["in"] == "path" for p in operation.get("parameters", [])),
            idempotent=self._creates_once(),
            throttled=bool(self.view.get_throttles()),
        )
        return document_errors(self, operation, codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in versions.schema_responses(self).items():
            responses.setdefault(code, self._get_response_for_code(response, code))
        return responses


# List and detail come from `serializer_class` (and `detail_serializer_class`); create and PATCH
# parse with their own serializers and answer with the detail representation. Subclasses'
# docstrings are the operations' descriptions in the API docs. PUT and DELETE are not offered.
# Detail answers about a versioned row carry its ETag; writes to one take If-Match.
class ApiViewSet(
    ChineseMessages,
    IdempotentCreates,
    VersionedWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    create_serializer_class: type[BaseSerializer] | None = None
    update_serializer_class: type[BaseSerializer] | None = None
    detail_serializer_class: type[BaseSerializer] | None = None

    def get_serializer_class(self):
        # The browsable API asks the list view for its POST form and the detail view for its
        # PATCH form, with the action still "list" or "retrieve".
        method = self.request.method if self.request is not None else None
        if self.action == "create" or (self.action == "list" and method == "POST"):
            return self.create_serializer_class
        if self.action == "partial_update" or (self.action == "retrieve" and method == "PATCH"):
            return self.update_serializer_class
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.serializer_class

    def respond(self, instance, code=status.HTTP_200_OK) -> Response:
        serializer_class = self.detail_serializer_class or self.serializer_class
        assert serializer_class is not None, f"{type(self).__name__} has no serializer_class"
        fresh = self.get_queryset().get(pk=instance.pk)
        data = serializer_class(fresh, context=self.get_serializer_context()).data
        return self.with_etag(Response(data, code), fresh)

    def parse(self, instance=None) -> dict:
        serializer = self.get_serializer(
            instance, data=self.request.data, partial=instance is not None
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)
