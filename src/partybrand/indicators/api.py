"""API endpoints of the indicator systems: read-only lists and trees, scoped like the pages
(templates for everyone signed in, a committee's systems within its subtree; 404 outside).
The editor is in the browser; changes go through the pages and their services."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from partybrand.core.rest.base import ChineseMessages
from partybrand.core.rest.versions import VersionedWrites
from partybrand.indicators import selectors
from partybrand.indicators.choices import SystemKind, SystemStatus
from partybrand.indicators.models import IndicatorSystem, StarLevel
from partybrand.indicators.serializers import SystemDetailSerializer, SystemSerializer


@extend_schema_view(
    list=extend_schema(
        summary="指标体系列表",
        parameters=[
            OpenApiParameter("kind", str, enum=SystemKind.values, description="类别"),
            OpenApiParameter("status", str, enum=SystemStatus.values, description="状态"),
            OpenApiParameter("code", str, description="体系编码（同一体系的各版本）"),
        ],
    ),
    retrieve=extend_schema(summary="指标体系详情：星级标准与一级 → 二级 → 三级指标树"),
)
class IndicatorSystemViewSet(
    ChineseMessages,
    VersionedWrites,  # the detail's ETag
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """指标体系（党支部标准化规范化建设、党建品牌评价等）。平台模板所有登录用户可读；
    党委自己的体系在其下级范围内可读（草稿仅本级及上级可见）。"""

    queryset = IndicatorSystem.objects.none()  # the model, for the schema and If-Match
    filter_backends: list = []

    def get_serializer_class(self):
        return SystemDetailSerializer if self.action == "retrieve" else SystemSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.systems(self.request.user).prefetch_related(
                Prefetch("stars", queryset=StarLevel.objects.order_by("stars"))
            )
        params = self.request.query_params
        return selectors.systems(
            self.request.user,
            kind=params.get("kind", ""),
            status=params.get("status", ""),
            code=params.get("code", "")[:40],
        )


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register("indicator-systems", IndicatorSystemViewSet, basename="indicator-system")


urlpatterns = []  # extra /api/v1/ paths that are not viewsets
