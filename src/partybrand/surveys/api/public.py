"""The public endpoint behind the anonymous link: read the survey, submit an anonymous answer.
No login; the survey's policy against repeats applies as on the answer page."""

import json

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from partybrand.core.addresses import client_ip
from partybrand.core.rest.base import ChineseMessages
from partybrand.core.rest.serializers import ErrorSerializer
from partybrand.surveys import answer_page, answering, selectors
from partybrand.surveys.access import public_survey
from partybrand.surveys.api.surveys import SUBMIT_RESPONSES, checked_answers, refused
from partybrand.surveys.choices import RESPONDENT_STATUSES, RepeatPolicy, RespondentStatus
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
        device = answer_page.device_for(request, survey)
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
        answer = ApiResponse({"detail": DONE}, status=status.HTTP_201_CREATED)
        answer_page.remember_device(request, answer, device)
        return answer


SUBMIT_FIELDS = {"answers", "respondent_status", "respondent_org", "code"}
DONE = "提交成功，感谢参与。"
DONE_BODY = json.dumps({"detail": DONE}, ensure_ascii=False).encode()  # the same every time


def _reject_constant(name):
    raise ValueError(name)  # NaN and Infinity are not JSON: the full path answers them


def _plain_body(request) -> dict | None:
    """The body of an ordinary submission, or None for anything the full path must answer
    (another content type or Accept, a malformed or unusual body, a code)."""
    if request.content_type != "application/json":
        return None
    accept = request.META.get("HTTP_ACCEPT", "*/*")
    if accept not in ("*/*", "application/json"):
        return None
    try:
        data = json.loads(request.body, parse_constant=_reject_constant)
    except (ValueError, RecursionError):  # the full path explains what is wrong
        return None
    if not isinstance(data, dict) or not data.keys() <= SUBMIT_FIELDS or data.get("code"):
        return None
    if not isinstance(data.get("answers"), dict) or data.get("respondent_org") is not None:
        return None
    status = data.setdefault("respondent_status", RespondentStatus.UNKNOWN)
    if not isinstance(status, str) or status not in RESPONDENT_STATUSES:
        return None  # the full path refuses it in Chinese (a list or an object is no status)
    return data


def _json(body: dict, status_code: int, headers=None) -> JsonResponse:
    answer = JsonResponse(body, status=status_code, json_dumps_params={"ensure_ascii": False})
    answer["Vary"] = "Accept"
    for name, value in (headers or {}).items():
        answer[name] = value
    return answer


def plain_submit(request, token):
    """An ordinary anonymous submission without the REST framework's machinery: the same checks
    and the same service as PublicSurveyView.post, whose answers it gives; None hands the
    request to that view (drafts, named-only surveys, codes, departments, unusual bodies)."""
    data = _plain_body(request)
    if data is None:
        return None
    survey = selectors.answerable_survey(token)
    if not survey.allows_anonymous or survey.repeat_policy == RepeatPolicy.CODE:
        return None
    refusal = answer_page.submission_refusal(request, survey)
    if refusal is not None:
        answer = _json({"detail": refusal.message}, refusal.status, refusal.headers())
        answer_page.remember_device(request, answer, answer_page.new_device_id())
        return answer
    questions = selectors.questions_to_answer(survey)
    checked = answering.check(questions, answering.raw_from_json(questions, data["answers"]))
    if not checked.ok:
        errors = {str(pk): message for pk, message in checked.errors.items()}
        return _json({"detail": "；".join(errors.values()), "errors": errors}, 400)
    device = answer_page.device_for(request, survey)
    try:
        response_submit_anonymous(
            survey=survey,
            questions=questions,
            values=checked.values,
            respondent_status=data["respondent_status"],
            device_id=device,
            ip=client_ip(request),
        )
    except ValidationError as exc:  # not open, or a repeat under the survey's policy
        return _json({"detail": exc.messages[0]}, 409)
    answer = HttpResponse(DONE_BODY, status=201, content_type="application/json")
    answer["Vary"] = "Accept"
    answer_page.remember_device(request, answer, device)
    return answer


_full_view = PublicSurveyView.as_view()


@csrf_exempt  # as the REST view it stands for: no session, no cookie-borne authority
def public_survey_endpoint(request, token):
    if request.method == "POST":
        answer = plain_submit(request, token)
        if answer is not None:
            return answer
    return _full_view(request, token=token)


# The schema generator reads the REST view behind the endpoint.
public_survey_endpoint.cls = _full_view.cls
public_survey_endpoint.initkwargs = _full_view.initkwargs


def register(router) -> None:
    """The public answer endpoint is a plain view, not a viewset."""


urlpatterns = [
    path("v1/public/surveys/<str:token>/", public_survey_endpoint, name="public-survey"),
]
