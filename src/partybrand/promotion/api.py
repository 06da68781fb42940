"""The REST endpoints of activity carriers:

    /api/v1/promotion/carriers/                                  载体 (list, create, read, PATCH)
    /api/v1/promotion/carriers/<carrier_pk>/activities/          活动 (list, create, read)
    /api/v1/promotion/carriers/<carrier_pk>/recognitions/        评定 (list, create, read)

A carrier out of reach is a 404 for every method; reading needs only to see it; changing it and
recording activities need Cap.RUN_CARRIERS over its organisation, recognising it
Cap.RECOGNISE_CARRIERS from above (403 otherwise). Writes call one service each.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status

from partybrand.brands.access import access_brand
from partybrand.core.rest.base import ApiViewSet
from partybrand.orgs.roles import Cap, can
from partybrand.promotion import selectors, services
from partybrand.promotion.access import NOT_RUNNER, access_carrier, visible_carriers
from partybrand.promotion.models import Activity, ActivityPhoto, Carrier, Recognition
from partybrand.promotion.serializers import (
    ActivitySerializer,
    ActivityWriteSerializer,
    CarrierCreateSerializer,
    CarrierSerializer,
    CarrierUpdateSerializer,
    RecognitionSerializer,
    RecognitionWriteSerializer,
)

CARRIER_PK = OpenApiParameter(
    "carrier_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="活动载体编号"
)
TAGS = ["推介·活动载体"]


@extend_schema_view(
    list=extend_schema(summary="活动载体列表"),
    retrieve=extend_schema(summary="活动载体详情"),
    create=extend_schema(summary="新建活动载体", responses={201: CarrierSerializer}),
    partial_update=extend_schema(summary="修改活动载体", responses={200: CarrierSerializer}),
)
@extend_schema(tags=TAGS)
class CarrierViewSet(ApiViewSet):
    """党员责任区、党员示范岗、党员突击队、党员服务队、攻关项目。负责人与成员取自本组织党员名册
    （党员编号）；display 为亮牌方式（亮身份、亮承诺、亮标识）。"""

    queryset = Carrier.objects.none()
    serializer_class = CarrierSerializer
    create_serializer_class = CarrierCreateSerializer
    update_serializer_class = CarrierUpdateSerializer
    filter_backends: list = []

    def get_queryset(self):
        return (
            visible_carriers(self.request.user)
            .select_related("org", "brand", "leader")
            .prefetch_related("members")
            .order_by("org__path", "kind", "id")
        )

    def create(self, request):
        data = self.parse()
        brand = access_brand(request.user, data.pop("brand"))
        if not can(request.user, Cap.RUN_CARRIERS, brand.org.path):
            raise PermissionDenied(NOT_RUNNER)
        carrier = services.carrier_create(actor=request.user, brand=brand, **data)
        return self.respond(carrier, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        carrier = access_carrier(request.user, pk, for_edit=True)
        version = self.expected_version(carrier)
        data = self.parse(carrier)
        carrier = services.carrier_update(
            actor=request.user, carrier=carrier, version=version, **data
        )
        return self.respond(carrier)


class _OfCarrier(ApiViewSet):
    filter_backends: list = []

    def carrier(self, **kwargs):
        return access_carrier(self.request.user, self.kwargs["carrier_pk"], **kwargs)


@extend_schema_view(
    list=extend_schema(summary="载体活动列表"),
    retrieve=extend_schema(summary="载体活动详情"),
    create=extend_schema(summary="记录载体活动", responses={201: ActivitySerializer}),
)
@extend_schema(tags=TAGS, parameters=[CARRIER_PK])
class ActivityViewSet(_OfCarrier):
    """载体开展的活动：日期、地点、参加人员（党员编号）、内容与成效（名称、数值、单位）。
    照片在此只读，请在“记录活动”页面上传。"""

    queryset = Activity.objects.none()
    serializer_class = ActivitySerializer
    create_serializer_class = ActivityWriteSerializer

    def get_queryset(self):
        photos = ActivityPhoto.objects.order_by("uploaded_at", "id")
        return (
            Activity.objects.filter(carrier=self.carrier())
            .prefetch_related("participants", Prefetch("photos", queryset=photos))
            .order_by("-held_on", "-id")
        )

    def create(self, request, carrier_pk=None):
        carrier = self.carrier(for_edit=True)
        activity = services.activity_add(actor=request.user, carrier=carrier, **self.parse())
        return self.respond(activity, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="载体评定列表"),
    retrieve=extend_schema(summary="载体评定详情"),
    create=extend_schema(summary="评定活动载体", responses={201: RecognitionSerializer}),
)
@extend_schema(tags=TAGS, parameters=[CARRIER_PK])
class RecognitionViewSet(_OfCarrier):
    """上级党组织对载体的评定（评定示范岗、优秀突击队等）：依据载体的活动与成效，不依据登录、
    签到或积分。"""

    queryset = Recognition.objects.none()
    serializer_class = RecognitionSerializer
    create_serializer_class = RecognitionWriteSerializer

    def get_queryset(self):
        return selectors.recognitions_of(self.carrier())

    def create(self, request, carrier_pk=None):
        carrier = self.carrier(for_recognition=True)
        recognition = services.recognition_record(
            actor=request.user, carrier=carrier, **self.parse()
        )
        return self.respond(recognition, status.HTTP_201_CREATED)


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register(r"promotion/carriers", CarrierViewSet, basename="promotion-carrier")
    router.register(
        r"promotion/carriers/(?P<carrier_pk>\d+)/activities",
        ActivityViewSet,
        basename="promotion-activity",
    )
    router.register(
        r"promotion/carriers/(?P<carrier_pk>\d+)/recognitions",
        RecognitionViewSet,
        basename="promotion-recognition",
    )


urlpatterns: list = []
