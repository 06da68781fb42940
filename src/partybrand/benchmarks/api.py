"""REST endpoints of the benchmark library and of a brand's comparisons (对标记录).

The library is read by every signed-in user; importing needs MANAGE_LIBRARY. Comparisons follow
their brand: listed for those who see the brand (else 404), created by those who may edit it.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from partybrand.benchmarks import selectors
from partybrand.benchmarks.access import require_library_manager, visible_benchmarks
from partybrand.benchmarks.choices import BenchmarkLevel
from partybrand.benchmarks.imports import import_benchmarks
from partybrand.benchmarks.models import Benchmark, Comparison
from partybrand.benchmarks.serializers import (
    BenchmarkSerializer,
    ComparisonSerializer,
    ImportUploadSerializer,
)
from partybrand.benchmarks.services import comparison_create
from partybrand.brands.access import access_brand
from partybrand.core.rest.base import ChineseMessages, IdempotentCreates
from partybrand.core.rest.versions import VersionedWrites
from partybrand.core.tabular import ImportRefused

ImportResultSerializer = inline_serializer(
    "BenchmarkImportResult",
    fields={
        "created": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "unchanged": serializers.IntegerField(),
        "dry_run": serializers.BooleanField(),
    },
)
ImportRefusedSerializer = inline_serializer(
    "BenchmarkImportRefused",
    fields={
        "detail": serializers.CharField(),
        "errors": inline_serializer(  # absent when the upload itself is refused (no file)
            "BenchmarkImportRowError",
            required=False,
            fields={
                "row": serializers.IntegerField(help_text="表格中的行号，0 表示整个文件"),
                "column": serializers.CharField(),
                "message": serializers.CharField(),
            },
            many=True,
        ),
    },
)

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="关键词：分词匹配名称、口号、内涵、组织，或拼音首字母"),
    OpenApiParameter("sector", str, description="行业（与库中取值一致，如 电力、交通）"),
    OpenApiParameter("level", str, enum=BenchmarkLevel.values, description="层级分类"),
    OpenApiParameter("region", str, description="地区（省级行政区全称，如 浙江省）"),
    OpenApiParameter("year", int, description="年份"),
]


@extend_schema_view(
    list=extend_schema(summary="标杆品牌检索", parameters=SEARCH_PARAMETERS),
    retrieve=extend_schema(summary="标杆品牌详情"),
)
@extend_schema(tags=["标杆品牌库"])
class BenchmarkViewSet(
    ChineseMessages,
    VersionedWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """标杆品牌库：所有登录用户可检索；有关键词时按匹配程度排序（名称完全相同 → 名称含词 →
    口号与内涵含词 → 其他），否则按年份由新到旧。导入需党建工作部或党委管理员角色。"""

    queryset = Benchmark.objects.none()  # the model, for the schema and If-Match
    serializer_class = BenchmarkSerializer
    filter_backends: list = []

    def get_queryset(self):
        if self.action == "list":
            filters = selectors.Filters.from_params(self.request.query_params)
            return selectors.search_benchmarks(self.request.user, filters)
        return visible_benchmarks(self.request.user)

    @extend_schema(
        summary="导入标杆品牌（CSV / .xlsx）",
        description=(
            "先检查全部行：有任何错误则整个文件不导入，返回 400 及每一处错误的行号、列和原因。"
        ),
        request={"multipart/form-data": ImportUploadSerializer},
        responses={200: ImportResultSerializer, 400: ImportRefusedSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=ImportUploadSerializer,
    )
    def import_file(self, request):
        require_library_manager(request.user)
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            result = import_benchmarks(
                actor=request.user,
                upload=upload.validated_data["file"],
                dry_run=upload.validated_data["dry_run"],
            )
        except ImportRefused as refused:
            errors = [
                {"row": e.row, "column": e.column, "message": e.message} for e in refused.errors
            ]
            return Response({"detail": str(refused), "errors": errors}, status.HTTP_400_BAD_REQUEST)
        return Response(
            {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "dry_run": result.dry_run,
            }
        )


@extend_schema_view(
    list=extend_schema(summary="品牌的对标记录"),
    create=extend_schema(summary="新增对标记录", responses={201: ComparisonSerializer}),
)
@extend_schema(
    tags=["标杆品牌库"],
    parameters=[OpenApiParameter("brand_pk", OpenApiTypes.INT, OpenApiParameter.PATH)],
)
class BrandComparisonViewSet(
    ChineseMessages,
    IdempotentCreates,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """品牌的对标记录（学什么、差异化）：能看到该品牌的人可查看，有品牌编辑权限的人可新增。"""

    serializer_class = ComparisonSerializer
    filter_backends: list = []

    def get_queryset(self):
        brand = access_brand(self.request.user, self.kwargs["brand_pk"])
        return Comparison.objects.filter(brand=brand).select_related("benchmark", "created_by")

    def create(self, request, brand_pk=None):
        brand = access_brand(request.user, brand_pk, for_edit=True)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comparison = comparison_create(actor=request.user, brand=brand, **serializer.validated_data)
        fresh = Comparison.objects.select_related("benchmark", "created_by").get(pk=comparison.pk)
        return Response(self.get_serializer(fresh).data, status.HTTP_201_CREATED)


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register("benchmarks", BenchmarkViewSet, basename="benchmark")
    router.register(
        r"brands/(?P<brand_pk>\d+)/comparisons", BrandComparisonViewSet, basename="brand-comparison"
    )


urlpatterns: list = []  # extra /api/v1/ paths that are not viewsets
