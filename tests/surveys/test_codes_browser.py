"""One-time answer codes in a browser: the secretary makes codes on the survey's page (wide
screen), a phone types a wrong code, then the right one, answers, and cannot answer again."""

import pytest
from playwright.sync_api import expect

from partybrand.surveys.choices import RepeatPolicy
from partybrand.surveys.models import AnswerCode, Response
from tests.browser import shot, sign_in
from tests.permissions.cases.surveys import make_survey
from tests.surveys.test_browser import PHONE, fill_answers

pytestmark = pytest.mark.browser


def test_codes_made_on_the_page_answer_once_on_a_phone(live_server, live_world, browser):
    survey = make_survey(live_world, repeat_policy=RepeatPolicy.CODE)
    desk = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(desk, live_server, "secretary")
    desk.goto(f"{live_server.url}/surveys/{survey.pk}/")
    desk.get_by_test_id("codes-count").fill("5")
    desk.get_by_test_id("codes-create").click()
    expect(desk.locator(".alert-success")).to_contain_text("已生成 5 个作答码")
    desk.get_by_test_id("codes-members").click()
    expect(desk.get_by_test_id("codes-total")).to_have_text("6")
    desk.locator("#codes").scroll_into_view_if_needed()
    shot(desk, "survey-codes-1366")

    code = AnswerCode.objects.filter(member__isnull=True).first().code
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{live_server.url}/surveys/s/{survey.token}/")
    phone.get_by_test_id("code-input").fill("ABCD-EFGH")
    phone.get_by_role("button", name="开始填写").click()
    expect(phone.get_by_test_id("code-refusal")).to_contain_text("作答码无效")
    shot(phone, "survey-code-wrong-390")
    phone.get_by_test_id("code-input").fill(f"{code[:4].lower()}-{code[4:].lower()}")
    phone.get_by_role("button", name="开始填写").click()
    expect(phone.locator(".meta")).to_contain_text(f"作答码 {code[:4]}-{code[4:]}")
    fill_answers(phone)
    phone.get_by_role("button", name="提交").click()
    expect(phone.get_by_test_id("answer-message")).to_contain_text("提交成功")
    assert Response.objects.filter(survey=survey).count() == 1

    phone.goto(f"{live_server.url}/surveys/s/{survey.token}/?code={code}")
    expect(phone.get_by_test_id("code-refusal")).to_contain_text("已经使用过")
    shot(phone, "survey-code-used-390")
