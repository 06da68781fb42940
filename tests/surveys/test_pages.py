"""The survey pages: the public answer page (no login), the member's named page, the builder,
results, the answers behind a keyword, the .xlsx export and the QR code."""

import datetime
import io
import re
from urllib.parse import quote

import openpyxl
import pytest
import segno
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.surveys.choices import AnswerMode, RepeatPolicy, SurveyStatus
from partybrand.surveys.models import Question, Response, Survey
from partybrand.surveys.services import surveys as services
from tests.factories import make_member, make_user
from tests.helpers import assert_queries_flat, client_for, login, moving_clock
from tests.permissions.cases.surveys import form_answers, make_survey


def public_url(survey) -> str:
    return reverse("surveys:public_answer", args=[survey.token])


# The public answer page ------------------------------------------------------------------------


def test_the_public_page_needs_no_login_and_sets_the_csrf_cookie(world):
    survey = make_survey(world)
    client = Client(enforce_csrf_checks=True)
    response = client.get(public_url(survey))
    page = response.content.decode()
    assert response.status_code == 200 and survey.title in page
    assert "csrftoken" in response.cookies and 'name="csrfmiddlewaretoken"' in page
    assert "echarts" not in page and "bootstrap" not in page  # light on a weak connection
    assert 'name="viewport" content="width=device-width' in page


def test_the_public_form_refuses_a_post_without_the_csrf_token(world):
    survey = make_survey(world)
    client = Client(enforce_csrf_checks=True)
    client.get(public_url(survey))
    response = client.post(public_url(survey), form_answers(survey))
    assert response.status_code == 403
    assert not Response.objects.exists()


def phone(survey) -> Client:
    """A browser that has opened the public page (and so holds the device cookie)."""
    client = Client()
    client.get(public_url(survey))
    return client


def test_an_anonymous_answer_is_stored_and_thanked_with_the_closing_words(world):
    survey = make_survey(world)
    client = phone(survey)
    response = client.post(public_url(survey), form_answers(survey), follow=True)
    assert "感谢您的参与" in response.content.decode()
    stored = Response.objects.get()
    assert stored.is_anonymous and stored.member is None and stored.device_hash


def test_bad_input_rerenders_with_every_answer_kept_and_says_which_question(world):
    survey = make_survey(world)
    q = list(survey.questions.all())
    data = form_answers(survey, **{f"q{q[1].pk}": ["2"], f"q{q[6].pk}_name": ""})
    response = phone(survey).post(public_url(survey), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "第 2 题：请至少选择 2 项" in page and "第 7 题：请填写建议的品牌名称" in page
    assert re.search(rf'name="q{q[0].pk}" value="1"\s+checked', page)
    assert re.search(rf'name="q{q[1].pk}" value="2"\s+checked', page)
    assert re.search(rf'name="q{q[2].pk}" value="4"\s+checked', page)
    assert re.search(r'<option value="2"\s+selected>第 2 位', page)
    assert "建议把技术攻关和安全生产结合起来" in page and 'value="匠心筑梦 先锋领航"' in page
    assert not Response.objects.exists()


def test_a_second_answer_from_the_same_browser_is_refused(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.DEVICE)
    client = Client()
    client.get(public_url(survey))
    client.post(public_url(survey), form_answers(survey))
    assert "已提交过" in client.get(public_url(survey)).content.decode()
    response = client.post(public_url(survey), form_answers(survey))
    assert response.status_code == 409
    assert Response.objects.count() == 1
    phone(survey).post(public_url(survey), form_answers(survey))  # another phone
    assert Response.objects.count() == 2


def test_an_answer_after_closing_is_refused_with_the_date_and_nothing_is_stored(world):
    survey = make_survey(world)
    client = Client()
    client.get(public_url(survey))
    services.survey_close(actor=world.secretary, survey=survey)
    response = client.post(public_url(survey), form_answers(survey))
    page = response.content.decode()
    assert response.status_code == 409
    day = timezone.localtime(Survey.objects.get().closed_at)
    assert f"问卷已于 {day.year}年{day.month}月{day.day}日" in page and "截止，感谢参与" in page
    assert not Response.objects.exists()


def test_a_draft_link_is_not_found_except_as_a_preview_for_its_managers(world):
    survey = make_survey(world, status="draft")
    assert Client().get(public_url(survey)).status_code == 404
    assert login(world, "member").get(public_url(survey)).status_code == 404
    page = login(world, "secretary").get(public_url(survey)).content.decode()
    assert "预览" in page and 'id="submit-answer"' not in page


def test_a_named_only_survey_asks_to_sign_in(world):
    survey = make_survey(world, mode=AnswerMode.NAMED)
    page = Client().get(public_url(survey)).content.decode()
    assert "请登录后实名填写" in page
    assert reverse("surveys:answer", args=[survey.pk]) in page


def test_an_unknown_token_is_not_found(db):
    assert Client().get(reverse("surveys:public_answer", args=["nope"])).status_code == 404


# Named answers ---------------------------------------------------------------------------------


def test_a_member_answers_by_name_then_sees_and_edits_the_answer(world):
    survey = make_survey(world)
    client = login(world, "member")
    url = reverse("surveys:answer", args=[survey.pk])
    response = client.post(url, form_answers(survey), follow=True)
    assert "提交成功" in response.content.decode()
    q = list(survey.questions.all())
    page = client.get(url).content.decode()
    assert "您已于" in page and "保存修改" in page
    assert re.search(rf'name="q{q[0].pk}" value="1"\s+checked', page)
    client.post(url, form_answers(survey, **{f"q{q[0].pk}": "0"}))
    response = Response.objects.get()
    assert response.member == world.member_a
    assert response.answers.get(question=q[0]).value == 0


def test_a_named_answer_with_errors_keeps_what_was_given(world):
    survey = make_survey(world)
    q = list(survey.questions.all())
    client = login(world, "member")
    response = client.post(
        reverse("surveys:answer", args=[survey.pk]), form_answers(survey, **{f"q{q[0].pk}": ""})
    )
    page = response.content.decode()
    assert response.status_code == 400 and "第 1 题：此题为必答题，请作答" in page
    assert "建议把技术攻关和安全生产结合起来" in page
    assert not Response.objects.exists()


def test_after_closing_a_member_sees_the_answer_but_cannot_change_it(world):
    survey = make_survey(world)
    client = login(world, "member")
    url = reverse("surveys:answer", args=[survey.pk])
    client.post(url, form_answers(survey))
    services.survey_close(actor=world.secretary, survey=survey)
    page = client.get(url).content.decode()
    assert "截止，感谢参与" in page and "以下是您提交的答案" in page and "<fieldset" in page
    q = list(survey.questions.all())
    response = client.post(url, form_answers(survey, **{f"q{q[0].pk}": "0"}))
    assert response.status_code == 409
    assert Response.objects.get().answers.get(question=q[0]).value == 1


def test_my_surveys_lists_what_a_member_can_answer(world):
    survey = make_survey(world)
    make_survey(world, status="draft", title="还没发布的问卷")
    page = login(world, "member").get(reverse("surveys:survey_list")).content.decode()
    assert "我的问卷" in page and survey.title in page and "还没发布的问卷" not in page
    assert "去填写" in page


# The builder -----------------------------------------------------------------------------------


def test_a_secretary_builds_a_survey_on_the_pages(world):
    client = login(world, "secretary")
    response = client.post(
        reverse("surveys:survey_create"),
        {
            "org": world.branch_a.pk,
            "brand": world.brand.pk,
            "title": "品牌名称征集",
            "mode": "anonymous",
            "repeat_policy": "ip_daily",
            "staff_count": 12,
            "closes_at": "2099-12-31T18:00",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and survey.brand == world.brand
    add = reverse("surveys:question_add", args=[survey.pk])
    client.post(
        add, {"kind": "single", "title": "选哪个", "required": "on", "options_text": "甲\n乙\n\n丙"}
    )
    page = client.post(
        add, {"kind": "single", "title": "只有一个选项", "options_text": "甲"}, follow=True
    )
    assert "题目未添加：单选题至少需要 2 个选项" in page.content.decode()
    question = Question.objects.get()
    assert question.options == ["甲", "乙", "丙"] and question.required
    response = client.post(
        reverse("surveys:survey_transition", args=[survey.pk]), {"action": "publish"}, follow=True
    )
    page = response.content.decode()
    assert "问卷已发布" in page and "题目结构不能再修改" in page
    assert survey.token in page  # the public link, ready to share
    assert Survey.objects.get().status == SurveyStatus.PUBLISHED


def test_the_qr_code_points_at_the_public_link(world):
    survey = make_survey(world)
    client = login(world, "secretary")
    svg = client.get(reverse("surveys:survey_qr", args=[survey.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    link = f"http://testserver{public_url(survey)}"
    expected = io.BytesIO()
    segno.make(link, error="m").save(
        expected, kind="svg", scale=6, border=2, xmldecl=False, svgns=True
    )
    assert svg.content == expected.getvalue()  # the code encodes exactly the public link
    png = client.get(reverse("surveys:survey_qr", args=[survey.pk]), {"format": "png"})
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert "attachment" in png["Content-Disposition"]


def test_a_question_cannot_be_reached_under_another_survey(world):
    mine = make_survey(world, status="draft")
    other = make_survey(world, status="draft", title="另一份问卷")
    question = other.questions.first()
    client = login(world, "secretary")
    url = reverse("surveys:question_edit", args=[mine.pk, question.pk])
    assert client.get(url).status_code == 404


# Results, answers and export -------------------------------------------------------------------


def answered(world, n=3):
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE, staff_count=2)
    q = list(survey.questions.all())
    login(world, "member").post(reverse("surveys:answer", args=[survey.pk]), form_answers(survey))
    for i in range(n - 1):
        Client().post(
            public_url(survey),
            form_answers(
                survey,
                respondent_status="mass",
                **{f"q{q[5].pk}": f"第{i}位职工：师带徒要常态化，青年员工成长快。"},
            ),
        )
    return survey


def test_results_show_counts_rate_and_keywords_linking_to_the_answers(world):
    survey = answered(world, n=3)
    client = login(world, "secretary")
    page = client.get(reverse("surveys:survey_results", args=[survey.pk])).content.decode()
    assert 'data-testid="total-responses">3<' in page
    assert 'data-testid="named-responses">1<' in page
    assert 'data-testid="response-rate">100.0%<' in page  # 1 member + 2 staff expected
    assert "师带徒" in page and "echarts-wordcloud" in page
    link = reverse("surveys:survey_answers", args=[survey.pk])
    word = quote("师带徒")
    match = re.search(rf'href="({link}\?question=\d+&(?:amp;)?word={word})"', page)
    assert match, "the keyword 师带徒 links to the answers containing it"
    answers = client.get(match[1].replace("&amp;", "&")).content.decode()
    assert answers.count("<mark>师带徒</mark>") == 2
    assert "建议把技术攻关" not in answers


def test_export_has_one_row_per_response_and_readable_answers(world):
    survey = answered(world, n=2)
    response = login(world, "secretary").post(reverse("surveys:survey_export", args=[survey.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:6] == ("序号", "提交时间", "方式", "姓名", "所在组织", "身份")
    assert len(rows) == 3
    named = next(r for r in rows[1:] if r[2] == "实名")
    assert named[3] == "李党员" and named[4] == "支部A" and named[5] == "正式党员"
    assert named[6] == "技术攻关" and named[7] == "党员责任区、攻关小组"
    assert named[9] == "1.业务融合 2.政治引领 3.文化传承"
    assert named[12].startswith("名称：匠心先锋；口号：匠心筑梦 先锋领航")
    text = " ".join(str(c) for r in rows for c in r if c)
    assert world.member_a.phone not in text and world.member_a.id_number not in text


def test_results_and_lists_run_the_same_number_of_queries_whatever_the_answers(world):
    survey = answered(world, n=2)
    for i in range(4):
        make_member(world.branch_a, f"党员{i}")
    client = login(world, "secretary")
    urls = [
        reverse("surveys:survey_results", args=[survey.pk]),
        reverse("surveys:survey_answers", args=[survey.pk]),
        reverse("surveys:survey_list"),
        reverse("surveys:survey_detail", args=[survey.pk]),
    ]
    q = list(survey.questions.all())

    def twelve_more():
        for i in range(12):
            phone(survey).post(
                public_url(survey), form_answers(survey, **{f"q{q[5].pk}": f"意见{i}"})
            )
            make_survey(world, title=f"问卷{i}")

    assert_queries_flat(twelve_more, *[lambda url=url: client.get(url) for url in urls])


@pytest.mark.parametrize("persona", ["staff", "mid_admin", "branch_committee"])
def test_committees_above_and_the_branch_committee_see_results(world, persona):
    survey = answered(world, n=1)
    page = login(world, persona).get(reverse("surveys:survey_results", args=[survey.pk]))
    assert page.status_code == 200


def test_a_script_without_the_pages_cookie_is_asked_to_reload_under_the_device_policy(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.DEVICE)
    response = Client().post(public_url(survey), form_answers(survey))
    assert response.status_code == 409 and "请刷新页面后再提交" in response.content.decode()
    assert not Response.objects.exists()


def test_a_flood_from_one_address_is_slowed_down(world, settings, monkeypatch):
    settings.PUBLIC_SUBMISSIONS_PER_MINUTE = 3
    moving_clock(monkeypatch)  # at a minute's start: the posts fall into one window
    survey = make_survey(world)
    codes = [
        phone(survey).post(public_url(survey), form_answers(survey)).status_code for _ in range(5)
    ]
    assert codes.count(429) == 2 and Response.objects.count() == 3


def test_the_status_filter_follows_the_badge_a_survey_past_its_closing_time_is_ended(world):
    make_survey(world, title="进行中的问卷")
    make_survey(world, title="草稿问卷", status="draft")
    late = make_survey(world, title="已过截止时间的问卷")
    Survey.objects.filter(pk=late.pk).update(closes_at=timezone.now() - datetime.timedelta(hours=1))
    client = login(world, "secretary")
    url = reverse("surveys:survey_list")
    page = client.get(url).content.decode()
    assert "收集中（1）" in page and "已截止（1）" in page and "草稿（1）" in page
    ended = client.get(url, {"status": "ended"}).content.decode()
    assert "已过截止时间的问卷" in ended and "进行中的问卷" not in ended
    running = client.get(url, {"status": "open"}).content.decode()
    assert "进行中的问卷" in running and "已过截止时间的问卷" not in running


def test_a_superuser_sees_every_survey_and_its_results(world):
    """A superuser's unlimited scope survives being OR'ed with the surveys one may answer."""
    from_above = make_survey(world)
    root = make_user("root-surveys", is_superuser=True, is_staff=True)
    client = client_for(root)
    listed = client.get(reverse("surveys:survey_list")).content.decode()
    assert from_above.title in listed
    assert client.get(reverse("surveys:survey_results", args=[from_above.pk])).status_code == 200


def test_a_large_export_is_made_in_the_background_from_a_post_form(
    world, settings, django_capture_on_commit_callbacks
):
    survey = answered(world, n=3)
    client = login(world, "secretary")
    url = reverse("surveys:survey_export", args=[survey.pk])
    assert client.get(url).status_code == 405  # a link cannot start the work
    at_once = client.post(url, {"submission_token": "x-1"})
    assert at_once["Content-Type"].startswith("application/vnd.openxmlformats")
    immediate = list(openpyxl.load_workbook(io.BytesIO(at_once.content)).active.values)
    assert not Job.objects.exists()

    settings.SURVEY_EXPORT_JOB_ROWS = 2
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url, {"submission_token": "x-2"})
        again = client.post(url, {"submission_token": "x-2"})  # a second click
    job = Job.objects.get()
    assert started["Location"] == again["Location"] == job.get_absolute_url()
    assert (job.kind, job.state, job.done) == (JobKind.SURVEY_EXPORT, JobState.DONE, 3)
    assert job.result_name == f"{survey.title}-答卷.xlsx"
    got = client.get(reverse("jobs:job_download", args=[job.pk]))
    background = openpyxl.load_workbook(io.BytesIO(b"".join(got.streaming_content))).active
    assert list(background.values) == immediate
    download = reverse("jobs:job_download", args=[job.pk])
    assert login(world, "mid_admin").get(download).status_code == 404  # its owner's only
