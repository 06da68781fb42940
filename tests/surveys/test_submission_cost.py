"""What one anonymous answer costs the database, pinned: an answer through the public link reads
its survey and writes its response and answers, nothing more (the load test measured an answer
at 7.5x the machine time of a bare POST; the questions read on every answer were part of it).
Nothing about a session is stored for an anonymous submitter."""

from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from partybrand.core import clock
from partybrand.surveys.choices import AnswerMode, RepeatPolicy, SurveyStatus
from partybrand.surveys.models import Answer, Response, Survey
from partybrand.surveys.services import questions as services_questions
from partybrand.surveys.services import surveys as services
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


# On PostgreSQL the survey kept in memory is checked by the one statement that writes the
# response and its answers; elsewhere the survey is read and two inserts follow.
ONE_ANSWER = ["WITH"] if connection.vendor == "postgresql" else ["SELECT", "INSERT", "INSERT"]
# The page reads its survey afresh, then writes as the API does.
PAGE_ANSWER = ["SELECT", "WITH"] if connection.vendor == "postgresql" else ONE_ANSWER


def test_an_anonymous_answer_costs_one_statement_on_postgresql(world):
    survey = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.NONE)
    body = json_answers(survey)
    post_answer(survey, body)  # the first answer in this process reads the survey too
    assert statements(lambda: post_answer(survey, body)) == ONE_ANSWER
    assert Response.objects.filter(survey=survey).count() == 2
    assert Answer.objects.filter(response__survey=survey).count() == 2 * len(body["answers"])


def test_the_answer_page_reads_no_more_than_the_api(world):
    survey = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.NONE)
    browser = Client()
    browser.get(public_url(survey))
    body = form_answers(survey)
    sent = statements(lambda: browser.post(public_url(survey), body))
    assert sent == PAGE_ANSWER
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


def test_a_survey_closed_elsewhere_refuses_the_next_answer(world):
    survey = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.NONE)
    post_answer(survey)  # this process now keeps the open survey
    # Closed by another node: only the row changes, nothing this process holds.
    Survey.objects.filter(pk=survey.pk).update(
        status=SurveyStatus.CLOSED, closed_at=clock.now(), version=F("version") + 1
    )
    late = APIClient().post(public(survey), json_answers(survey), format="json")
    assert late.status_code == 409 and "截止" in late.json()["detail"]
    assert Response.objects.filter(survey=survey).count() == 1


def test_only_a_survey_kept_to_one_answer_per_device_signs_a_device_cookie(world):
    """Signing a cookie nobody needs is work on every answer sent."""
    free = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.NONE)
    by_device = make_survey(world, mode=AnswerMode.ANONYMOUS, repeat_policy=RepeatPolicy.DEVICE)
    assert "pb_device" not in post_answer(free).cookies
    client = APIClient()
    client.get(public(by_device))  # the device cookie comes with the survey
    answer = client.post(public(by_device), json_answers(by_device), format="json")
    assert answer.status_code == 201
    again = client.post(public(by_device), json_answers(by_device), format="json")
    assert again.status_code == 409  # the cookie still keeps that survey to one answer
    assert Response.objects.filter(survey=by_device).count() == 1


def _rating_survey(world, questions: int) -> Survey:
    """An anonymous survey of `questions` rating questions, published."""
    survey = services.survey_create(
        actor=world.secretary,
        org=world.branch_a,
        title=f"{questions} 题的评价问卷",
        mode=AnswerMode.ANONYMOUS,
        repeat_policy=RepeatPolicy.NONE,
    )
    for n in range(questions):
        services_questions.question_add(
            actor=world.secretary, survey=survey, kind="rating", title=f"第 {n + 1} 项工作的评价"
        )
    return services.survey_publish(actor=world.secretary, survey=survey)


def test_a_longer_survey_costs_no_more_statements_per_answer(world):
    """Twelve questions are written by the same statements as two: the answers go in together,
    not one insert or check per question."""
    sent = {}
    for size in (2, 12):
        survey = _rating_survey(world, size)
        body = {"answers": {str(q.pk): 4 for q in survey.questions.all()}}
        post_answer(survey, body)  # the first answer in this process reads the survey too
        sent[size] = statements(lambda survey=survey, body=body: post_answer(survey, body))
        assert Answer.objects.filter(response__survey=survey).count() == 2 * size
    assert sent[2] == sent[12] == ONE_ANSWER


def test_a_status_that_is_no_text_is_refused_not_a_server_error(world):
    survey = make_survey(world)
    for status in (["member"], {"a": 1}):
        body = {**json_answers(survey), "respondent_status": status}
        answer = APIClient().post(public(survey), body, format="json")
        assert answer.status_code == 400, answer.content
    assert not Response.objects.filter(survey=survey).exists()
