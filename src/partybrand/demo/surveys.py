"""Demo surveys for `seed_demo`: two running surveys with every question type and a few dozen
answers each (named from members, anonymous from staff), one closed survey and one draft.

Surveys and questions go through the services; the many responses are inserted in bulk with the
same shape the services store, so the whole demo loads in a few seconds.
"""

import random
from datetime import datetime, timedelta

from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.core.models import User
from partybrand.demo.survey_content import SURVEYS
from partybrand.orgs.models import Member, Organization
from partybrand.surveys.choices import QuestionKind, RepeatPolicy, RespondentStatus, SurveyStatus
from partybrand.surveys.models import Answer, Response, Survey
from partybrand.surveys.services import questions as services_questions
from partybrand.surveys.services import surveys as services
from partybrand.surveys.services.responses import BRANCH_KINDS, address_hash, device_hash

SEED = 20261125
STAFF_STATUSES = [RespondentStatus.MASS] * 8 + [RespondentStatus.UNKNOWN] * 2


def seed_surveys(today=None) -> int:
    """Create the demo surveys; returns how many responses were stored."""
    today = today or clock.today()
    rng = random.Random(SEED)
    stored = 0
    for spec in SURVEYS:
        org = Organization.objects.filter(name=spec["branch"]).first()
        if org is None:
            continue
        stored += _one(spec, org, today, rng)
    return stored


def _at(day, hour: int, minute: int = 0) -> datetime:
    return clock.at(day, hour, minute)


def _secretary(org) -> User | None:
    return (
        User.objects.filter(role_assignments__org=org, role_assignments__role="secretary")
        .order_by("id")
        .first()
    )


def _one(spec, org, today, rng) -> int:
    actor = _secretary(org)
    opens, closes = (today + timedelta(days=d) for d in spec["days"])
    survey = services.survey_create(
        actor=actor,
        org=org,
        title=spec["title"],
        brand=Brand.objects.filter(org=org).order_by("id").first(),
        intro=spec["intro"],
        closing=spec["closing"],
        opens_at=_at(opens, 8),
        closes_at=_at(closes, 18),
        mode=spec["mode"],
        repeat_policy=spec["repeat_policy"],
        staff_count=spec["staff_count"],
    )
    questions = [_question(survey, actor, row) for row in spec["questions"]]
    if spec["status"] == "draft":
        return 0
    if spec["status"] == "closed":  # ran weeks ago: its dates are in the past, so set directly
        Survey.objects.filter(pk=survey.pk).update(
            status=SurveyStatus.CLOSED, published_at=_at(opens, 7, 30), closed_at=_at(closes, 18)
        )
    else:
        services.survey_publish(actor=actor, survey=survey)
        Survey.objects.filter(pk=survey.pk).update(published_at=_at(opens, 7, 30))
    return _responses(survey, spec, questions, opens, min(closes, today), rng)


def _question(survey, actor, row):
    kind, title, *rest = row
    fields = {"kind": kind, "title": title, "required": kind not in (QuestionKind.TEXT_SHORT,)}
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING):
        fields["options"] = rest[0]
        if len(rest) > 2:
            fields.update(rest[2])
    elif kind == QuestionKind.RATING:
        fields.update(rest[0])
    if kind == QuestionKind.NAME_PROPOSAL:
        fields["required"] = False
    question = services_questions.question_add(actor=actor, survey=survey, **fields)
    question.demo = rest  # what the answers are drawn from
    return question


def _value(question, rng):
    kind, data = question.kind, question.demo
    if kind == QuestionKind.SINGLE:
        return rng.choices(range(len(question.options)), data[1])[0]
    if kind == QuestionKind.MULTIPLE:
        low = question.min_choices or 1
        high = question.max_choices or len(question.options)
        count = rng.randint(low, min(high, low + 1))
        chosen: set[int] = set()
        while len(chosen) < count:
            chosen.add(rng.choices(range(len(question.options)), data[1])[0])
        return sorted(chosen)
    if kind == QuestionKind.RATING:
        return rng.choices(range(1, question.scale_max + 1), data[1])[0]
    if kind == QuestionKind.RANKING:
        order = list(data[1])
        for _ in range(rng.randint(0, 2)):  # most people roughly agree, a few reorder
            i = rng.randrange(len(order) - 1)
            order[i], order[i + 1] = order[i + 1], order[i]
        return order
    if kind in (QuestionKind.TEXT_SHORT, QuestionKind.TEXT_LONG):
        return rng.choice(data[0]) if rng.random() < 0.85 else None
    name, slogan, reason = rng.choice(data[0])
    return {"name": name, "slogan": slogan, "reason": reason} if rng.random() < 0.7 else None


def _responses(survey, spec, questions, first_day, last_day, rng) -> int:
    members = [
        m
        for m in Member.objects.filter(org=survey.org, is_active=True, user__isnull=True)
        .select_related("org")
        .order_by("id")
        if rng.random() < spec["named_share"]
    ]
    rows = [
        Response(
            survey=survey,
            member=m,
            respondent_org=m.org,
            respondent_status=m.status,
            is_anonymous=False,
        )
        for m in members
    ]
    for i in range(spec["anonymous"]):
        row = Response(
            survey=survey,
            respondent_org=survey.org if survey.org.kind in BRANCH_KINDS else None,
            respondent_status=rng.choice(STAFF_STATUSES),
            is_anonymous=True,
        )
        if survey.repeat_policy == RepeatPolicy.DEVICE:
            row.device_hash = device_hash(survey, f"demo-device-{i}")
        elif survey.repeat_policy == RepeatPolicy.IP_DAILY:
            row.ip_hash, row.ip_day = address_hash(survey, f"10.8.{i // 200}.{i % 200}"), first_day
        rows.append(row)
    Response.objects.bulk_create(rows)
    if any(r.pk is None for r in rows):  # databases that do not return keys on bulk insert
        rows = list(Response.objects.filter(survey=survey).order_by("id"))
    span = max((last_day - first_day).days, 0)
    answers = []
    for row in rows:
        day = first_day + timedelta(days=rng.randint(0, span))
        row.submitted_at = row.updated_at = _at(day, rng.randint(8, 21), rng.randint(0, 59))
        if row.ip_hash:
            row.ip_day = day
        for q in questions:
            value = _value(q, rng)
            if value is None and q.required:
                value = _value(q, rng) or rng.choice(q.demo[0])
            if value is None:
                continue
            text = value if isinstance(value, str) else ""
            if q.kind == QuestionKind.NAME_PROPOSAL:
                text = value["reason"]
            answers.append(Answer(response=row, question=q, value=value, text=text))
    Response.objects.bulk_update(rows, ["submitted_at", "updated_at", "ip_day"])
    Answer.objects.bulk_create(answers, batch_size=500)
    return len(rows)
