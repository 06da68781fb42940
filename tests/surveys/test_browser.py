"""Surveys in a real browser: a phone answering through the public link (a mistake first, a
dropped connection, a reload), a member answering by name and editing, and the secretary
reading the results and exporting them."""

import openpyxl
import pytest
from playwright.sync_api import expect

from partybrand.surveys.choices import RepeatPolicy
from partybrand.surveys.models import Response
from tests.browser import shot, sign_in
from tests.permissions.cases.surveys import make_survey

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
FREE_TEXT = "建议把师带徒和技能比武结合起来，青年员工成长更快。"


def question(page, number: int):
    return page.locator("fieldset.q").nth(number - 1)


def fill_answers(page, *, multiple=("党员责任区", "师带徒"), text=FREE_TEXT, single="技术攻关"):
    question(page, 1).get_by_text(single, exact=True).click()
    for label in ("党员责任区", "师带徒", "攻关小组", "志愿服务", "班前讲安全"):
        box = question(page, 2).get_by_label(label, exact=True)
        box.set_checked(label in multiple)
    question(page, 3).locator("label", has_text="4").click()
    for option, rank in (("政治引领", "2"), ("业务融合", "1"), ("文化传承", "3")):
        question(page, 4).get_by_label(option).select_option(rank)
    question(page, 5).locator("input").fill("攻坚克难")
    question(page, 6).locator("textarea").fill(text)
    question(page, 7).get_by_label("建议的品牌名称").fill("匠心先锋")
    question(page, 7).get_by_label("口号").fill("匠心筑梦 先锋领航")
    question(page, 7).get_by_label("理由").fill("体现工匠精神和党员先锋作用。")


def test_a_phone_answers_through_the_public_link_without_losing_anything(
    live_server, live_world, browser
):
    survey = make_survey(live_world, repeat_policy=RepeatPolicy.DEVICE)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    url = f"{live_server.url}/surveys/s/{survey.token}/"
    page.goto(url)
    expect(page.locator("h1")).to_have_text(survey.title)
    shot(page, "survey-answer-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # one column, no sideways

    # Half-filled, then the page is reloaded: the answers come back from this phone's storage.
    question(page, 1).get_by_text("技术攻关", exact=True).click()
    question(page, 6).locator("textarea").fill("先写一半")
    page.reload()
    expect(page.locator("#draft-restored")).to_be_visible()
    expect(question(page, 1).get_by_label("技术攻关", exact=True)).to_be_checked()
    expect(question(page, 6).locator("textarea")).to_have_value("先写一半")

    # One mistake: a single choice where at least two are asked for. Everything else stays.
    fill_answers(page, multiple=("师带徒",))
    page.get_by_text("群众（职工）").click()
    page.click("#submit-answer")
    expect(page.locator("#error-summary")).to_contain_text("第 2 题：请至少选择 2 项")
    expect(question(page, 2).locator(".error")).to_have_text("第 2 题：请至少选择 2 项")
    expect(question(page, 1).get_by_label("技术攻关", exact=True)).to_be_checked()
    expect(question(page, 2).get_by_label("师带徒", exact=True)).to_be_checked()
    expect(question(page, 6).locator("textarea")).to_have_value(FREE_TEXT)
    expect(question(page, 4).get_by_label("业务融合")).to_have_value("1")
    expect(question(page, 7).get_by_label("建议的品牌名称")).to_have_value("匠心先锋")
    expect(page.get_by_label("群众（职工）")).to_be_checked()
    shot(page, "survey-answer-phone-error")
    assert not Response.objects.exists()

    # The connection drops as the fix is sent: a message, and the answer is still there.
    question(page, 2).get_by_label("党员责任区", exact=True).check()
    context.set_offline(True)
    page.click("#submit-answer")
    expect(page.locator("#net-msg")).to_contain_text("网络连接已断开，您的答案已保存在本机")
    assert not Response.objects.exists()
    context.set_offline(False)

    page.click("#submit-answer")
    expect(page.get_by_test_id("answer-message")).to_contain_text("提交成功")
    shot(page, "survey-answer-phone-done")
    key = f"pb-survey:{survey.token}"
    assert page.evaluate(f"localStorage.getItem('{key}')") is None  # the draft is cleared
    stored = Response.objects.get()
    assert stored.is_anonymous and stored.respondent_status == "mass"
    assert stored.answers.get(question__order=2).value == [0, 1]

    page.goto(url)  # the same phone again: one answer per device
    expect(page.get_by_test_id("answer-message")).to_contain_text("已提交过")
    context.close()


def test_a_member_answers_by_name_and_the_secretary_reads_results_and_exports(
    live_server, live_world, browser, tmp_path
):
    survey = make_survey(live_world, staff_count=1)
    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    page.goto(f"{live_server.url}/surveys/s/{survey.token}/")
    fill_answers(page, multiple=("攻关小组", "志愿服务"), single="服务群众")
    page.click("#submit-answer")
    expect(page.get_by_test_id("answer-message")).to_contain_text("提交成功")
    phone.close()

    context = browser.new_context(**PHONE)
    page = context.new_page()
    sign_in(page, live_server, "member")
    page.goto(f"{live_server.url}/surveys/")
    page.locator("#my-surveys").get_by_text("去填写").click()
    fill_answers(page, text="安全生产是第一位的，党员示范岗要带头隐患排查。")
    page.click("#submit-answer")
    expect(page.get_by_test_id("answer-saved")).to_be_visible()
    shot(page, "survey-named-answer-phone")
    question(page, 1).get_by_text("人才培养", exact=True).click()  # changes its mind
    # The first submission's message is still on the page: wait for the second page load.
    with page.expect_navigation():
        page.click("#submit-answer")
    expect(page.get_by_test_id("answer-saved")).to_be_visible()
    page.goto(f"{live_server.url}/surveys/")
    expect(page.locator("#my-surveys")).to_contain_text("已提交")
    shot(page, "survey-my-list-phone")
    context.close()
    assert Response.objects.count() == 2
    named = Response.objects.get(is_anonymous=False)
    assert named.answers.get(question__order=1).value == 3  # 人才培养, the edited choice

    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/surveys/{survey.pk}/")
    expect(page.get_by_test_id("survey-qr")).to_be_visible()
    expect(page.get_by_test_id("structure-locked")).to_contain_text("题目结构不能再修改")
    page.click("text=查看结果")
    expect(page.get_by_test_id("total-responses")).to_have_text("2")
    expect(page.get_by_test_id("named-responses")).to_have_text("1")
    expect(page.get_by_test_id("anonymous-responses")).to_have_text("1")
    expect(page.get_by_test_id("response-rate")).to_have_text("100.0%")  # 1 member + 1 staff
    first = page.locator(".question-result").nth(0)
    counts = first.locator("[data-testid=option-count]")
    expect(counts).to_have_text(["0", "0", "1", "1"])  # 安全生产 技术攻关 服务群众 人才培养
    expect(page.locator(".question-result").nth(2).get_by_test_id("mean")).to_have_text("4.0")
    expect(page.locator(".question-result canvas")).to_have_count(4 + 3)  # 4 charts, 3 clouds
    expect(page.locator("#by-org canvas")).to_have_count(1)
    expect(page.locator("#by-status canvas")).to_have_count(1)
    free = page.locator(".question-result").nth(5)
    expect(free.locator(".word-cloud canvas")).to_have_count(1)
    expect(free.locator(".keyword-list")).to_contain_text("师带徒")
    expect(page.get_by_test_id("proposals")).to_contain_text("匠心先锋")
    page.wait_for_timeout(600)  # let the charts finish their animation before the picture
    shot(page, "survey-results")

    free.locator(".keyword-list").get_by_text("师带徒").click()
    expect(page.get_by_test_id("answer-list").locator("mark")).to_have_text(["师带徒"])
    shot(page, "survey-answers-keyword")

    page.go_back()
    with page.expect_download() as info:
        page.get_by_test_id("export-xlsx").click()
    path = tmp_path / "answers.xlsx"
    info.value.save_as(path)
    rows = list(openpyxl.load_workbook(path).active.values)
    assert len(rows) == 3
    by_way = {row[2]: row for row in rows[1:]}
    assert by_way["实名"][3] == "李党员" and by_way["实名"][6] == "人才培养"
    assert by_way["匿名"][6] == "服务群众" and by_way["匿名"][7] == "攻关小组、志愿服务"
    assert by_way["匿名"][11] == FREE_TEXT
    assert by_way["实名"][9] == "1.业务融合 2.政治引领 3.文化传承"


def test_a_secretary_builds_a_survey_and_publishes_it(live_server, live_world, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/surveys/")
    page.click("text=新建问卷")
    page.fill("#id_title", "品牌名称征集")
    page.select_option("#id_brand", str(live_world.brand.pk))
    page.select_option("#id_mode", "both")
    page.fill("#id_staff_count", "8")
    page.click("button:has-text('创建并添加题目')")
    expect(page.locator(".alert-success")).to_contain_text("问卷已创建")

    form = page.locator("#add-question")
    form.locator("select[name=kind]").select_option("rating")
    expect(form.locator("textarea[name=options_text]")).to_be_hidden()  # ratings have no options
    form.locator("input[name=title]").fill("您对支部工作的满意度")
    form.locator("select[name=scale_max]").select_option("10")
    form.locator("button:has-text('添加题目')").click()
    form = page.locator("#add-question")
    form.locator("select[name=kind]").select_option("multiple")
    form.locator("input[name=title]").fill("支部有哪些好做法？")
    form.locator("textarea[name=options_text]").fill("师带徒\n党员责任区\n攻关小组")
    form.locator("input[name=max_choices]").fill("2")
    form.locator("button:has-text('添加题目')").click()
    expect(page.locator("#questions li")).to_have_count(2)
    page.get_by_label("上移第 2 题").click()
    expect(page.locator("#questions li").first).to_contain_text("支部有哪些好做法？")
    shot(page, "survey-builder")

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('发布')")
    expect(page.locator(".alert-success")).to_contain_text("问卷已发布")
    expect(page.get_by_test_id("structure-locked")).to_be_visible()
    expect(page.get_by_test_id("survey-qr")).to_be_visible()
    assert page.evaluate("document.querySelector('[data-testid=survey-qr]').naturalWidth") > 0
    shot(page, "survey-published")
