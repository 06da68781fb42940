"""What one anonymous answer costs the database, pinned: an answer through the public link reads
its survey and writes its response and answers, nothing more (the load test measured an answer
at 7.5x the machine time of a bare POST; the questions read on every answer were part of it).
Nothing about a session is stored for an anonymous submitter."""

from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from partybrand.surveys.choices import AnswerMode, RepeatPolicy
from partybrand.surveys.models import Answer, Response
from partybrand.surveys.services import questions as services_questions
from tests.permissions.cases.surveys import form_answers, json_answers, make_survey
from tests.surveys.test_api import public
from tests.surveys.test_pages import public_url

TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")


def statements(request) -> list[str]:
    """The statements `request()` sends that read or write rows: the first word of each."""
    with CaptureQueriesContext(connection) as captured:
        request()
    words = [q["sql"].split(None, 1)[0].upper() for q in captured.captured_queries]
    return [w for w in words if w not in TRANSACTION_CONTROL]


def post_answer(survey, body=None):
    body = body or json_answers(survey)
    answer = APIClient().post(public(survey), body, format="json")
    assert answer.status_code == 201, answer.content
    return answer


def test_an_anonymous_answer_reads_the_survey_once_and_writes_two_statements(world):
    survey = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.NONE)
    body = json_answers(survey)
    post_answer(survey, body)  # the first answer in this process reads the questions too
    assert statements(lambda: post_answer(survey, body)) == ["SELECT", "INSERT", "INSERT"]
    assert Response.objects.filter(survey=survey).count() == 2
    assert Answer.objects.filter(response__survey=survey).count() == 2 * len(body["answers"])


def test_the_answer_page_reads_no_more_than_the_api(world):
    survey = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.NONE)
    browser = Client()
    browser.get(public_url(survey))
    body = form_answers(survey)
    sent = statements(lambda: browser.post(public_url(survey), body))
    assert sent == ["SELECT", "INSERT", "INSERT"]
    assert Response.objects.filter(survey=survey).count() == 1


def test_an_anonymous_answer_stores_no_session(world):
    survey = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.NONE)
    answer = post_answer(survey)
    page = Client().post(public_url(survey), form_answers(survey))
    assert page.status_code == 302
    assert Session.objects.count() == 0
    assert "sessionid" not in answer.cookies and "sessionid" not in page.cookies


def test_a_draft_shows_its_managers_every_question_added_since_the_last_preview(world):
    survey = make_survey(world, status="draft", mode=AnswerMode.ANONYMOUS)
    manager = Client()
    manager.force_login(world.secretary)
    manager.get(public_url(survey))
    services_questions.question_add(
        actor=world.secretary, survey=survey, kind="text_short", title="还有什么想说的"
    )
    assert "还有什么想说的" in manager.get(public_url(survey)).content.decode()


def test_a_repeat_from_the_same_device_is_still_refused_with_a_message(world):
    survey = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.DEVICE)
    phone = APIClient()
    phone.get(public(survey))  # the device cookie comes with the survey
    assert phone.post(public(survey), json_answers(survey), format="json").status_code == 201
    again = phone.post(public(survey), json_answers(survey), format="json")
    assert again.status_code == 409 and "本设备已提交过" in again.json()["detail"]
    assert Response.objects.filter(survey=survey).count() == 1
