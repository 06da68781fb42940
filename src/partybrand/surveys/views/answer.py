"""The answer page: anonymous through the public link (the one page without login), and named
for signed-in members. Both re-show every answer given when something is wrong."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods

from partybrand.core.addresses import client_ip
from partybrand.surveys import answer_page, answering, selectors
from partybrand.surveys.access import access_survey, can_manage, member_of, public_survey
from partybrand.surveys.choices import RepeatPolicy, SurveyStatus
from partybrand.surveys.services import codes
from partybrand.surveys.services.responses import (
    SurveyNotOpen,
    already_answered,
    ensure_open,
    member_may_answer,
    response_submit_anonymous,
    response_submit_named,
)


def _page(request, survey, questions, *, raw=None, errors=None, status=200, **extra):
    errors = errors or {}
    context = {
        "survey": survey,
        "items": answer_page.items(questions, raw or {}, errors),
        "errors": [(q.pk, errors[q.pk]) for q in questions if q.pk in errors],
        **extra,
    }
    return render(request, "surveys/answer.html", context, status=status)


def _message(request, survey, title, text, *, status=200, **extra):
    context = {"survey": survey, "title": title, "text": text, **extra}
    return render(request, "surveys/answer_message.html", context, status=status)


def _code_page(request, survey, *, typed="", refusal=None, status=200):
    """Where a survey answered 凭一次性码 asks for the code (printed under the QR code)."""
    context = {"survey": survey, "typed": typed, "refusal": refusal}
    response = render(
        request, "surveys/answer_code.html", context, status=refusal.status if refusal else status
    )
    for name, value in (refusal.headers() if refusal else {}).items():
        response[name] = value
    return response


def _not_open(survey) -> str:
    try:
        ensure_open(survey)
    except SurveyNotOpen as exc:
        return exc.messages[0]
    return ""


@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def public_answer(request, token):
    survey = public_survey(token, request.user)
    if request.GET.get("done") == "1":
        text = survey.closing or "感谢您的参与！"
        key = f"pb-survey:{survey.token}"
        return _message(request, survey, "提交成功", text, done=True, draft_key=key)
    preview = survey.status == SurveyStatus.DRAFT  # only its managers get this far
    if not survey.allows_anonymous:
        return _message(
            request,
            survey,
            "请登录后实名填写",
            "这份问卷为实名问卷，请登录平台后填写。",
            login_url=reverse("surveys:answer", args=[survey.pk]),
        )
    closed = "" if preview else _not_open(survey)
    if closed:
        return _message(
            request,
            survey,
            "问卷未在填写时间内",
            closed,
            status=409 if request.method == "POST" else 200,
        )
    code = ""
    if survey.repeat_policy == RepeatPolicy.CODE and not preview:
        typed = (request.POST if request.method == "POST" else request.GET).get("code", "")
        if not typed.strip():
            return _code_page(request, survey, status=200 if request.method == "GET" else 403)
        refusal = answer_page.code_refusal(request, survey, typed)
        if refusal is not None:
            return _code_page(request, survey, typed=typed, refusal=refusal)
        code = codes.normal_code(typed)
    device = answer_page.device_id(request) or answer_page.new_device_id()
    ip = client_ip(request)
    if not preview and already_answered(survey, device_id=device, ip=ip):
        text = "您已提交过这份问卷，感谢参与。"
        return _message(
            request, survey, "已提交", text, status=409 if request.method == "POST" else 200
        )
    questions = selectors.questions_to_answer(survey)
    common = {
        "public": True,
        "preview": preview,
        "identity_choices": answer_page.IDENTITY_CHOICES,
        "departments": answer_page.departments(survey),
        "draft_key": f"pb-survey:{survey.token}",
        "code": code,
        "code_shown": codes.shown(code) if code else "",
        "named_url": (
            reverse("surveys:answer", args=[survey.pk])
            if survey.allows_named and member_may_answer(survey, member_of(request.user))
            else ""
        ),
    }
    if request.method == "GET" or preview:
        response = _page(request, survey, questions, **common)
        answer_page.remember_device(request, response, device)
        return response
    # A survey answered with codes is bounded by its codes, not by the address's limits.
    refusal = None if code else answer_page.submission_refusal(request, survey)
    if refusal is not None:
        response = _message(request, survey, "请稍后提交", refusal.message, status=refusal.status)
        for name, value in refusal.headers().items():
            response[name] = value
        answer_page.remember_device(request, response, device)
        return response
    raw = answering.raw_from_form(questions, request.POST)
    checked = answering.check(questions, raw)
    status, org = answer_page.identity(survey, request.POST)
    common["identity"] = {"status": status, "org": org.pk if org else None}
    if not checked.ok:
        return _page(
            request, survey, questions, raw=raw, errors=checked.errors, status=400, **common
        )
    try:
        response_submit_anonymous(
            survey=survey,
            questions=questions,
            values=checked.values,
            respondent_status=status,
            respondent_org=org,
            device_id=device,
            ip=ip,
            code=code,
        )
    except ValidationError as exc:
        return _message(request, survey, "未能提交", exc.messages[0], status=409)
    response = redirect(reverse("surveys:public_answer", args=[survey.token]) + "?done=1")
    answer_page.remember_device(request, response, device)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def named_answer(request, pk):
    survey = access_survey(request.user, pk)
    member = member_of(request.user)
    if not member_may_answer(survey, member):
        if survey.allows_anonymous and not survey.allows_named:
            return redirect("surveys:public_answer", token=survey.token)
        raise PermissionDenied(
            "您不在这份问卷的实名填写范围内：实名问卷由发起组织及其下级组织的党员填写。"
        )
    questions = selectors.questions_to_answer(survey)
    existing = selectors.own_response(survey, request.user)
    closed = _not_open(survey)
    common = {
        "public": False,
        "existing": existing,
        "closed": closed,
        "done": request.GET.get("done") == "1",
        "draft_key": f"pb-survey:{survey.token}:m{member.pk}",
        "manage_url": reverse("surveys:survey_detail", args=[survey.pk])
        if can_manage(request.user, survey)
        else "",
    }
    if request.method == "GET":
        raw = answering.raw_from_values(questions, selectors.stored_values(existing))
        return _page(request, survey, questions, raw=raw, **common)
    raw = answering.raw_from_form(questions, request.POST)
    if closed:  # refused, but what the person sent stays on the page
        return _page(request, survey, questions, raw=raw, status=409, **common)
    checked = answering.check(questions, raw)
    if not checked.ok:
        return _page(
            request, survey, questions, raw=raw, errors=checked.errors, status=400, **common
        )
    try:
        response_submit_named(
            actor=request.user,
            survey=survey,
            member=member,
            questions=questions,
            values=checked.values,
        )
    except ValidationError as exc:
        common["closed"] = exc.messages[0]
        return _page(request, survey, questions, raw=raw, status=409, **common)
    return redirect(reverse("surveys:answer", args=[survey.pk]) + "?done=1")
