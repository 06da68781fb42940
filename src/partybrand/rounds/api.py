"""The REST endpoints of rounds:

    /api/v1/rounds/                                      评选批次 (list, create, read, PATCH)
    /api/v1/rounds/<pk>/stages/ · tiers/ · notice/ · advance/   setting up and moving stages
    /api/v1/round-entries/                               参评申报 (list, create, read, PATCH)
    /api/v1/round-entries/<pk>/submit/ · recommend/ · prescreen/ · withdraw/
    /api/v1/round-entries/<entry_pk>/reviews/            推荐 and 预审 records (list, read)

A round or entry out of reach is a 404 for every method; reading needs only to see it; setting
a round up needs Cap.RUN_ROUNDS over its committee, entering Cap.OWN_BRAND at the brand's own
organisation, 推荐 Cap.SCREEN_BRANDS strictly above it, 预审 running the round (403 otherwise).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action

from partybrand.brands.access import access_brand
from partybrand.core.rest.base import ApiViewSet
from partybrand.rounds.access import (
    NOT_RUNNER,
    access_entry,
    access_round,
    committees_to_run,
    visible_entries,
    visible_rounds,
)
from partybrand.rounds.models import Entry, EntryReview, Round, RoundTier
from partybrand.rounds.serializers import (
    EntryCreateSerializer,
    EntrySerializer,
    EntryUpdateSerializer,
    PrescreenSerializer,
    RecommendSerializer,
    ReviewSerializer,
    RoundCreateSerializer,
    RoundSerializer,
    RoundWriteSerializer,
    StagesWriteSerializer,
    TiersWriteSerializer,
)
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services import rounds as round_services

TAGS = ["评选"]
ENTRY_PK = OpenApiParameter(
    "entry_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="参评申报编号"
)


@extend_schema_view(
    list=extend_schema(summary="评选批次列表"),
    retrieve=extend_schema(summary="评选批次详情"),
    create=extend_schema(summary="新建评选批次", responses={201: RoundSerializer}),
    partial_update=extend_schema(summary="修改评选批次", responses={200: RoundSerializer}),
)
@extend_schema(tags=TAGS)
class RoundViewSet(ApiViewSet):
    """组织单位的评选批次（立项评审、中期检查、验收评选、复评）：参评范围、时间安排、等次名额、
    评分指标体系、申报条件和评选通知。"""

    queryset = Round.objects.none()
    serializer_class = RoundSerializer
    create_serializer_class = RoundCreateSerializer
    update_serializer_class = RoundWriteSerializer
    filter_backends: list = []

    def get_queryset(self):
        return (
            visible_rounds(self.request.user)
            .select_related("committee")
            .prefetch_related("stages", "tiers", "eligible_orgs")
            .order_by("-year", "-id")
        )

    def create(self, request):
        data = self.parse()
        committee = committees_to_run(request.user).filter(pk=data.pop("committee")).first()
        if committee is None:
            raise PermissionDenied(NOT_RUNNER)
        eligible = list(data.pop("eligible_orgs", []))
        round_ = round_services.round_create(
            actor=request.user, committee=committee, eligible_orgs=eligible, **data
        )
        return self.respond(round_, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        round_ = access_round(request.user, pk, for_edit=True)
        version = self.expected_version(round_)
        data = self.parse(round_)
        eligible = data.pop("eligible_orgs", None)
        round_ = round_services.round_update(
            actor=request.user,
            round=round_,
            version=version,
            eligible_orgs=list(eligible) if eligible is not None else None,
            **data,
        )
        return self.respond(round_)

    @extend_schema(
        summary="设置时间安排", request=StagesWriteSerializer, responses={200: RoundSerializer}
    )
    @action(detail=True, methods=["post"])
    def stages(self, request, pk=None):
        round_ = access_round(request.user, pk, for_edit=True)
        body = StagesWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        round_services.round_set_stages(
            actor=request.user, round=round_, stages=body.validated_data["stages"]
        )
        return self.respond(round_)

    @extend_schema(
        summary="设置等次与名额", request=TiersWriteSerializer, responses={200: RoundSerializer}
    )
    @action(detail=True, methods=["post"])
    def tiers(self, request, pk=None):
        round_ = access_round(request.user, pk, for_edit=True)
        body = TiersWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        round_services.round_set_tiers(
            actor=request.user, round=round_, tiers=[dict(t) for t in body.validated_data["tiers"]]
        )
        return self.respond(round_)

    @extend_schema(summary="生成评选通知并编号", request=None, responses={200: RoundSerializer})
    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        round_ = access_round(request.user, pk, for_edit=True)
        return self.respond(round_services.round_notice_generate(actor=request.user, round=round_))

    @extend_schema(summary="进入下一阶段", request=None, responses={200: RoundSerializer})
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        round_ = access_round(request.user, pk, for_edit=True)
        return self.respond(round_services.round_advance(actor=request.user, round=round_))


@extend_schema_view(
    list=extend_schema(
        summary="参评申报列表",
        parameters=[OpenApiParameter("round", OpenApiTypes.INT, description="评选批次编号")],
    ),
    retrieve=extend_schema(summary="参评申报详情"),
    create=extend_schema(summary="填报参评申报", responses={201: EntrySerializer}),
    partial_update=extend_schema(summary="修改参评申报", responses={200: EntrySerializer}),
)
@extend_schema(tags=TAGS)
class EntryViewSet(ApiViewSet):
    """品牌参评申报：申报书、申报等次、提交时的申报条件核验，以及推荐、预审的进程。"""

    queryset = Entry.objects.none()
    serializer_class = EntrySerializer
    create_serializer_class = EntryCreateSerializer
    update_serializer_class = EntryUpdateSerializer
    filter_backends: list = []

    def get_queryset(self):
        rows = visible_entries(self.request.user).select_related("brand", "org", "tier")
        round_pk = self.request.query_params.get("round")
        if round_pk and round_pk.isdigit():
            rows = rows.filter(round_id=int(round_pk))
        return rows.order_by("round_id", "org__path", "id")

    def _tier(self, round_id, pk):
        if pk is None:
            return None
        return get_object_or_404(RoundTier, round_id=round_id, pk=pk)

    def create(self, request):
        data = self.parse()
        round_ = access_round(request.user, data["round"])
        brand = access_brand(request.user, data["brand"])
        entry = entry_services.entry_create(
            actor=request.user,
            round=round_,
            brand=brand,
            tier=self._tier(round_.pk, data.get("tier")),
            statement=data.get("statement", ""),
        )
        return self.respond(entry, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        entry = access_entry(request.user, pk, for_edit=True)
        version = self.expected_version(entry)
        data = self.parse(entry)
        entry = entry_services.entry_update(
            actor=request.user,
            entry=entry,
            tier=self._tier(entry.round_id, data.get("tier", entry.tier_id)),
            statement=data.get("statement", entry.statement),
            version=version,
        )
        return self.respond(entry)

    @extend_schema(summary="提交参评申报", request=None, responses={200: EntrySerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        entry = access_entry(request.user, pk, for_edit=True)
        return self.respond(entry_services.entry_submit(actor=request.user, entry=entry))

    @extend_schema(summary="撤回参评申报", request=None, responses={200: EntrySerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        entry = access_entry(request.user, pk, for_edit=True)
        return self.respond(entry_services.entry_withdraw(actor=request.user, entry=entry))

    @extend_schema(
        summary="推荐或退回", request=RecommendSerializer, responses={200: EntrySerializer}
    )
    @action(detail=True, methods=["post"])
    def recommend(self, request, pk=None):
        entry = access_entry(request.user, pk, for_recommend=True)
        body = RecommendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        entry = entry_services.entry_recommend(
            actor=request.user, entry=entry, **body.validated_data
        )
        return self.respond(entry)

    @extend_schema(
        summary="预审（形式审查）", request=PrescreenSerializer, responses={200: EntrySerializer}
    )
    @action(detail=True, methods=["post"])
    def prescreen(self, request, pk=None):
        entry = access_entry(request.user, pk, for_prescreen=True)
        body = PrescreenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        entry = entry_services.entry_prescreen(
            actor=request.user, entry=entry, **body.validated_data
        )
        return self.respond(entry)


@extend_schema_view(
    list=extend_schema(summary="申报审核记录"), retrieve=extend_schema(summary="申报审核记录详情")
)
@extend_schema(tags=TAGS, parameters=[ENTRY_PK])
class ReviewViewSet(ApiViewSet):
    """上级党组织推荐和党建工作部预审的记录：结论、意见和形式审查清单。"""

    queryset = EntryReview.objects.none()
    serializer_class = ReviewSerializer
    filter_backends: list = []

    def get_queryset(self):
        entry = access_entry(self.request.user, self.kwargs["entry_pk"])
        return entry.reviews.select_related("actor").order_by("created_at", "id")


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register(r"rounds", RoundViewSet, basename="round")
    router.register(r"round-entries", EntryViewSet, basename="round-entry")
    router.register(
        r"round-entries/(?P<entry_pk>\d+)/reviews", ReviewViewSet, basename="round-review"
    )


urlpatterns: list = []
