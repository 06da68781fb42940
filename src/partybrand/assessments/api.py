"""API endpoints of the assessments, registered by partybrand/api/urls.py:

    /api/v1/assessments/                         测评列表 (?org=, ?period=, ?status=)
    /api/v1/assessments/<id>/                    测评详情，含逐项得分与维度得分
    /api/v1/assessments/<id>/self-scores/        POST 自评得分（自评中或退回修改时）
    /api/v1/assessments/<id>/review-scores/      POST 评审得分（指派给本人的评审）
    /api/v1/assessments/results/<org_id>/        下级汇总：维度平均得分率、星级分布

Scoped by the same access helpers as the pages: out of reach is a 404, visible but not allowed
a 403. Writes call the services.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from partybrand.assessments import selectors
from partybrand.assessments.access import (
    access_assessment,
    access_results_org,
    allowed_items,
    visible_assessments,
    with_part_review,
)
from partybrand.assessments.models import Assessment, Evidence, ItemScore, ReviewerAssignment
from partybrand.assessments.serializers import (
    AssessmentDetailSerializer,
    AssessmentSerializer,
    RollupSerializer,
    ScoresResultSerializer,
    ScoresSerializer,
)
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from partybrand.core.rest.base import ApiViewSet, ChineseMessages
from partybrand.core.rest.params import query_id

FILTERS = [
    OpenApiParameter("org", OpenApiTypes.INT, description="被测评组织编号"),
    OpenApiParameter("period", OpenApiTypes.STR, description="测评周期，如“2025年度”"),
    OpenApiParameter(
        "status", OpenApiTypes.STR, description="状态：draft/submitted/reviewing/returned/finalised"
    ),
]


@extend_schema_view(
    list=extend_schema(summary="测评列表", parameters=FILTERS),
    retrieve=extend_schema(summary="测评详情（含逐项得分）"),
)
@extend_schema(tags=["标准化测评"])
class AssessmentViewSet(ApiViewSet):
    """标准化测评：仅返回您权限范围内的测评（被指派的评审专家只看到指派给本人的测评和指标；
    只评审部分指标的专家看不到测评总分、星级、一票否决与退回原因，这些字段为 null）。"""

    queryset = Assessment.objects.none()
    serializer_class = AssessmentSerializer
    detail_serializer_class = AssessmentDetailSerializer
    filter_backends: list = []

    def get_queryset(self):
        user = self.request.user
        rows = with_part_review(visible_assessments(user), user).select_related("org", "system")
        params = self.request.query_params
        org = query_id(params, "org")
        if org is not None:
            rows = rows.filter(org_id=org)
        if params.get("period"):
            rows = rows.filter(period=params["period"])
        if params.get("status"):
            rows = rows.filter(status=params["status"])
        if self.action == "retrieve":
            rows = rows.prefetch_related(
                Prefetch(
                    "items",
                    queryset=ItemScore.objects.select_related("indicator").prefetch_related(
                        Prefetch("evidence", queryset=Evidence.objects.order_by("id"))
                    ),
                ),
                "dimensions",
            )
        return rows.order_by("-period_start", "org__path", "id")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and "pk" in self.kwargs:
            context["allowed_items"] = self._allowed_items(self.kwargs["pk"])
        return context

    def _allowed_items(self, pk):
        return allowed_items(self.request.user, access_assessment(self.request.user, pk))

    @extend_schema(
        summary="填写自评得分",
        request=ScoresSerializer,
        responses={200: ScoresResultSerializer},
        description="加分项 value 填得分（0 至分值），扣分项填扣分（得分扣至 0 为止）。"
        "需有填写本组织自评的权限；只在自评中或退回修改时可填写。",
    )
    @action(detail=True, methods=["post"], url_path="self-scores", url_name="self-scores")
    def self_scores(self, request, pk=None):
        assessment = access_assessment(request.user, pk, for_edit=True)
        body = ScoresSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changed = services_self.self_scores_save(
            actor=request.user,
            assessment=assessment,
            rows=body.rows(),
            version=self.expected_version(assessment),
        )
        return Response({"changed": changed})

    @extend_schema(
        summary="填写评审得分",
        request=ScoresSerializer,
        responses={200: ScoresResultSerializer},
        description="仅限被指派的评审人，在测评“评审中”时填写指派给本人的指标。",
    )
    @action(detail=True, methods=["post"], url_path="review-scores", url_name="review-scores")
    def review_scores(self, request, pk=None):
        assessment = access_assessment(request.user, pk)
        assignment = ReviewerAssignment.objects.filter(
            assessment=assessment, reviewer=request.user
        ).first()
        if assignment is None:
            raise Http404("您不是该测评的评审人。")
        body = ScoresSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changed = services_review.review_scores_save(
            actor=request.user, assignment=assignment, rows=body.rows()
        )
        return Response({"changed": changed})


class ResultsView(ChineseMessages, APIView):
    """下级汇总：该组织及全部下级在某一周期的维度平均得分、平均得分率与星级分布（数据库汇总）。"""

    @extend_schema(
        tags=["标准化测评"],
        summary="测评结果汇总",
        parameters=[
            OpenApiParameter(
                "org_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="组织编号"
            ),
            OpenApiParameter(
                "system", OpenApiTypes.STR, description="指标体系编码，默认标准化体系"
            ),
            OpenApiParameter("period", OpenApiTypes.STR, description="测评周期，默认最近一期"),
        ],
        responses={200: RollupSerializer},
    )
    def get(self, request, org_pk):
        org = access_results_org(request.user, org_pk)
        code = request.query_params.get("system") or selectors.standard_code()
        period = request.query_params.get("period")
        if not period and code:
            found = selectors.periods(org, code)
            period = found[0] if found else None
        return Response(RollupSerializer(selectors.rollup(org, code, period)).data)


def register(router) -> None:
    router.register("assessments", AssessmentViewSet, basename="assessment")


urlpatterns = [
    path(
        "v1/assessments/results/<int:org_pk>/",
        ResultsView.as_view(),
        name="assessment-results",
    ),
]
