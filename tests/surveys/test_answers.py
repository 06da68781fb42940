"""Answering a survey: a member's one named response, anonymous answers and the policy against
repeats, and the times outside which nothing is stored."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from partybrand.core.models import AuditLog
from partybrand.orgs.choices import MemberStatus
from partybrand.surveys.choices import AnswerMode, RepeatPolicy
from partybrand.surveys.models import Answer, Response, Survey
from partybrand.surveys.services import responses as services_responses
from tests.factories import make_member
from tests.permissions.cases.surveys import make_survey
from tests.surveys.test_services import submit, submit_anonymous

# Named answers ---------------------------------------------------------------------------------


def test_a_member_answers_once_and_edits_until_closing(world):
    survey = make_survey(world)
    first, created = submit(survey, world.member_a, actor=world.member)
    assert created
    q = list(survey.questions.all())
    second, created = submit(survey, world.member_a, actor=world.member, **{f"q{q[0].pk}": "3"})
    assert not created and second.pk == first.pk
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.get(response=first, question=q[0]).value == 3
    assert first.respondent_status == MemberStatus.FULL and first.respondent_org == world.branch_a
    actions = AuditLog.objects.filter(actor=world.member).values_list("action", flat=True)
    assert list(actions.order_by("id")) == ["survey_answer", "survey_answer_update"]


def test_racing_submissions_for_one_member_keep_exactly_one(world, monkeypatch):
    """The second of two racing inserts hits the unique constraint; the retry then edits the
    row the first one stored, so the member still has exactly one response."""
    survey = make_survey(world)
    submit(survey, world.member_a)  # the racer that won
    real = services_responses.find_named
    calls = []

    def blind_first_look(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)  # missed the winner's row

    monkeypatch.setattr(services_responses, "find_named", blind_first_look)
    q = list(survey.questions.all())
    response, created = submit(survey, world.member_a, **{f"q{q[0].pk}": "2"})
    assert len(calls) == 2 and not created
    assert Response.objects.filter(survey=survey, member=world.member_a).count() == 1
    assert Answer.objects.get(response=response, question=q[0]).value == 2


def test_the_database_refuses_a_second_response_for_a_member(world):
    survey = make_survey(world)
    submit(survey, world.member_a)
    with pytest.raises(IntegrityError):
        Response.objects.create(survey=survey, member=world.member_a)


def test_members_outside_the_surveys_organisation_cannot_answer_by_name(world):
    survey = make_survey(world)
    stranger = make_member(world.branch_b, "外单位党员")
    with pytest.raises(ValidationError, match="实名填写范围"):
        submit(survey, stranger)


def test_an_answer_after_closing_is_refused_and_nothing_is_stored(world):
    closes = timezone.now() + timedelta(hours=1)
    survey = make_survey(world, closes_at=closes)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    survey.refresh_from_db()
    local = timezone.localtime(survey.closes_at)
    with pytest.raises(
        ValidationError, match=f"问卷已于 {local.year}年{local.month}月.* 截止，感谢参与"
    ):
        submit(survey, world.member_a)
    with pytest.raises(ValidationError, match="截止，感谢参与"):
        submit_anonymous(survey, device="d1")
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_an_answer_before_opening_is_refused(world):
    survey = make_survey(world, opens_at=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError, match="开始填写，请届时再来"):
        submit(survey, world.member_a)
    assert not Response.objects.exists()


# Anonymous answers and repeats ----------------------------------------------------------------


def test_one_answer_per_device_when_the_survey_says_so(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.DEVICE)
    submit_anonymous(survey, device="phone-1")
    with pytest.raises(ValidationError, match="本设备已提交过"):
        submit_anonymous(survey, device="phone-1")
    submit_anonymous(survey, device="phone-2")
    assert Response.objects.filter(survey=survey).count() == 2
    stored = set(Response.objects.values_list("device_hash", flat=True))
    assert "phone-1" not in stored and all(len(h) == 64 for h in stored)


def test_one_answer_per_address_per_day_when_the_survey_says_so(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.IP_DAILY)
    submit_anonymous(survey, ip="10.0.0.8")
    with pytest.raises(ValidationError, match="当前网络提交过"):
        submit_anonymous(survey, ip="10.0.0.8")
    Response.objects.update(ip_day=timezone.localdate() - timedelta(days=1))  # yesterday's
    submit_anonymous(survey, ip="10.0.0.8")
    assert Response.objects.count() == 2


def test_without_a_policy_repeats_are_accepted(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    submit_anonymous(survey, device="phone-1", ip="10.0.0.8")
    submit_anonymous(survey, device="phone-1", ip="10.0.0.8")
    assert Response.objects.count() == 2


def test_a_named_only_survey_takes_no_anonymous_answers(world):
    survey = make_survey(world, mode=AnswerMode.NAMED)
    with pytest.raises(ValidationError, match="登录后实名填写"):
        submit_anonymous(survey, device="x")
