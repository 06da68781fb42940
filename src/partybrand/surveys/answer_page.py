"""What the answer page template needs: each question with what the person gave, and the
device cookie behind the "one response per device" policy."""

import math
import secrets
from dataclasses import dataclass

from django.conf import settings

from partybrand.core.addresses import client_ip
from partybrand.core.ids import is_id
from partybrand.core.ratelimit import Limit, hit, waiting
from partybrand.core.throttle import address_key
from partybrand.orgs.choices import OrgKind
from partybrand.surveys.choices import QuestionKind, RepeatPolicy, RespondentStatus
from partybrand.surveys.services import codes
from partybrand.surveys.services.responses import BRANCH_KINDS

DEVICE_COOKIE = "pb_device"
DEVICE_SALT = "partybrand.surveys.device-cookie"
DEVICE_MAX_AGE = 400 * 24 * 3600


def device_id(request) -> str:
    return request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT) or ""


def device_for(request, survey) -> str:
    """The device id an answer to `survey` is kept under: the browser's, or a new one; none
    where the survey's policy against repeats does not go by device (nothing to sign or set)."""
    if survey.repeat_policy != RepeatPolicy.DEVICE:
        return ""
    return device_id(request) or new_device_id()


def remember_device(request, response, value: str) -> None:
    """Give the browser its random device id, signed so it cannot be chosen by hand."""
    if not value or value == device_id(request):
        return
    response.set_signed_cookie(
        DEVICE_COOKIE,
        value,
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def new_device_id() -> str:
    return secrets.token_urlsafe(16)


def items(questions, raw: dict, errors: dict) -> list[dict]:
    """One entry per question: the question, its number, error, and the answer to show again."""
    result = []
    for number, q in enumerate(questions, start=1):
        value = raw.get(q.pk)
        item = {"q": q, "number": number, "error": errors.get(q.pk, ""), "value": value}
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            chosen = set(value) if isinstance(value, list) else {value}
            item["options"] = [
                {"index": i, "label": o, "checked": i in chosen} for i, o in enumerate(q.options)
            ]
        elif q.kind == QuestionKind.RATING:
            item["scale"] = [{"score": s, "checked": s == value} for s in q.scale]
        elif q.kind == QuestionKind.RANKING:
            ranks = value if isinstance(value, dict) else {}
            item["options"] = [
                {"index": i, "label": o, "rank": ranks.get(i)} for i, o in enumerate(q.options)
            ]
            item["positions"] = range(1, len(q.options) + 1)
        elif q.kind == QuestionKind.NAME_PROPOSAL:
            item["parts"] = value if isinstance(value, dict) else {}
        else:
            item["text"] = value if isinstance(value, str) else ""
        result.append(item)
    return result


IDENTITY_CHOICES = [
    (RespondentStatus.FULL, "中共党员"),
    (RespondentStatus.PROBATIONARY, "预备党员"),
    (RespondentStatus.MASS, "群众（职工）"),
]


def identity(survey, data) -> tuple[str, object]:
    """The self-declared status and department of an anonymous respondent (both optional)."""
    status = data.get("respondent_status", "")
    if status not in {value for value, _ in IDENTITY_CHOICES}:
        status = RespondentStatus.UNKNOWN
    org = None
    org_id = data.get("respondent_org", "")
    if is_id(org_id):
        org = next((d for d in departments(survey) if d.pk == int(org_id)), None)
    return status, org


def departments(survey) -> list:
    """The units an anonymous respondent may name: the direct children of a committee's or
    general branch's survey. A branch's survey offers none (its 党小组 are not departments)."""
    if survey.org.kind in BRANCH_KINDS:
        return []
    return list(
        survey.org.children.filter(is_active=True)
        .exclude(kind=OrgKind.TEAM)
        .order_by("sort_order", "path")
    )


TOO_FAST = "同一网络提交过于频繁，请 {minutes} 分钟后再试（已填写的内容保存在本机，不会丢失）。"
NEEDS_DEVICE = "为防止重复提交，请刷新页面后再提交（已填写的内容保存在本机，不会丢失）。"


@dataclass(frozen=True)
class Refusal:
    """Why an anonymous submission is refused before it is read: the message, the HTTP status
    and, for a limit, the seconds to wait (Retry-After)."""

    message: str
    status: int
    retry_after: int = 0

    def headers(self) -> dict:
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}


def address_limits() -> list[Limit]:
    return [
        Limit(settings.PUBLIC_SUBMISSIONS_PER_MINUTE, 60),
        Limit(settings.PUBLIC_SUBMISSIONS_PER_HOUR, 3600),
    ]


def submission_refusal(request, survey) -> Refusal | None:
    """Why an anonymous submission is refused before it is read; None when it may proceed.

    Every submission counts against the survey's limits for the client's address, per clock
    minute and hour, whatever device cookie it carries: a fresh cookie from a new GET no longer
    buys another answer."""
    if survey.repeat_policy == RepeatPolicy.DEVICE and not device_id(request):
        return Refusal(
            NEEDS_DEVICE, 409
        )  # the device cookie comes with the page; a script skips it
    source = f"{survey.pk}:{address_key(client_ip(request))}"  # an IPv6 client: its /64
    wait = hit("survey-submit", source, address_limits())
    if wait:
        return Refusal(TOO_FAST.format(minutes=math.ceil(wait / 60)), 429, wait)
    return None


CODE_TRIES = "作答码错误次数过多，请 {minutes} 分钟后再试。"


def code_refusal(request, survey, typed: str) -> Refusal | None:
    """For a survey answered 凭一次性码: why the typed or scanned code cannot answer (unknown,
    used, or too many wrong codes from this address within the hour); None for a code that may.
    A wrong code counts against the address; once the hour's tries are used up no code is even
    looked at, so guessing stays bounded."""
    source = f"{survey.pk}:{address_key(client_ip(request))}"
    limits = [Limit(settings.PUBLIC_CODE_FAILURES_PER_HOUR, 3600)]
    wait = waiting("survey-code-miss", source, limits)
    if wait:
        return Refusal(CODE_TRIES.format(minutes=math.ceil(wait / 60)), 429, wait)
    state = codes.code_state(survey, typed)
    if state == "ok":
        return None
    hit("survey-code-miss", source, limits)
    if state == "used":
        return Refusal(codes.CODE_USED, 409)
    return Refusal(codes.CODE_UNKNOWN, 403)
