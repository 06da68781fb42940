"""Every state change of a survey: create, settings, publish, close, delete, copy.

Questions change in `services_questions.py`, answers are saved in `services_responses.py`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.brands.selectors import BRAND_OWNER_KINDS
from partybrand.core import clock
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.versioning import check_version
from partybrand.orgs.models import Organization
from partybrand.surveys.choices import (
    TRANSITIONS,
    AnswerMode,
    RepeatPolicy,
    SurveyStatus,
)
from partybrand.surveys.models import Question, Survey
from partybrand.surveys.services.questions import (  # noqa: F401  (the question services, too)
    QUESTION_FIELDS,
    question_add,
    question_delete,
    question_move,
    question_update,
)

SURVEY_FIELDS = (
    "title",
    "intro",
    "closing",
    "opens_at",
    "closes_at",
    "mode",
    "repeat_policy",
    "staff_count",
    "brand",
)
# How people answer is fixed once the link is out: changing it would split the responses.
LOCKED_AFTER_PUBLISHING = ("mode", "repeat_policy")

# A survey opens and closes in these years; others are typing slips (a year 0309 had no
# modern UTC offset to be written in).
SENSIBLE_YEARS = (2000, 2100)


def _check_survey(org: Organization, data: dict) -> None:
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError("请填写问卷标题。")
    if len(title) > 100:
        raise ValidationError("问卷标题不超过 100 个字。")
    opens, closes = data.get("opens_at"), data.get("closes_at")
    for moment, label in ((opens, "开始时间"), (closes, "截止时间")):
        if moment and not SENSIBLE_YEARS[0] <= moment.year <= SENSIBLE_YEARS[1]:
            raise ValidationError(
                f"{label}应在 {SENSIBLE_YEARS[0]} 年至 {SENSIBLE_YEARS[1]} 年之间。"
            )
    if opens and closes and closes <= opens:
        raise ValidationError("截止时间应晚于开始时间。")
    brand = data.get("brand")
    if brand is not None and brand.org_id != org.pk:
        raise ValidationError("关联品牌应属于发起组织本身。")
    if data.get("mode") == AnswerMode.NAMED and data.get("staff_count"):
        raise ValidationError("非党员职工只能匿名填写：实名问卷不计入职工人数。")
    if data.get("repeat_policy") == RepeatPolicy.CODE and data.get("mode", AnswerMode.NAMED) == (
        AnswerMode.NAMED
    ):
        raise ValidationError(
            {"repeat_policy": "凭一次性码作答用于匿名填写：请把填写方式改为匿名或实名与匿名均可。"}
        )


@transaction.atomic
def survey_create(*, actor, org: Organization, title: str, **fields) -> Survey:
    if org.kind not in BRAND_OWNER_KINDS:
        raise ValidationError("问卷应由党支部及以上党组织发起。")
    data = {k: v for k, v in fields.items() if k in SURVEY_FIELDS}
    data["title"] = (title or "").strip()
    _check_survey(org, data)
    survey = Survey(org=org, created_by=actor, **data)
    survey.full_clean()
    survey.save()
    audit_record(
        actor=actor,
        action="survey_create",
        obj=survey,
        org_path=org.path,
        changes={"title": survey.title, "org": org.name, "mode": survey.get_mode_display()},
    )
    return survey


def _locked(survey_pk) -> Survey:
    return Survey.objects.select_for_update().select_related("org").get(pk=survey_pk)


@transaction.atomic
def survey_update(*, actor, survey: Survey, version: int | None = None, **fields) -> Survey:
    survey = _locked(survey.pk)
    check_version(survey, version)
    data = {k: v for k, v in fields.items() if k in SURVEY_FIELDS}
    if "title" in data:
        data["title"] = (data["title"] or "").strip()
    if survey.status != SurveyStatus.DRAFT:
        moved = [k for k in LOCKED_AFTER_PUBLISHING if k in data and data[k] != getattr(survey, k)]
        if moved:
            raise ValidationError("问卷已发布，填写方式与防重复规则不能再修改。")
    merged = {name: getattr(survey, name) for name in SURVEY_FIELDS} | data
    _check_survey(survey.org, merged)
    changes = field_changes(survey, data)
    if not changes:
        return survey
    survey.full_clean()
    survey.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor, action="survey_update", obj=survey, org_path=survey.org.path, changes=changes
    )
    return survey


def _move(survey: Survey, action: str) -> None:
    sources, _target = TRANSITIONS[action]
    if survey.status not in sources:
        label = {"publish": "发布", "close": "结束"}[action]
        raise ValidationError(f"问卷当前为“{survey.get_status_display()}”，不能{label}。")


@transaction.atomic
def survey_publish(*, actor, survey: Survey) -> Survey:
    survey = _locked(survey.pk)
    _move(survey, "publish")
    if not survey.questions.exists():
        raise ValidationError("问卷还没有题目，请先添加题目再发布。")
    now = clock.now()
    if survey.closes_at and survey.closes_at <= now:
        raise ValidationError("截止时间已过，请先修改截止时间再发布。")
    survey.status = SurveyStatus.PUBLISHED
    survey.published_at = now
    survey.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="survey_publish",
        obj=survey,
        org_path=survey.org.path,
        changes={"status": [SurveyStatus.DRAFT.label, SurveyStatus.PUBLISHED.label]},
    )
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    survey = _locked(survey.pk)
    _move(survey, "close")
    now = clock.now()
    survey.status = SurveyStatus.CLOSED
    # Closed after its closing time had passed: answering really stopped at the closing time.
    survey.closed_at = min(now, survey.closes_at) if survey.closes_at else now
    survey.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="survey_close",
        obj=survey,
        org_path=survey.org.path,
        changes={"status": [SurveyStatus.PUBLISHED.label, SurveyStatus.CLOSED.label]},
    )
    return survey


@transaction.atomic
def survey_delete(*, actor, survey: Survey) -> None:
    survey = _locked(survey.pk)
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError("只能删除草稿问卷；已发布的问卷请结束收集，答卷会保留。")
    audit_record(
        actor=actor,
        action="survey_delete",
        obj=survey,
        org_path=survey.org.path,
        changes={"title": survey.title},
    )
    survey.delete()


@transaction.atomic
def survey_copy(*, actor, survey: Survey) -> Survey:
    """A new draft with the same settings and questions, to change what a published one cannot."""
    copy = survey_create(
        actor=actor,
        org=survey.org,
        title=f"{survey.title}（副本）"[:100],
        **{name: getattr(survey, name) for name in SURVEY_FIELDS if name != "title"}
        | {"opens_at": None, "closes_at": None},
    )
    Question.objects.bulk_create(
        Question(survey=copy, **{name: getattr(q, name) for name in (*QUESTION_FIELDS, "order")})
        for q in survey.questions.all()
    )
    return copy
