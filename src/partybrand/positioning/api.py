"""The REST endpoints of a brand's stock-taking and positioning summary:

    /api/v1/brands/<brand_pk>/practices/        已有做法 (工作法 candidates)
    /api/v1/brands/<brand_pk>/swot-items/       优势与不足 (and 机遇、挑战)
    /api/v1/brands/<brand_pk>/positioning/      the summary, as the page and the .docx show it

They follow the brand: a brand out of reach is a 404 for every method; reading needs only to see
the brand; creating, changing and deleting need the right to edit it (403 otherwise). Writes call
one service each.
"""

from django.db.models import Prefetch
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from partybrand.brands.access import access_brand
from partybrand.core.rest.base import ApiViewSet, ChineseMessages
from partybrand.positioning import selectors, services
from partybrand.positioning.access import access_practice, access_swot_item
from partybrand.positioning.models import Practice, PracticeEvidence, SwotItem
from partybrand.positioning.serializers import (
    PracticeSerializer,
    PracticeWriteSerializer,
    SummarySerializer,
    SwotItemSerializer,
    SwotItemWriteSerializer,
)

BRAND_PK = OpenApiParameter(
    "brand_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="品牌编号"
)


class BrandItemViewSet(ApiViewSet):
    """List, create, read, PATCH and DELETE of one kind of stock-taking item of a brand."""

    filter_backends: list = []
    access = None  # the access helper: (user, pk, *, for_edit, brand_pk) -> item
    create_service = update_service = delete_service = None
    item_arg = ""

    def brand(self, *, for_edit: bool = False):
        return access_brand(self.request.user, self.kwargs["brand_pk"], for_edit=for_edit)

    def create(self, request, brand_pk=None):
        brand = self.brand(for_edit=True)
        item = self.create_service(actor=request.user, brand=brand, **self.parse())
        return self.respond(item, status.HTTP_201_CREATED)

    def _item(self, pk):
        return self.access(self.request.user, pk, for_edit=True, brand_pk=self.kwargs["brand_pk"])

    def partial_update(self, request, brand_pk=None, pk=None):
        item = self._item(pk)
        data = self.parse(item)
        version = self.expected_version(item)
        item = self.update_service(
            actor=request.user, **{self.item_arg: item}, version=version, **data
        )
        return self.respond(item)

    def destroy(self, request, brand_pk=None, pk=None):
        item = self._item(pk)
        version = self.expected_version(item)
        self.delete_service(actor=request.user, **{self.item_arg: item}, version=version)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="已有做法列表"),
    retrieve=extend_schema(summary="已有做法详情"),
    create=extend_schema(summary="新增已有做法", responses={201: PracticeSerializer}),
    partial_update=extend_schema(summary="修改已有做法", responses={200: PracticeSerializer}),
    destroy=extend_schema(summary="删除已有做法（连同佐证材料）"),
)
@extend_schema(tags=["品牌定位"], parameters=[BRAND_PK])
class PracticeViewSet(BrandItemViewSet):
    """内部梳理·已有做法（工作法候选）。佐证材料在此只读：文件经 download_url 下载（同样校验权限），
    上传请在内部梳理页面进行。"""

    queryset = Practice.objects.none()  # for the schema; rows come from the brand's access
    serializer_class = PracticeSerializer
    create_serializer_class = update_serializer_class = PracticeWriteSerializer
    access = staticmethod(access_practice)
    create_service = staticmethod(services.practice_create)
    update_service = staticmethod(services.practice_update)
    delete_service = staticmethod(services.practice_delete)
    item_arg = "practice"

    def get_queryset(self):
        evidence = PracticeEvidence.objects.order_by("uploaded_at", "id")
        return (
            Practice.objects.filter(brand=self.brand())
            .select_related("brand")
            .prefetch_related(Prefetch("evidence", queryset=evidence))
        )


@extend_schema_view(
    list=extend_schema(summary="优势与不足列表"),
    retrieve=extend_schema(summary="优势与不足详情"),
    create=extend_schema(summary="新增优势、不足、机遇或挑战", responses={201: SwotItemSerializer}),
    partial_update=extend_schema(summary="修改要点", responses={200: SwotItemSerializer}),
    destroy=extend_schema(summary="删除要点"),
)
@extend_schema(tags=["品牌定位"], parameters=[BRAND_PK])
class SwotItemViewSet(BrandItemViewSet):
    """内部梳理·优势与不足（可选机遇与挑战），side 为类型，category 为所属方面。"""

    queryset = SwotItem.objects.none()
    serializer_class = SwotItemSerializer
    create_serializer_class = update_serializer_class = SwotItemWriteSerializer
    access = staticmethod(access_swot_item)
    create_service = staticmethod(services.swot_create)
    update_service = staticmethod(services.swot_update)
    delete_service = staticmethod(services.swot_delete)
    item_arg = "item"

    def get_queryset(self):
        return SwotItem.objects.filter(brand=self.brand())


class PositioningSummaryView(ChineseMessages, APIView):
    """品牌定位汇总：调研要点、内部梳理、标杆对比与定位结论，内容与导出的 Word 报告一致。"""

    @extend_schema(
        tags=["品牌定位"],
        summary="品牌定位汇总",
        parameters=[BRAND_PK],
        responses={200: SummarySerializer},
    )
    def get(self, request, brand_pk):
        brand = access_brand(request.user, brand_pk)
        return Response(SummarySerializer(selectors.summary(brand)).data)


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register(
        r"brands/(?P<brand_pk>\d+)/practices", PracticeViewSet, basename="brand-practice"
    )
    router.register(
        r"brands/(?P<brand_pk>\d+)/swot-items", SwotItemViewSet, basename="brand-swot-item"
    )


urlpatterns = [
    path(
        "v1/brands/<int:brand_pk>/positioning/",
        PositioningSummaryView.as_view(),
        name="brand-positioning",
    ),
]
