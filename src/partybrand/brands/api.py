"""The REST endpoints of brands and their lifecycle.

The queryset comes from the brands' access helper, so a brand out of the user's reach is a 404
for every method; a visible brand the user may not change is a 403. Writes call one service each.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action

from partybrand.brands.access import visible_brands
from partybrand.brands.filters import BrandFilter
from partybrand.brands.models import Brand, BrandEvent, Kpi
from partybrand.brands.serializers import (
    BrandCreateSerializer,
    BrandDetailSerializer,
    BrandSerializer,
    BrandUpdateSerializer,
    TransitionSerializer,
)
from partybrand.brands.services import brand_create, brand_update
from partybrand.brands.transitions import brand_transition
from partybrand.core.rest.base import ApiViewSet
from partybrand.orgs.access import require
from partybrand.orgs.roles import Cap


@extend_schema_view(
    list=extend_schema(summary="品牌列表"),
    retrieve=extend_schema(summary="品牌详情"),
    create=extend_schema(summary="创建品牌", responses={201: BrandDetailSerializer}),
    partial_update=extend_schema(summary="修改品牌", responses={200: BrandDetailSerializer}),
)
@extend_schema(tags=["品牌"])
class BrandViewSet(ApiViewSet):
    """党建品牌：详情含释义、指标、荣誉、附件、生命周期记录及您当前可执行的操作。"""

    queryset = Brand.objects.none()  # the model, for the schema and If-Match
    serializer_class = BrandSerializer
    detail_serializer_class = BrandDetailSerializer
    create_serializer_class = BrandCreateSerializer
    update_serializer_class = BrandUpdateSerializer
    filterset_class = BrandFilter

    def get_queryset(self):
        brands = visible_brands(self.request.user).select_related("org", "parent")
        if self.action == "list":
            return brands
        return brands.prefetch_related(
            "phrases",
            Prefetch("kpis", queryset=Kpi.objects.prefetch_related("values")),
            "honours",
            "attachments",
            Prefetch("events", queryset=BrandEvent.objects.select_related("actor")),
        )

    def create(self, request):
        data = self.parse()
        org = data.pop("org")
        require(request.user, Cap.EDIT_BRAND, org)
        brand = brand_create(actor=request.user, org=org, **data)
        return self.respond(brand, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        brand = self.get_object()
        require(request.user, Cap.EDIT_BRAND, brand.org)
        version = self.expected_version(brand)
        brand = brand_update(actor=request.user, brand=brand, version=version, **self.parse(brand))
        return self.respond(brand)

    @extend_schema(
        summary="生命周期操作",
        description=(
            "执行一步生命周期操作：action 为 available_actions 中的一项；"
            "命名需 doc_no、named_on（可选 tier），验收需 publicity_days，"
            "复评需 outcome（限期整改另需 deadline），退回与复评需填写 comment。"
        ),
        request=TransitionSerializer,
        responses={200: BrandDetailSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request, pk=None):
        brand = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        brand = brand_transition(
            actor=request.user,
            brand=brand,
            action=serializer.validated_data["action"],
            comment=serializer.validated_data["comment"],
            **serializer.params(),
        )
        return self.respond(brand)


def register(router) -> None:
    router.register("brands", BrandViewSet, basename="brand")


urlpatterns: list = []
