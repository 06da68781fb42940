"""Saving answers: a member's named response (one per member, editable until closing) and an
anonymous response through the public link, under the survey's policy against repeats."""

import contextlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.crypto import salted_hmac

from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Member, Organization
from partybrand.surveys import kept
from partybrand.surveys.answering import searchable_text
from partybrand.surveys.choices import RESPONDENT_STATUSES, RepeatPolicy, RespondentStatus
from partybrand.surveys.models import Answer, Response, Survey
from partybrand.surveys.services import anonymous_rows
from partybrand.surveys.services.codes import code_use

# A branch's survey offers no department to pick: its anonymous answers count for the branch.
BRANCH_KINDS = (OrgKind.BRANCH, OrgKind.GROUP)
REPEAT_MESSAGES = {
    RepeatPolicy.DEVICE: "本设备已提交过这份问卷，感谢您的参与。",
    RepeatPolicy.IP_DAILY: "今天已有人通过当前网络提交过这份问卷（每个网络地址每天限填一次）。",
}


class SurveyNotOpen(ValidationError):
    """The survey is not taking answers now: before opening, after closing, or a draft."""


def _when(moment) -> str:
    local = clock.local(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def ensure_open(survey: Survey, now=None) -> None:
    now = now or clock.now()
    phase = survey.phase(now)
    if phase == "draft":
        raise SurveyNotOpen("问卷尚未发布，暂不能填写。")
    if phase == "scheduled":
        raise SurveyNotOpen(f"问卷将于 {_when(survey.opens_at)} 开始填写，请届时再来。")
    if phase == "ended":
        ends = survey.ends_at
        raise SurveyNotOpen(
            f"问卷已于 {_when(ends)} 截止，感谢参与。" if ends else "问卷已截止，感谢参与。"
        )


def _answers(response: Response, questions, values: dict) -> list[Answer]:
    return [
        Answer(
            response=response, question=q, value=values[q.pk], text=searchable_text(q, values[q.pk])
        )
        for q in questions
        if q.pk in values
    ]


def member_may_answer(survey: Survey, member: Member | None) -> bool:
    return (
        member is not None
        and member.is_active
        and survey.allows_named
        and member.org.path.startswith(survey.org.path)
    )


def response_submit_named(
    *, actor, survey: Survey, member: Member, questions, values: dict
) -> tuple[Response, bool]:
    """Save the member's response, or replace it if there is one; returns (response, created).

    Two submissions racing for the same member keep exactly one response: the unique constraint
    turns the second insert into an IntegrityError, and the retry then edits the row it finds.
    """
    if not member_may_answer(survey, member):
        raise ValidationError("您不在这份问卷的实名填写范围内。")
    for attempt in (1, 2):
        try:
            return _save_named(actor, survey, member, questions, values)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def find_named(survey: Survey, member: Member, *, lock: bool = False) -> Response | None:
    rows = Response.objects.filter(survey=survey, member=member)
    return (rows.select_for_update() if lock else rows).first()


@transaction.atomic
def _save_named(actor, survey, member, questions, values) -> tuple[Response, bool]:
    ensure_open(Survey.objects.get(pk=survey.pk))  # fresh: it may have closed meanwhile
    response = find_named(survey, member, lock=True)
    created = response is None
    if created:
        with transaction.atomic():  # a savepoint, so the retry can run in the caller's transaction
            response = Response.objects.create(
                survey=survey,
                member=member,
                respondent_org=member.org,
                respondent_status=member.status,
                is_anonymous=False,
            )
    else:
        response.respondent_org, response.respondent_status = member.org, member.status
        response.save(update_fields=["respondent_org", "respondent_status", "updated_at"])
        response.answers.all().delete()
    Answer.objects.bulk_create(_answers(response, questions, values))
    audit_record(
        actor=actor,
        action="survey_answer" if created else "survey_answer_update",
        obj=survey,
        org_path=survey.org.path,
        changes={"response": response.pk},
    )
    return response, created


def device_hash(survey: Survey, device_id: str) -> str:
    return salted_hmac(
        "partybrand.surveys.device", f"{survey.token}:{device_id}", algorithm="sha256"
    ).hexdigest()


def address_hash(survey: Survey, ip: str) -> str:
    return salted_hmac(
        "partybrand.surveys.address", f"{survey.token}:{ip}", algorithm="sha256"
    ).hexdigest()


def repeat_keys(survey: Survey, *, device_id: str, ip: str, now=None) -> dict:
    """The columns that make a second anonymous response from the same source collide."""
    if survey.repeat_policy == RepeatPolicy.DEVICE and device_id:
        return {"device_hash": device_hash(survey, device_id)}
    if survey.repeat_policy == RepeatPolicy.IP_DAILY and ip:
        day = clock.day_of(now or clock.now())
        return {"ip_hash": address_hash(survey, ip), "ip_day": day}
    return {}


def already_answered(survey: Survey, *, device_id: str, ip: str) -> bool:
    keys = repeat_keys(survey, device_id=device_id, ip=ip)
    return bool(keys) and Response.objects.filter(survey=survey, **keys).exists()


def response_submit_anonymous(
    *,
    survey: Survey,
    questions,
    values: dict,
    respondent_status: str = RespondentStatus.UNKNOWN,
    respondent_org: Organization | None = None,
    device_id: str = "",
    ip: str = "",
    code: str = "",
) -> Response:
    """Save an anonymous response. No audit row: the log would tie a time to an answer. A survey
    answered 凭一次性码 uses up `code` with it, and nothing ties the two together.

    `survey` may be a copy kept in memory (selectors.answerable_survey): on PostgreSQL the
    response is written only if the survey row is still that version, else the survey is read
    again and checked afresh, so a survey closed a moment ago on another node takes no answer."""
    for _attempt in range(3):
        _check_anonymous(survey)
        response = _save_anonymous(
            survey,
            questions,
            values,
            respondent_status,
            respondent_org,
            device_id=device_id,
            ip=ip,
            code=code,
        )
        if response is not None:
            return response
        kept.forget(survey.token)
        survey = Survey.objects.select_related("org").get(pk=survey.pk)
    raise ValidationError("问卷刚刚有所变动，请稍后再提交。")


def _check_anonymous(survey: Survey) -> None:
    if not survey.allows_anonymous:
        raise ValidationError("这份问卷需要登录后实名填写。")
    ensure_open(survey)


def _refused_repeat(survey: Survey) -> ValidationError:
    return ValidationError(
        REPEAT_MESSAGES.get(survey.repeat_policy, "已提交过这份问卷，感谢您的参与。")
    )


def _save_anonymous(
    survey, questions, values, respondent_status, respondent_org, *, device_id, ip, code
) -> Response | None:
    if respondent_status not in RESPONDENT_STATUSES:
        respondent_status = RespondentStatus.UNKNOWN
    if respondent_org is not None and respondent_org.parent_id != survey.org_id:
        respondent_org = None
    if respondent_org is None and survey.org.kind in BRANCH_KINDS:
        respondent_org = survey.org  # a branch's staff belong to the branch's own unit
    keys = repeat_keys(survey, device_id=device_id, ip=ip)
    uses_code = survey.repeat_policy == RepeatPolicy.CODE
    now = clock.now()
    fields = {
        "respondent_org": respondent_org.pk if respondent_org else None,
        "respondent_status": respondent_status,
        "is_anonymous": True,
        "submitted_at": now,
        "updated_at": now,
        "device_hash": "",
        "ip_hash": "",
        **keys,
    }
    if anonymous_rows.one_statement() and not uses_code:
        answers = [
            (q.pk, values[q.pk], searchable_text(q, values[q.pk]))
            for q in questions
            if q.pk in values
        ]
        try:
            # One statement in autocommit is all or nothing by itself; inside a caller's
            # transaction a repeat must not break that transaction: a savepoint then.
            guarded = keys and connection.in_atomic_block
            with transaction.atomic() if guarded else contextlib.nullcontext():
                pk = anonymous_rows.insert_if_unchanged(survey, fields, answers)
        except IntegrityError:
            if not keys:
                raise
            raise _refused_repeat(survey) from None
        if pk is None:
            return None
        response = Response(
            id=pk, survey=survey, **{k: v for k, v in fields.items() if k != "respondent_org"}
        )
        response.respondent_org = respondent_org
        response._state.adding = False
        return response
    # Only a repeat (its hash, or a code, already stored) can collide: then a savepoint lets the
    # collision become a refusal inside the request's transaction.
    try:
        with transaction.atomic(savepoint=bool(keys) or uses_code):
            if uses_code:
                code_use(survey, code)
            fields["respondent_org"] = respondent_org
            response = Response.objects.create(survey=survey, **fields)
            Answer.objects.bulk_create(_answers(response, questions, values))
    except IntegrityError:
        if not keys and not uses_code:
            raise
        raise _refused_repeat(survey) from None
    return response
