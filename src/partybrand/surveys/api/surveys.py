"""The survey endpoints: surveys with their questions, question editing while a survey is a
draft, responses (a member's named submission, the managers' list) and the public endpoint
behind the anonymous link.

Querysets come from the access helpers: an outsider's survey is a 404 for every method; a
visible survey the user may not manage is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from partybrand.core.rest.base import ChineseMessages, IdempotentCreates
from partybrand.core.rest.serializers import ErrorSerializer
from partybrand.core.rest.versions import VersionedWrites
from partybrand.orgs.access import require
from partybrand.orgs.roles import Cap
from partybrand.surveys import answering
from partybrand.surveys.access import (
    access_question,
    access_survey,
    member_of,
    visible_surveys,
)
from partybrand.surveys.models import Question, Response, Survey
from partybrand.surveys.serializers import (
    QuestionSerializer,
    ResponseSerializer,
    SubmitErrorSerializer,
    SubmitSerializer,
    SurveyCreateSerializer,
    SurveySerializer,
    SurveyUpdateSerializer,
)
from partybrand.surveys.services import questions as services_questions
from partybrand.surveys.services import surveys as services
from partybrand.surveys.services.responses import (
    SurveyNotOpen,
    member_may_answer,
    response_submit_named,
)

SURVEY_PK = OpenApiParameter(
    "survey_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="问卷编号"
)
SUBMIT_RESPONSES = {
    400: OpenApiResponse(SubmitErrorSerializer, description="答案有误，逐题说明原因"),
    409: OpenApiResponse(ErrorSerializer, description="不在填写时间内，或已提交过"),
}


def refused(message: str) -> ApiResponse:
    return ApiResponse({"detail": message}, status=status.HTTP_409_CONFLICT)


def checked_answers(questions, answers: dict):
    """(Checked, None) if the answers are fine, else (Checked, a 400 naming each question)."""
    checked = answering.check(questions, answering.raw_from_json(questions, answers))
    if checked.ok:
        return checked, None
    errors = {str(pk): message for pk, message in checked.errors.items()}
    body = {"detail": "；".join(errors.values()), "errors": errors}
    return checked, ApiResponse(body, status=status.HTTP_400_BAD_REQUEST)


@extend_schema_view(
    list=extend_schema(summary="问卷列表"),
    retrieve=extend_schema(summary="问卷详情（含题目）"),
    create=extend_schema(
        summary="新建问卷", request=SurveyCreateSerializer, responses={201: SurveySerializer}
    ),
    partial_update=extend_schema(
        summary="修改问卷设置", request=SurveyUpdateSerializer, responses={200: SurveySerializer}
    ),
)
@extend_schema(tags=["问卷调研"])
class SurveyViewSet(
    ChineseMessages,
    IdempotentCreates,
    VersionedWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """问卷：管理人员（发起组织的书记、支委及上级党组织）可见全部问卷；党员可见本组织及上级组织已发布的问卷。"""

    queryset = Survey.objects.none()  # the model, for the schema and If-Match
    serializer_class = SurveySerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            visible_surveys(self.request.user)
            .select_related("org", "brand")
            .prefetch_related("questions")
            .annotate(response_count=Count("responses"))
            .order_by("-created_at", "-id")
        )

    def _managed(self) -> Survey:
        return access_survey(self.request.user, self.kwargs["pk"], for_edit=True)

    def _respond(self, survey, code=status.HTTP_200_OK) -> ApiResponse:
        fresh = self.get_queryset().get(pk=survey.pk)
        data = SurveySerializer(fresh, context=self.get_serializer_context()).data
        return self.with_etag(ApiResponse(data, status=code), fresh)

    def create(self, request):
        context = self.get_serializer_context()
        serializer = SurveyCreateSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        org = data.pop("org")
        require(request.user, Cap.EDIT_BRAND, org)
        survey = services.survey_create(actor=request.user, org=org, **data)
        return self._respond(survey, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        survey = self._managed()
        serializer = SurveyUpdateSerializer(
            survey, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = self.expected_version(survey)
        survey = services.survey_update(actor=request.user, survey=survey, version=version, **data)
        return self._respond(survey)

    @extend_schema(summary="发布问卷", request=None, responses={200: SurveySerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        survey = services.survey_publish(actor=request.user, survey=self._managed())
        return self._respond(survey)

    @extend_schema(summary="结束收集", request=None, responses={200: SurveySerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        survey = services.survey_close(actor=request.user, survey=self._managed())
        return self._respond(survey)


@extend_schema_view(
    create=extend_schema(summary="添加题目（草稿问卷）", responses={201: QuestionSerializer}),
    update=extend_schema(summary="修改题目（草稿问卷）"),
    destroy=extend_schema(summary="删除题目（草稿问卷）"),
)
@extend_schema(tags=["问卷调研"], parameters=[SURVEY_PK])
class SurveyQuestionViewSet(
    ChineseMessages, IdempotentCreates, VersionedWrites, viewsets.GenericViewSet
):
    """题目：只有草稿问卷可以增删改题目；问卷发布后题目结构锁定。"""

    serializer_class = QuestionSerializer
    queryset = Question.objects.none()  # for the schema; objects come from the access helper

    def get_queryset(self):  # the survey's questions, for If-Match (writes need its editor)
        survey = access_survey(self.request.user, self.kwargs["survey_pk"], for_edit=True)
        return Question.objects.filter(survey=survey)

    def create(self, request, survey_pk=None):
        survey = access_survey(request.user, survey_pk, for_edit=True)
        serializer = QuestionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        question = services_questions.question_add(
            actor=request.user, survey=survey, **serializer.validated_data
        )
        return ApiResponse(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    def update(self, request, survey_pk=None, pk=None):
        question = access_question(request.user, survey_pk, pk)
        serializer = QuestionSerializer(question, data=request.data)
        serializer.is_valid(raise_exception=True)
        question = services_questions.question_update(
            actor=request.user,
            question=question,
            version=self.expected_version(question),
            **serializer.validated_data,
        )
        return self.with_etag(ApiResponse(QuestionSerializer(question).data), question)

    def destroy(self, request, survey_pk=None, pk=None):
        question = access_question(request.user, survey_pk, pk)
        version = self.expected_version(question)
        services_questions.question_delete(actor=request.user, question=question, version=version)
        return ApiResponse(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="答卷列表（管理人员）",
        description="全部答卷，分页；实名答卷只显示姓名，不含手机号与身份证号。",
    ),
    create=extend_schema(
        summary="提交实名答卷",
        description="登录党员提交或修改自己的答卷：每人一份，截止前可修改（再次提交即覆盖）。",
        request=SubmitSerializer,
        responses={201: ResponseSerializer, 200: ResponseSerializer, **SUBMIT_RESPONSES},
    ),
)
@extend_schema(tags=["问卷调研"], parameters=[SURVEY_PK])
class SurveyResponseViewSet(ChineseMessages, mixins.ListModelMixin, viewsets.GenericViewSet):
    """答卷：管理人员查看全部答卷；党员提交自己的实名答卷。"""

    serializer_class = ResponseSerializer
    queryset = Response.objects.none()

    def get_queryset(self):
        survey = access_survey(self.request.user, self.kwargs["survey_pk"], for_edit=True)
        return (
            Response.objects.filter(survey=survey)
            .select_related("member", "respondent_org")
            .prefetch_related("answers")
            .order_by("-submitted_at", "-id")
        )

    def create(self, request, survey_pk=None):
        survey = access_survey(request.user, survey_pk)
        member = member_of(request.user)
        if not member_may_answer(survey, member):
            raise PermissionDenied(
                "您不在这份问卷的实名填写范围内：实名问卷由发起组织及下级组织的党员填写。"
            )
        serializer = SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        questions = list(survey.questions.all())
        checked, error = checked_answers(questions, serializer.validated_data["answers"])
        if error is not None:
            return error
        try:
            response, created = response_submit_named(
                actor=request.user,
                survey=survey,
                member=member,
                questions=questions,
                values=checked.values,
            )
        except SurveyNotOpen as exc:
            return refused(exc.messages[0])
        fresh = self.get_fresh(response)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return ApiResponse(ResponseSerializer(fresh).data, status=code)

    @staticmethod
    def get_fresh(response):
        return (
            Response.objects.select_related("member", "respondent_org")
            .prefetch_related("answers")
            .get(pk=response.pk)
        )


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register("surveys", SurveyViewSet, basename="survey")
    router.register(
        r"surveys/(?P<survey_pk>\d+)/questions", SurveyQuestionViewSet, basename="survey-question"
    )
    router.register(
        r"surveys/(?P<survey_pk>\d+)/responses", SurveyResponseViewSet, basename="survey-response"
    )


urlpatterns: list = []  # extra /api/v1/ paths that are not viewsets (see api_public)
