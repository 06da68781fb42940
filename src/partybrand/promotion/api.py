"""The REST endpoints of activity carriers:

    /api/v1/promotion/carriers/                                  载体 (list, create, read, PATCH)
    /api/v1/promotion/carriers/<carrier_pk>/activities/          活动 (list, create, read)
    /api/v1/promotion/carriers/<carrier_pk>/recognitions/        评定 (list, create, read)
    /api/v1/promotion/launches/                                  发布会 (list, create, read, PATCH,
                                                                 POST hold/, POST record/)
    /api/v1/promotion/publicity/                                 推介台账 (list, create, read,
                                                                 POST adopt/)
    /api/v1/promotion/publicity/totals/                          台账合计 (per brand, committee:
                                                                 direction × level, month, adoption)

A carrier out of reach is a 404 for every method; reading needs only to see it; changing it and
recording activities need Cap.RUN_CARRIERS over its organisation, recognising it
Cap.RECOGNISE_CARRIERS from above (403 otherwise). Launches and ledger entries are planned and
entered with Cap.PROMOTE_BRANDS over the brand's organisation; the adoption of an item reported
upward is recorded by the receiving committee (Cap.ADOPT_PUBLICITY). Writes call one service each.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from partybrand.brands.access import access_brand, visible_brands
from partybrand.core.rest.base import ApiViewSet
from partybrand.core.rest.params import query_id
from partybrand.core.rest.parsers import JsonObjectParser
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, can
from partybrand.promotion import selectors, services
from partybrand.promotion.access import (
    NOT_PROMOTER,
    NOT_RUNNER,
    access_carrier,
    access_launch,
    access_publicity,
    can_promote,
    visible_carriers,
    visible_launches,
)
from partybrand.promotion.choices import PublicityDirection, PublicityLevel
from partybrand.promotion.models import (
    Activity,
    ActivityPhoto,
    Carrier,
    Launch,
    LaunchPhoto,
    PublicityEntry,
    Recognition,
)
from partybrand.promotion.serializers import (
    ActivitySerializer,
    ActivityWriteSerializer,
    AdoptionSerializer,
    CarrierCreateSerializer,
    CarrierSerializer,
    CarrierUpdateSerializer,
    LaunchCreateSerializer,
    LaunchRecordSerializer,
    LaunchSerializer,
    LaunchUpdateSerializer,
    PublicitySerializer,
    PublicityTotalsSerializer,
    PublicityWriteSerializer,
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


def _brand_to_promote(user, pk):
    brand = access_brand(user, pk)
    if not can_promote(user, brand.org):
        raise PermissionDenied(NOT_PROMOTER)
    return brand


class _Actions(ApiViewSet):
    filter_backends: list = []

    def parse_with(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


LAUNCH_TAGS = ["推介·品牌发布会"]


@extend_schema_view(
    list=extend_schema(summary="品牌发布会列表"),
    retrieve=extend_schema(summary="品牌发布会详情"),
    create=extend_schema(summary="筹划品牌发布会", responses={201: LaunchSerializer}),
    partial_update=extend_schema(summary="修改发布会方案", responses={200: LaunchSerializer}),
)
@extend_schema(tags=LAUNCH_TAGS)
class LaunchViewSet(_Actions):
    """品牌发布会：方案（日期、会场、议程、参会党员与嘉宾、主持词与讲话稿初稿、会场清单、宣传方案），
    举行后归档记录（实到人数、纪要、照片）。主持词、讲话稿留空时依据品牌档案生成初稿。"""

    queryset = Launch.objects.none()
    serializer_class = LaunchSerializer
    create_serializer_class = LaunchCreateSerializer
    update_serializer_class = LaunchUpdateSerializer

    def get_queryset(self):
        photos = LaunchPhoto.objects.order_by("uploaded_at", "id")
        return (
            visible_launches(self.request.user)
            .select_related("org", "brand")
            .prefetch_related("participants", Prefetch("photos", queryset=photos))
            .order_by("-held_on", "-id")
        )

    def create(self, request):
        data = self.parse()
        brand = _brand_to_promote(request.user, data.pop("brand"))
        launch = services.launch_plan(actor=request.user, brand=brand, **data)
        return self.respond(launch, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        launch = access_launch(request.user, pk, for_edit=True)
        version = self.expected_version(launch)
        data = self.parse(launch)
        launch = services.launch_update(actor=request.user, launch=launch, version=version, **data)
        return self.respond(launch)

    @extend_schema(summary="标记已举行", request=None, responses={200: LaunchSerializer})
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        launch = access_launch(request.user, pk, for_edit=True)
        return self.respond(services.launch_hold(actor=request.user, launch=launch))

    @extend_schema(
        summary="归档会议记录",
        description="JSON（已有照片时）；或 multipart/form-data，同时上传现场照片（photos）。",
        request={
            "application/json": LaunchRecordSerializer,
            "multipart/form-data": LaunchRecordSerializer,
        },
        responses={200: LaunchSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[JsonObjectParser, MultiPartParser])
    def record(self, request, pk=None):
        launch = access_launch(request.user, pk, for_edit=True)
        data = self.parse_with(LaunchRecordSerializer)
        return self.respond(services.launch_record(actor=request.user, launch=launch, **data))


LEDGER_FILTERS = [
    OpenApiParameter("brand", OpenApiTypes.INT, description="品牌编号"),
    OpenApiParameter("org", OpenApiTypes.INT, description="组织编号（含下级）"),
    OpenApiParameter("direction", OpenApiTypes.STR, enum=PublicityDirection.values),
    OpenApiParameter("level", OpenApiTypes.STR, enum=PublicityLevel.values),
    OpenApiParameter("year", OpenApiTypes.INT, description="年份（按日期）"),
]


@extend_schema_view(
    list=extend_schema(summary="推介台账", parameters=LEDGER_FILTERS),
    retrieve=extend_schema(summary="推介台账条目"),
    create=extend_schema(
        summary="登记推介",
        description="JSON；或 multipart/form-data，同时上传佐证（proof：截图或 PDF）。"
        "链接与佐证至少一项。",
        request={
            "application/json": PublicityWriteSerializer,
            "multipart/form-data": PublicityWriteSerializer,
        },
        responses={201: PublicitySerializer},
    ),
)
@extend_schema(tags=["推介·推介台账"])
class PublicityViewSet(_Actions):
    """推介台账：对内（网站、公众号、宣传栏、内部刊物）、向上（报送上级党组织，记录采用情况与层级）、
    对外（媒体、期刊文章、奖项）。"""

    queryset = PublicityEntry.objects.none()
    serializer_class = PublicitySerializer
    create_serializer_class = PublicityWriteSerializer
    parser_classes = [JsonObjectParser, MultiPartParser]

    def get_queryset(self):
        user, params = self.request.user, self.request.query_params
        brand = org = None
        brand_pk, org_pk = query_id(params, "brand"), query_id(params, "org")
        if brand_pk is not None:
            brand = visible_brands(user).filter(pk=brand_pk).first()
        if org_pk is not None:
            org = Organization.objects.filter(pk=org_pk).first()
        direction, level = params.get("direction", ""), params.get("level", "")
        year = params.get("year", "")
        if self.action in ("list", "totals"):
            if direction and direction not in PublicityDirection.values:
                raise ApiValidationError({"direction": ["方向应为 inside、upward 或 outward。"]})
            if level and level not in PublicityLevel.values:
                raise ApiValidationError({"level": ["层级取值无效。"]})
            if year and not (year.isdigit() and 2000 <= int(year) <= 2100):
                raise ApiValidationError({"year": ["年份应在 2000—2100 之间。"]})
        else:
            direction = level = year = ""
        rows = selectors.publicity_list(
            user, brand=brand, org=org, direction=direction, level=level, year=int(year or 0)
        )
        if (brand_pk is not None and brand is None) or (org_pk is not None and org is None):
            return rows.none()
        return rows

    def create(self, request):
        data = self.parse()
        brand = _brand_to_promote(request.user, data.pop("brand"))
        reported_to, launch = data.pop("reported_to", None), data.pop("launch", None)
        if reported_to is not None:
            data["reported_to"] = Organization.objects.filter(pk=reported_to).first()
            if data["reported_to"] is None:
                raise ApiValidationError({"reported_to": ["没有这个党组织。"]})
        if launch is not None:
            data["launch"] = visible_launches(request.user).filter(pk=launch, brand=brand).first()
            if data["launch"] is None:
                raise ApiValidationError({"launch": ["发布会须是本品牌的发布会。"]})
        entry = services.publicity_add(actor=request.user, brand=brand, **data)
        return self.respond(entry, status.HTTP_201_CREATED)

    @extend_schema(
        summary="推介台账合计",
        description="所选范围（品牌、组织含下级、方向、层级、年份）内的条数：方向×层级（含覆盖人次）、"
        "按月、向上报送的采用层级与待采用条数；与台账页面的合计相同。",
        parameters=LEDGER_FILTERS,
        responses={200: PublicityTotalsSerializer},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def totals(self, request):
        totals = selectors.publicity_totals(self.get_queryset())
        return Response(PublicityTotalsSerializer(totals).data)

    @extend_schema(
        summary="记录或更正采用情况",
        description="已记录的采用情况可以更正（如未采用改为已采用、改变采用层级），每次更正留有审计记录。",
        request=AdoptionSerializer,
        responses={200: PublicitySerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[JsonObjectParser])
    def adopt(self, request, pk=None):
        entry = access_publicity(request.user, pk, for_adoption=True)
        data = self.parse_with(AdoptionSerializer)
        return self.respond(services.publicity_adopt(actor=request.user, entry=entry, **data))


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
    router.register(r"promotion/launches", LaunchViewSet, basename="promotion-launch")
    router.register(r"promotion/publicity", PublicityViewSet, basename="promotion-publicity")


urlpatterns: list = []
