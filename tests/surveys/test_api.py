"""The survey API: building through it, named and public submissions, the managers' list."""

from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.surveys.choices import AnswerMode, RepeatPolicy
from partybrand.surveys.models import Response, Survey
from partybrand.surveys.services import surveys as services
from tests.helpers import api_client, assert_queries_flat
from tests.permissions.cases.surveys import json_answers, make_survey


def public(survey) -> str:
    return reverse("api:public-survey", args=[survey.token])


def responses_url(survey) -> str:
    return reverse("api:survey-response-list", args=[survey.pk])


def test_a_survey_is_built_and_published_through_the_api(world):
    client = api_client(world.secretary)
    created = client.post(
        reverse("api:survey-list"),
        {"org": world.branch_a.pk, "title": "品牌名称征集", "mode": "anonymous", "staff_count": 9},
        format="json",
    )
    assert created.status_code == 201, created.content
    survey_id = created.json()["id"]
    questions = reverse("api:survey-question-list", args=[survey_id])
    added = client.post(
        questions,
        {"kind": "multiple", "title": "选择", "options": ["甲", "乙", "丙"], "max_choices": 2},
        format="json",
    )
    assert added.status_code == 201 and added.json()["order"] == 1
    refused = client.post(questions, {"kind": "single", "title": "缺选项"}, format="json")
    assert refused.status_code == 400 and "至少需要 2 个选项" in refused.content.decode()
    assert Survey.objects.get(pk=survey_id).questions.count() == 1
    published = client.post(reverse("api:survey-publish", args=[survey_id]))
    body = published.json()
    assert published.status_code == 200 and body["status"] == "published"
    assert body["public_url"].endswith(f"/surveys/s/{Survey.objects.get().token}/")
    assert body["questions"][0]["options"] == ["甲", "乙", "丙"]
    question_id = body["questions"][0]["id"]
    locked = client.delete(reverse("api:survey-question-detail", args=[survey_id, question_id]))
    assert locked.status_code == 400 and "题目结构不能再修改" in locked.content.decode()
    assert Survey.objects.get(pk=survey_id).questions.filter(pk=question_id).exists()


def test_a_member_submits_and_edits_a_named_response(world):
    survey = make_survey(world)
    client = api_client(world.member)
    first = client.post(responses_url(survey), json_answers(survey), format="json")
    assert first.status_code == 201, first.content
    again = client.post(responses_url(survey), json_answers(survey), format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Response.objects.count() == 1


def test_bad_answers_are_refused_per_question(world):
    survey = make_survey(world)
    q = list(survey.questions.all())
    body = json_answers(survey)
    body["answers"][str(q[1].pk)] = [0]
    body["answers"][str(q[3].pk)] = [0, 0, 1]
    response = api_client(world.member).post(responses_url(survey), body, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[str(q[1].pk)] == "第 2 题：请至少选择 2 项"
    assert errors[str(q[3].pk)].startswith("第 4 题：")
    assert not Response.objects.exists()


def test_a_named_response_after_closing_is_a_conflict(world):
    survey = make_survey(world)
    services.survey_close(actor=world.secretary, survey=survey)
    response = api_client(world.member).post(
        responses_url(survey), json_answers(survey), format="json"
    )
    assert response.status_code == 409 and "截止，感谢参与" in response.json()["detail"]
    assert not Response.objects.exists()


def test_the_public_endpoint_reads_and_takes_anonymous_answers_without_login(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.DEVICE)
    client = APIClient()
    read = client.get(public(survey))
    assert read.status_code == 200 and len(read.json()["questions"]) == 7
    assert "token" not in read.json() and "org" not in read.json()
    body = {**json_answers(survey), "respondent_status": "mass"}
    assert client.post(public(survey), body, format="json").status_code == 201
    repeat = client.post(public(survey), body, format="json")  # same device cookie
    assert repeat.status_code == 409 and "本设备已提交过" in repeat.json()["detail"]
    cookieless = APIClient().post(public(survey), body, format="json")
    assert cookieless.status_code == 409 and "请刷新页面后再提交" in cookieless.json()["detail"]
    other = APIClient()
    other.get(public(survey))
    assert other.post(public(survey), body, format="json").status_code == 201
    assert Response.objects.filter(is_anonymous=True, respondent_status="mass").count() == 2


def test_the_public_endpoint_hides_drafts_and_refuses_named_only_surveys(world):
    draft = make_survey(world, status="draft")
    assert APIClient().get(public(draft)).status_code == 404
    named = make_survey(world, mode=AnswerMode.NAMED)
    assert APIClient().post(public(named), json_answers(named), format="json").status_code == 403
    assert not Response.objects.exists()


def test_managers_list_responses_with_names_but_no_personal_data(world):
    survey = make_survey(world)
    api_client(world.member).post(responses_url(survey), json_answers(survey), format="json")
    anonymous = APIClient()
    anonymous.get(public(survey))
    anonymous.post(public(survey), json_answers(survey), format="json")
    listing = api_client(world.secretary).get(responses_url(survey))
    assert listing.status_code == 200 and listing.json()["count"] == 2
    names = {row["member_name"] for row in listing.json()["results"]}
    assert names == {"李党员", ""}
    assert world.member_a.phone not in listing.content.decode()
    assert api_client(world.member).get(responses_url(survey)).status_code == 403


def test_a_member_reads_the_survey_but_not_drafts(world):
    survey = make_survey(world)
    draft = make_survey(world, status="draft")
    ids = {
        row["id"]
        for row in api_client(world.member).get(reverse("api:survey-list")).json()["results"]
    }
    assert ids == {survey.pk}
    assert (
        api_client(world.member).get(reverse("api:survey-detail", args=[draft.pk])).status_code
        == 404
    )


def test_lists_run_the_same_number_of_queries_whatever_the_rows(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    client = api_client(world.secretary)
    anonymous = APIClient()
    anonymous.post(public(survey), json_answers(survey), format="json")
    make_survey(world, title="第二份")

    def ten_more():
        for i in range(10):
            anonymous.post(public(survey), json_answers(survey), format="json")
            make_survey(world, title=f"问卷{i}")

    assert_queries_flat(
        ten_more,
        lambda: client.get(reverse("api:survey-list")),
        lambda: client.get(responses_url(survey)),
    )


def test_the_schema_lists_the_survey_endpoints(world):
    schema = api_client(world.secretary).get(reverse("api:schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/surveys/{id}/" in paths
    assert "/api/v1/surveys/{survey_pk}/responses/" in paths
    assert "post" in paths["/api/v1/public/surveys/{token}/"]


def test_a_body_nested_too_deeply_is_refused_not_crashed(world):
    survey = make_survey(world)
    body = "[" * 5000 + "]" * 5000
    client = APIClient()
    client.get(public(survey))
    response = client.post(public(survey), body, content_type="application/json")
    assert response.status_code == 400 and "嵌套过深" in response.json()["detail"]
    assert not Response.objects.exists()


def test_a_text_answer_must_be_text_and_a_whole_float_counts_as_a_rating(world):
    survey = make_survey(world)
    client = APIClient()
    client.get(public(survey))
    body = json_answers(survey)
    q = list(survey.questions.all())
    body["answers"][str(q[5].pk)] = {"a": 1}
    body["answers"][str(q[2].pk)] = 4.0
    response = client.post(public(survey), body, format="json")
    assert response.status_code == 400
    errors = str(response.json())
    assert "第 6 题：回答应为文字" in errors and "第 3 题" not in errors
    assert not Response.objects.exists()
