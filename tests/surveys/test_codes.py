"""One-time answer codes: a survey set to 凭一次性码作答 takes one anonymous answer per code,
refuses reused and unknown codes, bounds guessing per address, and never ties an answer to its
code; its managers make codes in numbers or one per member and print them as QR slips."""

import io
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from partybrand.core.models import AuditLog
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.surveys import code_sheet
from partybrand.surveys.choices import AnswerMode, RepeatPolicy
from partybrand.surveys.models import AnswerCode, Response
from partybrand.surveys.services import codes as services
from partybrand.surveys.services import surveys as survey_services
from partybrand.surveys.services.responses import response_submit_anonymous
from tests.factories import make_member
from tests.helpers import login, moving_clock
from tests.permissions.cases.surveys import form_answers, json_answers, make_survey
from tests.surveys.test_api import public
from tests.surveys.test_pages import public_url
from tests.surveys.test_services import submit_anonymous

TEN_O_CLOCK = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def code_survey(world, **fields):
    return make_survey(world, repeat_policy=RepeatPolicy.CODE, **fields)


def codes_of(survey, count=3) -> list[str]:
    made = services.codes_create(actor=survey.created_by, survey=survey, count=count)
    return [code.code for code in made]


def answer_with(survey, code, address="10.6.0.1"):
    client = Client(REMOTE_ADDR=address)
    page = client.get(public_url(survey), {"code": code})
    if page.status_code != 200:
        return page
    return client.post(public_url(survey), {**form_answers(survey), "code": code})


# Making codes --------------------------------------------------------------------------------


def test_codes_are_made_numbered_unique_and_readable(world):
    survey = code_survey(world)
    made = services.codes_create(actor=world.secretary, survey=survey, count=5)
    more = services.codes_create(actor=world.secretary, survey=survey, count=2)
    assert [c.number for c in made + more] == [1, 2, 3, 4, 5, 6, 7]
    texts = [c.code for c in made + more]
    assert len(set(texts)) == 7
    assert all(len(t) == 8 and not set(t) & set("01OI") for t in texts)
    row = AuditLog.objects.filter(action="survey_codes_create").first()
    assert row.actor == world.secretary and row.changes == {"count": 2, "kind": "按数量"}


def test_one_code_for_each_member_who_has_none_yet(world):
    survey = code_survey(world)
    made = services.codes_for_members(actor=world.secretary, survey=survey)
    assert {c.member for c in made} == {world.member_a}
    assert made[0].label == f"{world.member_a.name}（支部A）"
    newcomer = make_member(world.branch_a, "新党员")
    make_member(world.branch_b, "别的支部的党员")
    again = services.codes_for_members(actor=world.secretary, survey=survey)
    assert [c.member for c in again] == [newcomer]
    with pytest.raises(ValidationError, match="都已有作答码"):
        services.codes_for_members(actor=world.secretary, survey=survey)


def test_codes_belong_only_to_surveys_answered_with_codes_and_open_ones(world):
    with pytest.raises(ValidationError, match="凭一次性码作答"):
        codes_of(make_survey(world, repeat_policy=RepeatPolicy.DEVICE))
    with pytest.raises(ValidationError, match="一次至多生成 500 个"):
        codes_of(code_survey(world), count=501)
    with pytest.raises(ValidationError, match="已结束收集"):
        codes_of(code_survey(world, status="closed"))
    with pytest.raises(ValidationError, match="用于匿名填写"):
        make_survey(world, mode=AnswerMode.NAMED, repeat_policy=RepeatPolicy.CODE)


def test_a_draft_may_get_its_codes_before_it_is_published(world):
    survey = code_survey(world, status="draft")
    assert len(codes_of(survey, 2)) == 2
    survey_services.survey_publish(actor=world.secretary, survey=survey)


# Answering with a code -------------------------------------------------------------------------


def test_the_link_without_a_code_asks_for_one(world):
    survey = code_survey(world)
    page = Client().get(public_url(survey))
    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    assert "请输入作答码" in page.content.decode()
    refused = Client().post(public_url(survey), form_answers(survey))
    assert refused.status_code == 403 and not Response.objects.exists()


def test_each_code_answers_once(world):
    survey = code_survey(world)
    code = codes_of(survey)[0]
    page = Client().get(public_url(survey), {"code": code})
    assert f'name="code" value="{code}"' in page.content.decode()
    assert f"作答码 {services.shown(code)}" in page.content.decode()
    assert answer_with(survey, code).status_code == 302
    assert Response.objects.count() == 1 and AnswerCode.objects.get(code=code).used
    again = answer_with(survey, code, address="10.6.0.2")
    assert again.status_code == 409 and "已经使用过" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_slips_qr_code_opens_the_questionnaire_with_its_code(world):
    survey = code_survey(world)
    code = codes_of(survey)[0]
    link = code_sheet.slip_link(f"http://testserver{public_url(survey)}", code)
    page = Client().get(link)
    assert page.status_code == 200 and f'name="code" value="{code}"' in page.content.decode()


def test_a_code_is_read_whatever_its_case_spaces_and_dash(world):
    survey = code_survey(world)
    code = codes_of(survey)[0]
    typed = f" {code[:4].lower()}-{code[4:].lower()} "
    assert answer_with(survey, typed).status_code == 302


def test_an_unknown_or_another_surveys_code_is_refused(world):
    survey = code_survey(world)
    other = code_survey(world, title="另一份问卷")
    foreign = codes_of(other)[0]
    for code in ("ABCD-EFGH", foreign, "12345678"):
        refused = answer_with(survey, code)
        assert refused.status_code == 403 and "作答码无效" in refused.content.decode()
    assert not Response.objects.exists()


def test_answers_with_codes_are_not_held_to_the_addresss_limits(world, settings, monkeypatch):
    settings.PUBLIC_SUBMISSIONS_PER_MINUTE = 2
    moving_clock(monkeypatch, TEN_O_CLOCK)
    survey = code_survey(world)
    assert [answer_with(survey, code).status_code for code in codes_of(survey, 5)] == [302] * 5


def test_guessing_codes_is_bounded_per_address_and_hour(world, settings, monkeypatch):
    settings.PUBLIC_CODE_FAILURES_PER_HOUR = 3
    now = moving_clock(monkeypatch, TEN_O_CLOCK)
    survey = code_survey(world)
    good = codes_of(survey)[0]
    assert [answer_with(survey, "WXYZ-WXYZ").status_code for _ in range(3)] == [403] * 3
    waiting = answer_with(survey, good)  # even a right code is not looked at now
    assert waiting.status_code == 429 and waiting["Retry-After"] == "3600"
    assert "作答码错误次数过多，请 60 分钟后再试" in waiting.content.decode()
    assert answer_with(survey, good, address="10.6.0.99").status_code == 302
    now.advance(3600)
    assert answer_with(survey, codes_of(survey)[0]).status_code == 302


def test_two_answers_racing_with_one_code_store_one(world):
    survey = code_survey(world)
    code = codes_of(survey)[0]
    submit_anonymous(survey, device="a", code=code)
    with pytest.raises(ValidationError, match="已经使用过"):
        submit_anonymous(survey, device="b", code=code)
    assert Response.objects.count() == 1


def test_nothing_ties_an_answer_to_its_code(world):
    code_links = {f.related_model for f in AnswerCode._meta.get_fields() if f.is_relation}
    response_links = {f.related_model for f in Response._meta.get_fields() if f.is_relation}
    assert Response not in code_links and AnswerCode not in response_links
    survey = code_survey(world)
    code = codes_of(survey)[0]
    answer_with(survey, code)
    stored = str(list(Response.objects.values())) + str(list(AuditLog.objects.values()))
    assert Response.objects.count() == 1 and code not in stored


def test_the_service_refuses_a_submission_without_a_valid_code(world):
    survey = code_survey(world)
    questions = list(survey.questions.all())
    with pytest.raises(ValidationError, match="作答码无效"):
        response_submit_anonymous(survey=survey, questions=questions, values={}, code="")


# The public API --------------------------------------------------------------------------------


def test_the_public_api_asks_for_and_spends_codes(world):
    survey = code_survey(world)
    code = codes_of(survey)[0]
    client = APIClient(REMOTE_ADDR="10.6.1.1")
    assert client.get(public(survey)).json()["needs_code"] is True
    body = json_answers(survey)
    assert client.post(public(survey), body, format="json").status_code == 403
    assert client.post(public(survey), {**body, "code": code}, format="json").status_code == 201
    reused = client.post(public(survey), {**body, "code": code}, format="json")
    assert reused.status_code == 409 and "已经使用过" in reused.json()["detail"]
    assert Response.objects.count() == 1


# The managers' page and the printable sheet ---------------------------------------------------


def test_the_survey_page_counts_codes_and_makes_them(world):
    survey = code_survey(world)
    client = login(world, "secretary")
    client.post(reverse("surveys:codes_create", args=[survey.pk]), {"count": "13"})
    client.post(reverse("surveys:codes_for_members", args=[survey.pk]))
    answer_with(survey, AnswerCode.objects.first().code)
    page = client.get(reverse("surveys:survey_detail", args=[survey.pk])).content.decode()
    assert 'data-testid="codes-total">14<' in page and 'data-testid="codes-used">1<' in page
    assert "（均已生成）" in page and 'data-testid="survey-qr"' not in page
    refused = client.post(
        reverse("surveys:codes_create", args=[survey.pk]), {"count": "0"}, follow=True
    )
    assert "未生成" in refused.content.decode() and AnswerCode.objects.count() == 14


def test_the_sheet_prints_every_unused_code_twelve_to_a_page(
    world, django_capture_on_commit_callbacks
):
    survey = code_survey(world)
    services.codes_for_members(actor=world.secretary, survey=survey)
    made = codes_of(survey, 13)
    answer_with(survey, made[0])
    client = login(world, "branch_committee")
    url = reverse("surveys:codes_sheet", args=[survey.pk])
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url, {"submission_token": "codes-1"})
    job = Job.objects.get(kind=JobKind.SURVEY_CODES)
    assert started.status_code == 302 and started["Location"] == job.get_absolute_url()
    assert (job.state, job.done, job.result_name) == (
        JobState.DONE,
        13,
        f"{survey.title}-一次性作答码.pdf",
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, {"submission_token": "codes-1"})  # a second click
    assert again["Location"] == job.get_absolute_url() and Job.objects.count() == 1
    response = client.get(reverse("jobs:job_download", args=[job.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == 2  # 13 unused codes: 12 on the first page, 1 on the second
    text = "".join(page.extract_text() for page in reader.pages)
    assert services.shown(made[0]) not in text  # used: not printed again
    for code in made[1:]:
        assert services.shown(code) in text
    assert world.member_a.name in text and "第14号" in text and survey.title in text
