"""The REST endpoints of the theme workshop:

    /api/v1/theme-workshops/                              workshops in the user's reach
    /api/v1/theme-workshops/<pk>/vote/                    POST: cast this round's vote
    /api/v1/theme-workshops/<workshop_pk>/candidates/     candidates (POST: propose)
    /api/v1/theme-workshops/<workshop_pk>/candidates/<pk>/score/   POST: score a candidate

They use the pages' access helpers: a workshop out of reach is a 404 for every method; voting
and proposing need to belong to the brand's organisation, scoring to be its staff or an invited
expert (403 otherwise). Writes call one service each.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from partybrand.core import clock
from partybrand.core.rest.base import ApiViewSet
from partybrand.themes import selectors
from partybrand.themes.access import (
    NOT_PROPOSER,
    NOT_SCORER,
    access_workshop,
    can_manage,
    can_propose,
    require,
    scorer_kind,
    sees_tally,
)
from partybrand.themes.choices import CandidateSource
from partybrand.themes.models import Candidate, Workshop
from partybrand.themes.serializers import (
    CandidateDetailSerializer,
    CandidateSerializer,
    CandidateWriteSerializer,
    ScoreSerializer,
    ScoreWriteSerializer,
    VoteResultSerializer,
    VoteSerializer,
    WorkshopSerializer,
)
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services

WORKSHOP_PK = OpenApiParameter(
    "workshop_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="主题征集编号"
)


@extend_schema_view(
    list=extend_schema(summary="主题征集列表"),
    retrieve=extend_schema(summary="主题征集详情"),
)
@extend_schema(tags=["品牌主题"])
class WorkshopViewSet(ApiViewSet):
    """品牌主题征集：仅返回您能看到的品牌的征集（受邀专家另可看到受邀的征集）。"""

    serializer_class = WorkshopSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.workshop_rows(self.request.user)

    @extend_schema(
        summary="投票（每人每轮一票）",
        request=VoteSerializer,
        responses={201: VoteResultSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=VoteSerializer, idempotent=True)
    def vote(self, request, pk=None):
        workshop = access_workshop(request.user, pk)
        serializer = VoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        candidate = get_object_or_404(
            Candidate.objects.filter(workshop=workshop), pk=serializer.validated_data["candidate"]
        )
        vote = services_votes.vote_cast(
            actor=request.user, workshop=workshop, candidate=candidate, now=clock.now()
        )
        data = {"round": vote.round, "candidate": candidate.pk, "candidate_name": candidate.name}
        return Response(VoteResultSerializer(data).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="候选列表（含票数、平均分和自动检测快照）"),
    retrieve=extend_schema(summary="候选详情（含评分）"),
    create=extend_schema(
        summary="提出候选",
        responses={
            201: CandidateSerializer,
            200: OpenApiResponse(CandidateSerializer, description="同名候选已有：计为一次附议"),
        },
    ),
)
@extend_schema(tags=["品牌主题"], parameters=[WORKSHOP_PK])
class CandidateViewSet(ApiViewSet):
    """主题候选：本组织党员可提出（征集阶段），支委可随时补充；同名（归一化后）计为附议。"""

    queryset = Candidate.objects.none()  # for the schema; rows come from the workshop's access
    serializer_class = CandidateSerializer
    detail_serializer_class = CandidateDetailSerializer
    create_serializer_class = CandidateWriteSerializer
    filter_backends: list = []

    def workshop(self) -> Workshop:
        return access_workshop(self.request.user, self.kwargs["workshop_pk"])

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "workshop_pk" in self.kwargs and self.request.user.is_authenticated:
            workshop = self.workshop()
            context["hide_tally"] = not sees_tally(self.request.user, workshop, now=clock.now())
        return context

    def get_queryset(self):
        rows = selectors.candidates(self.workshop())
        if self.action == "retrieve":
            rows = rows.prefetch_related("scores__scorer")
        return rows

    def create(self, request, workshop_pk=None):
        workshop = self.workshop()
        require(can_propose(request.user, workshop), NOT_PROPOSER)
        manage = can_manage(request.user, workshop)
        candidate, created = services.candidate_add(
            actor=request.user,
            workshop=workshop,
            source=CandidateSource.STAFF if manage else CandidateSource.MEMBER,
            now=clock.now(),
            **self.parse(),
        )
        return self.respond(candidate, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        summary="评分（政治味、文化味、融合味 1–5）",
        request=ScoreWriteSerializer,
        responses={200: ScoreSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=ScoreWriteSerializer)
    def score(self, request, workshop_pk=None, pk=None):
        workshop = self.workshop()  # 404 for whoever does not see it
        candidate = get_object_or_404(Candidate.objects.filter(workshop=workshop), pk=pk)
        require(scorer_kind(request.user, workshop) is not None, NOT_SCORER)  # 403
        serializer = ScoreWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        score = services_votes.score_save(
            actor=request.user, candidate=candidate, **serializer.validated_data
        )
        return Response(ScoreSerializer(score).data)


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register(r"theme-workshops", WorkshopViewSet, basename="theme-workshop")
    router.register(
        r"theme-workshops/(?P<workshop_pk>\d+)/candidates",
        CandidateViewSet,
        basename="theme-candidate",
    )


urlpatterns = []  # extra /api/v1/ paths that are not viewsets
