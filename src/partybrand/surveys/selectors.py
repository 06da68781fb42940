"""Reads of surveys scoped to a user, and the figures shown beside them."""

import hashlib
import threading

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q

from partybrand.brands.access import visible_brands
from partybrand.brands.selectors import orgs_for_new_brand
from partybrand.core import clock
from partybrand.orgs.models import Member
from partybrand.orgs.roles import Cap, scope_q
from partybrand.surveys import kept
from partybrand.surveys.access import answerable_q, managed_surveys, member_of, public_survey
from partybrand.surveys.choices import QuestionKind, RepeatPolicy, SurveyStatus
from partybrand.surveys.models import Answer, Question, Response, Survey
from partybrand.surveys.services import anonymous_rows
from partybrand.surveys.services.codes import members_without_code
from partybrand.textsim.segment import keyword_counts

MY_SURVEYS_LIMIT = 20
# Published surveys whose questions this process keeps: a survey's questions cannot change
# once it is published (services/questions.py refuses it), so every answer need not read them.
FROZEN_QUESTIONS_KEPT = 256
_frozen_questions: dict[tuple[int, str], list[Question]] = {}
_frozen_lock = threading.Lock()


# The list filters by what the badge says (Survey.phase), not by the stored status: a published
# survey whose closing time has passed is 已截止, not 已发布.
PHASES = (("draft", "草稿"), ("scheduled", "未开始"), ("open", "收集中"), ("ended", "已截止"))


def phase_q(phase: str, now) -> Q:
    published = Q(status=SurveyStatus.PUBLISHED)
    not_ended = Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    return {
        "draft": Q(status=SurveyStatus.DRAFT),
        "scheduled": published & not_ended & Q(opens_at__gt=now),
        "open": published & not_ended & (Q(opens_at__isnull=True) | Q(opens_at__lte=now)),
        "ended": Q(status=SurveyStatus.CLOSED) | (published & Q(closes_at__lte=now)),
    }[phase]


def survey_list(user, *, status: str = "", query: str = "", now=None):
    """The surveys the user manages, newest first, with their response counts; `status` is one
    of PHASES."""
    surveys = managed_surveys(user).select_related("org", "brand")
    if status:
        surveys = surveys.filter(phase_q(status, now or clock.now()))
    if query:
        surveys = surveys.filter(title__icontains=query)
    return surveys.annotate(response_count=Count("responses")).order_by("-created_at", "-id")


def my_surveys(user) -> list[Survey]:
    """Published surveys the user can answer as a member, with whether it already did."""
    member = member_of(user)
    if member is None:
        return []
    mine = Response.objects.filter(survey=OuterRef("pk"), member=member)
    rows = (
        Survey.objects.filter(answerable_q(user))
        .select_related("org")
        .annotate(answered=Exists(mine))
        .order_by("-created_at", "-id")[:MY_SURVEYS_LIMIT]
    )
    return list(rows)


def orgs_for_new_survey(user):
    return orgs_for_new_brand(user)


def brands_for_survey(user):
    """Brands a survey may be linked to: those of organisations the user manages."""
    return (
        visible_brands(user)
        .filter(scope_q(user, Cap.EDIT_BRAND, "org__path"))
        .select_related("org")
        .order_by("org__path", "name")
    )


def target_population(survey: Survey) -> dict:
    """Who the survey is meant for: active members of the organisation's subtree (counted in
    SQL) plus, when staff may answer anonymously, the number of non-member staff entered."""
    members = Member.objects.filter(is_active=True, org__path__startswith=survey.org.path).count()
    staff = survey.staff_count if survey.allows_anonymous else 0
    return {"members": members, "staff": staff, "total": members + staff}


def response_counts(survey: Survey) -> dict:
    counts = survey.responses.aggregate(
        total=Count("id"),
        named=Count("id", filter=Q(is_anonymous=False)),
        anonymous=Count("id", filter=Q(is_anonymous=True)),
    )
    target = target_population(survey)
    total = counts["total"]
    counts["target"] = target
    counts["rate"] = round(100 * total / target["total"], 1) if target["total"] else None
    return counts


def name_proposals(survey: Survey) -> list[dict]:
    """Every brand-name proposal of the survey, oldest first: {name, slogan, reason,
    response_id}. The theme workshop reads them from here."""
    rows = (
        Answer.objects.filter(response__survey=survey, question__kind=QuestionKind.NAME_PROPOSAL)
        .order_by("response__submitted_at", "id")
        .values_list("value", "response_id")
    )
    return [
        {
            "name": value.get("name", ""),
            "slogan": value.get("slogan", ""),
            "reason": value.get("reason", ""),
            "response_id": response_id,
        }
        for value, response_id in rows
    ]


def matching_answers(survey: Survey, *, question=None, word: str = ""):
    """Free-text answers and proposal reasons, optionally of one question and containing a word."""
    answers = Answer.objects.filter(response__survey=survey).exclude(text="")
    if question is not None:
        answers = answers.filter(question=question)
    if word:
        answers = answers.filter(text__icontains=word)
    return answers.select_related(
        "question", "response__member", "response__respondent_org"
    ).order_by("-response__submitted_at", "-id")


def own_response(survey: Survey, user) -> Response | None:
    member = member_of(user)
    if member is None:
        return None
    return Response.objects.filter(survey=survey, member=member).first()


def stored_values(response: Response | None) -> dict:
    if response is None:
        return {}
    return dict(response.answers.values_list("question_id", "value"))


def status_counts(user, now=None) -> list[tuple[str, str, int]]:
    """(phase, label, count) for the filter, counted in one query."""
    now = now or clock.now()
    counts = managed_surveys(user).aggregate(
        **{phase: Count("id", filter=phase_q(phase, now)) for phase, _ in PHASES}
    )
    return [(phase, label, counts[phase]) for phase, label in PHASES]


def text_keywords(scope: str, texts: list[str], limit: int) -> list[tuple[str, int]]:
    """Keywords of many answers, cached: segmenting thousands of answers on every page view
    would cost most of a second. The key changes with the answers themselves."""
    digest = hashlib.sha1("\x1f".join(texts).encode(), usedforsecurity=False).hexdigest()
    key = f"survey-keywords:{scope}:{limit}:{len(texts)}:{digest}"
    return cache.get_or_set(key, lambda: keyword_counts(texts, limit=limit), timeout=3600)


def code_counts(survey) -> dict | None:
    """A survey answered 凭一次性码: how many codes there are, used and not, and how many members
    of its organisations have none yet; None for other surveys."""
    if survey.repeat_policy != RepeatPolicy.CODE:
        return None
    counts = survey.codes.aggregate(total=Count("id"), used=Count("id", filter=Q(used=True)))
    counts["unused"] = counts["total"] - counts["used"]
    counts["members_without"] = members_without_code(survey).count()
    return counts


def questions_to_answer(survey: Survey) -> list[Question]:
    """The survey's questions in order, for answering. A published or closed survey's come from
    this process's memory after the first read (keyed by id and token, so a survey made again
    under a reused id is read afresh); a draft's are read every time, as they may still change.
    """
    if survey.status == SurveyStatus.DRAFT:
        return list(survey.questions.all())
    key = (survey.pk, survey.token)
    questions = _frozen_questions.get(key)
    if questions is None:
        questions = list(Question.objects.filter(survey_id=survey.pk))
        with _frozen_lock:  # threaded workers: one trims while another adds
            while len(_frozen_questions) >= FROZEN_QUESTIONS_KEPT:
                del _frozen_questions[next(iter(_frozen_questions))]  # the oldest kept
            _frozen_questions[key] = questions
    return questions


def answerable_survey(token: str) -> Survey:
    """The published or closed survey behind a public link, for an anonymous answer (404 for a
    draft or an unknown token). Where the answer's write checks the survey's version in the same
    statement (PostgreSQL), it comes from this process's memory after the first read."""
    if not anonymous_rows.one_statement():
        return public_survey(token)
    survey = kept.get(token)
    if survey is None:
        survey = public_survey(token)
        kept.keep(survey)  # public_survey() refuses drafts to anonymous users
    return survey
