"""What every API view shares: Chinese messages and the list/detail/create/update viewset."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

# ChineseMessages is mixed into API views only: their dispatch is the one it wraps.
if TYPE_CHECKING:
    _View = APIView
else:
    _View = object


class ChineseMessages(_View):
    """Answer in the site's language whatever the client's Accept-Language: the product is
    Chinese-only, and DRF's own messages ("该字段是必填项。") would otherwise follow the header."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)


# List and detail come from `serializer_class` (and `detail_serializer_class`); create and PATCH
# parse with their own serializers and answer with the detail representation. Subclasses'
# docstrings are the operations' descriptions in the API docs. PUT and DELETE are not offered.
class ApiViewSet(
    ChineseMessages, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
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
        return Response(serializer_class(fresh, context=self.get_serializer_context()).data, code)

    def parse(self, instance=None) -> dict:
        serializer = self.get_serializer(
            instance, data=self.request.data, partial=instance is not None
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)
