"""The notification centre over the API: /api/v1/notifications/ (one's own only; anyone else's
is a 404), with `read` on one notification and `read-all`."""

from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from partybrand.core.rest.base import ApiViewSet
from partybrand.notices import services
from partybrand.notices.models import Notification
from partybrand.notices.serializers import NotificationSerializer, ReadAllSerializer


@extend_schema_view(
    list=extend_schema(summary="我的消息（未读在前）"),
    retrieve=extend_schema(summary="消息详情"),
)
@extend_schema(tags=["消息提醒"])
class NotificationViewSet(ApiViewSet):
    """消息提醒：只返回当前用户本人的消息。"""

    queryset = Notification.objects.none()
    serializer_class = NotificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user).order_by(
            F("read_at").asc(nulls_first=True), "-created_at", "-id"
        )

    @extend_schema(summary="标为已读", request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        services.mark_read(actor=request.user, notification=notification)
        return self.respond(notification)

    @extend_schema(summary="全部标为已读", request=None, responses=ReadAllSerializer)
    @action(detail=False, methods=["post"], url_path="read-all", serializer_class=ReadAllSerializer)
    def read_all(self, request):
        return Response({"marked": services.mark_all_read(actor=request.user)})


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register("notifications", NotificationViewSet, basename="notification")


urlpatterns = []  # extra /api/v1/ paths that are not viewsets
