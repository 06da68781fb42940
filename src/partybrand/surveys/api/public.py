"""The public endpoint behind the anonymous link: read the survey, submit an anonymous answer.
No login; the survey's policy against repeats applies as on the answer page."""

from django.core.exceptions import ValidationError
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from partybrand.core.addresses import client_ip
from partybrand.core.rest.base import ChineseMessages
from partybrand.core.rest.serializers import ErrorSerializer
from partybrand.surveys import answer_page, selectors
from partybrand.surveys.access import public_survey
from partybrand.surveys.api.surveys import SUBMIT_RESPONSES, checked_answers, refused
from partybrand.surveys.choices import RepeatPolicy
from partybrand.surveys.serializers import (
    AnonymousSubmitSerializer,
    DoneSerializer,
    PublicSurveySerializer,
)
from partybrand.surveys.services.responses import response_submit_anonymous

NAMED_ONLY = {403: OpenApiResponse(ErrorSerializer, description="实名问卷，须登录后填写")}
NAMED_OR_BAD_CODE = {403: OpenApiResponse(ErrorSerializer, description="实名问卷，或作答码无效")}
TOO_FAST = {429: OpenApiResponse(ErrorSerializer, description="同一网络地址提交过于频繁")}


@extend_schema(tags=["问卷调研（公开）"], auth=[])
class PublicSurveyView(ChineseMessages, APIView):
    """凭匿名填写链接中的令牌读取问卷并匿名提交，无需登录。"""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = AnonymousSubmitSerializer

    def _survey(self, token):
        survey = public_survey(token)  # drafts are a 404 here: no one is signed in
        if not survey.allows_anonymous:
            return survey, ApiResponse(
                {"detail": "这份问卷为实名问卷，请登录后填写。"}, status=status.HTTP_403_FORBIDDEN
            )
        return survey, None

    @extend_schema(
        operation_id="public_survey_retrieve",
        summary="读取问卷（匿名链接）",
        responses={200: PublicSurveySerializer, **NAMED_ONLY},
    )
    def get(self, request, token):
        survey, refusal = self._survey(token)
        if refusal is not None:
            return refusal
        context = {"departments": answer_page.departments(survey)}
        answer = ApiResponse(PublicSurveySerializer(survey, context=context).data)
        # The device cookie behind the "one per device" policy comes with the survey.
        device = answer_page.device_id(request) or answer_page.new_device_id()
        answer_page.remember_device(request, answer, device)
        return answer

    @extend_schema(
        operation_id="public_survey_submit",
        summary="匿名提交答卷",
        description=(
            "防重复规则与填写页相同：按设备时使用响应中下发的设备 Cookie，按网络地址时每天一份。"
            "无论设备 Cookie，同一网络地址对同一问卷每分钟、每小时的提交份数有上限，"
            "超过时答复 429 并在 Retry-After 中给出等待秒数。"
            "问卷凭一次性码作答（`needs_code`）时须提交 `code`：无效的码答复 403，已用过的 409，"
            "同一网络一小时内错误过多时 429；凭码提交不计入上述份数上限。"
        ),
        request=AnonymousSubmitSerializer,
        responses={201: DoneSerializer, **SUBMIT_RESPONSES, **NAMED_OR_BAD_CODE, **TOO_FAST},
    )
    def post(self, request, token):
        survey, refusal = self._survey(token)
        if refusal is not None:
            return refusal
        serializer = AnonymousSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        code = ""
        if survey.repeat_policy == RepeatPolicy.CODE:
            # A survey answered with codes is bounded by its codes, not by the address's limits.
            refusal = answer_page.code_refusal(request, survey, data.get("code", ""))
            code = data.get("code", "")
        else:
            refusal = answer_page.submission_refusal(request, survey)
        if refusal is not None:
            answer = ApiResponse(
                {"detail": refusal.message}, status=refusal.status, headers=refusal.headers()
            )
            answer_page.remember_device(request, answer, answer_page.new_device_id())
            return answer
        questions = selectors.questions_to_answer(survey)
        checked, error = checked_answers(questions, data["answers"])
        if error is not None:
            return error
        org = None
        if data.get("respondent_org"):
            org = next(
                (d for d in answer_page.departments(survey) if d.pk == data["respondent_org"]), None
            )
        device = answer_page.device_id(request) or answer_page.new_device_id()
        try:
            response_submit_anonymous(
                survey=survey,
                questions=questions,
                values=checked.values,
                respondent_status=data["respondent_status"],
                respondent_org=org,
                device_id=device,
                ip=client_ip(request),
                code=code,
            )
        except ValidationError as exc:  # not open, or a repeat under the survey's policy
            return refused(exc.messages[0])
        answer = ApiResponse({"detail": "提交成功，感谢参与。"}, status=status.HTTP_201_CREATED)
        answer_page.remember_device(request, answer, device)
        return answer


def register(router) -> None:
    """The public answer endpoint is a plain view, not a viewset."""


urlpatterns = [
    path("v1/public/surveys/<str:token>/", PublicSurveyView.as_view(), name="public-survey"),
]
