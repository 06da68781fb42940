"""The REST endpoints of a round's panel, sheets, vote, objections and results:

    /api/v1/round-panel-members/                 评审专家 (list the rounds one runs or sits on; add)
    /api/v1/round-sheets/                        评分表 (one's own; every sheet of rounds one runs;
                                                 the panel's once results are released)
    /api/v1/round-sheets/<pk>/score/             fill or submit one's own sheet
    /api/v1/round-votes/                         one's own votes; cast one
    /api/v1/round-objections/                    objections of rounds one sees; raise one
    /api/v1/round-objections/<pk>/answer/        answer (runner)
    /api/v1/round-results/<round pk>/            ranking, tiers and outcomes (runner)
    /api/v1/round-results/<round pk>/compute/ · confirm/ · publicize/ · naming/
                                                 (compute of a large round: 202 and its job)

Out of reach is a 404; visible but not allowed a 403 (as the pages)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action

from partybrand.core.models import User
from partybrand.core.rest.base import ApiViewSet
from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.jobs.rest import JOB_ACCEPTED, JOB_LOCATION, accepted
from partybrand.rounds.access import may_run, visible_rounds
from partybrand.rounds.jobs import compute_in_background, compute_start
from partybrand.rounds.models import (
    Entry,
    Objection,
    PanelGroup,
    PanelMember,
    Round,
    ScoreSheet,
    Vote,
)
from partybrand.rounds.panel_access import (
    access_objection,
    access_panel_round,
    access_sheet,
    visible_sheets,
)
from partybrand.rounds.services import naming, panel, publicity, results, scoring

TAGS = ["评选"]


class RoundMemberSerializer(ModelSerializer):
    expert = serializers.CharField(source="user.__str__", read_only=True)

    class Meta:
        model = PanelMember
        fields = ["id", "round", "group", "user", "expert", "is_chair", "drawn"]
        read_only_fields = fields


class RoundMemberCreateSerializer(Serializer):
    round = serializers.IntegerField()
    user = serializers.IntegerField()
    group = serializers.IntegerField(required=False, allow_null=True)
    is_chair = serializers.BooleanField(default=False)


class RoundSheetSerializer(ModelSerializer):
    class Meta:
        model = ScoreSheet
        fields = [
            "id",
            "round",
            "entry",
            "items",
            "total",
            "comments",
            "status",
            "submitted_at",
            "locked_at",
            "version",
        ]
        read_only_fields = fields


class RoundScoreSerializer(Serializer):
    items = serializers.DictField(child=serializers.DecimalField(max_digits=6, decimal_places=2))
    comments = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(default=False)


class RoundVoteSerializer(ModelSerializer):
    class Meta:
        model = Vote
        fields = ["id", "round", "entry", "cast_at"]
        read_only_fields = ["id", "cast_at"]


class RoundObjectionSerializer(ModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "round", "entry", "text", "created_at", "answer", "upheld", "answered_at"]
        read_only_fields = ["id", "created_at", "answer", "upheld", "answered_at"]


class RoundAnswerSerializer(Serializer):
    answer = serializers.CharField()
    upheld = serializers.BooleanField(default=False)


class RoundConfirmSerializer(Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="有申报评分表不足或评分分歧时必填",
    )


class RoundResultEntrySerializer(ModelSerializer):
    brand_name = serializers.CharField(source="brand.name", read_only=True)
    awarded_tier_name = serializers.CharField(source="awarded_tier.name", default=None)

    class Meta:
        model = Entry
        fields = [
            "id",
            "brand",
            "brand_name",
            "status",
            "expert_score",
            "vote_count",
            "vote_score",
            "final_score",
            "divergent",
            "sheet_count",
            "rank",
            "awarded_tier",
            "awarded_tier_name",
            "outcome",
        ]
        read_only_fields = fields


class RoundResultSerializer(ModelSerializer):
    entries = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = [
            "id",
            "title",
            "status",
            "min_sheets",
            "results_confirmed_at",
            "publicity_starts_on",
            "publicity_ends_on",
            "entries",
        ]
        read_only_fields = fields

    def get_entries(self, round_) -> list[dict]:
        rows = (
            round_.entries.filter(rank__isnull=False)
            .select_related("brand", "awarded_tier")
            .order_by("rank")
        )
        return RoundResultEntrySerializer(rows, many=True).data


def _runs_ids(user) -> list[int]:
    return [r.pk for r in visible_rounds(user).select_related("committee") if may_run(user, r)]


@extend_schema_view(
    list=extend_schema(summary="评审专家列表"),
    retrieve=extend_schema(summary="评审专家"),
    create=extend_schema(summary="添加评审专家", responses={201: RoundMemberSerializer}),
)
@extend_schema(tags=TAGS)
class PanelMemberViewSet(ApiViewSet):
    """评选批次的评审专家：所管理批次的全部专家，以及本人所在的评审组。"""

    queryset = PanelMember.objects.none()
    serializer_class = RoundMemberSerializer
    create_serializer_class = RoundMemberCreateSerializer
    filter_backends: list = []

    def get_queryset(self):
        user = self.request.user
        return (
            PanelMember.objects.filter(Q(round_id__in=_runs_ids(user)) | Q(user=user))
            .select_related("user")
            .order_by("round_id", "id")
        )

    def create(self, request):
        data = self.parse()
        round_ = access_panel_round(request.user, data["round"], run=True)
        group = (
            get_object_or_404(PanelGroup, round=round_, pk=data["group"])
            if data.get("group")
            else None
        )
        user = get_object_or_404(User, pk=data["user"], is_active=True)
        member = panel.member_add(
            actor=request.user, round=round_, user=user, group=group, is_chair=data["is_chair"]
        )
        return self.respond(member, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="评分表列表"), retrieve=extend_schema(summary="评分表")
)
@extend_schema(tags=TAGS)
class SheetViewSet(ApiViewSet):
    """专家评分表：本人的评分表；结果发布后可看本组其他专家的评分表。"""

    queryset = ScoreSheet.objects.none()
    serializer_class = RoundSheetSerializer
    filter_backends: list = []

    def get_queryset(self):
        return visible_sheets(self.request.user).order_by("round_id", "entry_id", "id")

    @extend_schema(
        summary="评分（暂存或提交）",
        request=RoundScoreSerializer,
        responses={200: RoundSheetSerializer},
    )
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        sheet = access_sheet(request.user, pk, for_edit=True)
        body = RoundScoreSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        sheet = scoring.sheet_save(
            actor=request.user,
            sheet=sheet,
            items={k: str(v) for k, v in data["items"].items()},
            comments=data["comments"],
            submit=data["submit"],
        )
        return self.respond(sheet)


@extend_schema_view(
    list=extend_schema(summary="我的投票"),
    retrieve=extend_schema(summary="投票"),
    create=extend_schema(summary="网络投票", responses={201: RoundVoteSerializer}),
)
@extend_schema(tags=TAGS)
class VoteViewSet(ApiViewSet):
    """网络投票：自愿参加，每人每批次一票；只列出本人的投票。"""

    queryset = Vote.objects.none()
    serializer_class = RoundVoteSerializer
    create_serializer_class = RoundVoteSerializer
    filter_backends: list = []

    def get_queryset(self):
        return Vote.objects.filter(voter=self.request.user).order_by("id")

    def create(self, request):
        data = self.parse()
        round_ = access_panel_round(request.user, data["round"].pk)
        entry = get_object_or_404(Entry, round=round_, pk=data["entry"].pk)
        vote = publicity.vote_cast(actor=request.user, round=round_, entry=entry)
        return self.respond(vote, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="公示异议列表"),
    retrieve=extend_schema(summary="公示异议"),
    create=extend_schema(summary="提出公示异议", responses={201: RoundObjectionSerializer}),
)
@extend_schema(tags=TAGS)
class ObjectionViewSet(ApiViewSet):
    """评选结果公示期间的异议及答复。"""

    queryset = Objection.objects.none()
    serializer_class = RoundObjectionSerializer
    create_serializer_class = RoundObjectionSerializer
    filter_backends: list = []

    def get_queryset(self):
        return Objection.objects.filter(round__in=visible_rounds(self.request.user)).order_by("id")

    def create(self, request):
        data = self.parse()
        round_ = access_panel_round(request.user, data["round"].pk)
        made = publicity.objection_raise(
            actor=request.user, round=round_, entry=data.get("entry"), text=data["text"]
        )
        return self.respond(made, status.HTTP_201_CREATED)

    @extend_schema(
        summary="答复公示异议",
        request=RoundAnswerSerializer,
        responses={200: RoundObjectionSerializer},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        get_object_or_404(self.get_queryset(), pk=pk)
        objection = access_objection(request.user, pk)
        body = RoundAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        made = publicity.objection_answer(
            actor=request.user, objection=objection, **body.validated_data
        )
        return self.respond(made)


@extend_schema_view(
    list=extend_schema(summary="所管理批次的评审结果"), retrieve=extend_schema(summary="评审结果")
)
@extend_schema(tags=TAGS)
class ResultViewSet(ApiViewSet):
    """评审结果：排名、等次或复评结论；计算、确认、发布公示和印发命名决定。"""

    queryset = Round.objects.none()
    serializer_class = RoundResultSerializer
    filter_backends: list = []

    def get_queryset(self):
        return Round.objects.filter(pk__in=_runs_ids(self.request.user)).order_by("-id")

    def retrieve(self, request, pk=None):
        return self.respond(access_panel_round(request.user, pk, run=True))

    def _run(self, pk, call):
        round_ = access_panel_round(self.request.user, pk, run=True)
        call(round_)
        return self.respond(round_)

    @extend_schema(
        summary="计算评审结果",
        description=(
            "已提交的评分表不超过设定数量（默认 2000 份）时当即计算，答复评审结果；"
            "更多时与页面一样转为后台任务，答复 202 和该任务（`Location` 头为其地址），"
            "任务完成后再取评审结果。本人的该任务尚未结束时再次请求，答复的仍是该任务。"
        ),
        request=None,
        responses={200: RoundResultSerializer, 202: JOB_ACCEPTED},
        parameters=[JOB_LOCATION],
    )
    @action(detail=True, methods=["post"])
    def compute(self, request, pk=None):
        round_ = access_panel_round(request.user, pk, run=True)
        if not compute_in_background(round_):
            results.results_compute(actor=request.user, round=round_)
            return self.respond(round_)
        if refusal := results.compute_refusal(round_):
            raise ValidationError(refusal)
        return accepted(request, compute_start(actor=request.user, round_=round_))

    @extend_schema(
        summary="确认评审结果",
        request=RoundConfirmSerializer,
        responses={200: RoundResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        body = RoundConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason = body.validated_data.get("reason", "")
        return self._run(
            pk, lambda r: results.results_confirm(actor=request.user, round=r, reason=reason)
        )

    @extend_schema(summary="发布公示", request=None, responses={200: RoundResultSerializer})
    @action(detail=True, methods=["post"])
    def publicize(self, request, pk=None):
        return self._run(pk, lambda r: publicity.publicity_start(actor=request.user, round=r))

    @extend_schema(summary="印发命名决定", request=None, responses={200: RoundResultSerializer})
    @action(detail=True, methods=["post"])
    def naming(self, request, pk=None):
        round_ = access_panel_round(request.user, pk, run=True)
        if not naming.may_name(request.user, round_):
            raise PermissionDenied(naming.NOT_NAMER)
        naming.naming_decide(actor=request.user, round=round_)
        return self.respond(round_)


def register(router) -> None:
    router.register(r"round-panel-members", PanelMemberViewSet, basename="round-panel-member")
    router.register(r"round-sheets", SheetViewSet, basename="round-sheet")
    router.register(r"round-votes", VoteViewSet, basename="round-vote")
    router.register(r"round-objections", ObjectionViewSet, basename="round-objection")
    router.register(r"round-results", ResultViewSet, basename="round-result")


urlpatterns: list = []
