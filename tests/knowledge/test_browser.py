"""党建AI问答 in a browser: the 党建工作部 publishes a document, a member asks from a phone, reads
the cited answer and opens the passage it came from; the 党建工作部 rates the answer."""

import pytest
from playwright.sync_api import expect

from partybrand.knowledge.models import Question
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser

RULES = (
    "支部工作规则\n"
    "第六条 党支部每月相对固定一天开展主题党日活动，活动情况记入支部工作台账。\n"
    "第十二条 党员应当按月交纳党费，确有困难的经批准可以少交或者免交。\n"
)


def test_a_member_asks_from_a_phone_and_reads_the_source(
    live_server, live_world, browser, tmp_path
):
    rules = tmp_path / "支部工作规则.txt"
    rules.write_text(RULES, encoding="utf-8")

    desk = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(desk, live_server, "staff")
    desk.goto(f"{live_server.url}/knowledge/documents/")
    desk.fill("#id_title", "支部工作规则")
    desk.set_input_files("#id_file", str(rules))
    desk.click("button:has-text('上传')")
    desk.goto(f"{live_server.url}/knowledge/documents/")
    expect(desk.locator("[data-testid=document]", has_text="已入库")).to_have_count(1)
    shot(desk, "knowledge-01-documents")

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    sign_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/knowledge/")
    phone.fill("#id_text", "党费怎么交？困难党员能少交吗？")
    phone.click("button:has-text('提问')")
    answer = phone.locator("[data-testid=answer]")
    expect(answer).to_contain_text("按月交纳党费")
    expect(phone.locator("[data-testid=citations]")).to_contain_text("支部工作规则 · 第十二条")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    shot(phone, "knowledge-02-answer-on-phone")
    phone.locator("[data-testid=citations] a").first.click()
    expect(phone.locator(":target")).to_contain_text("第十二条")
    shot(phone, "knowledge-03-source-passage")

    desk.goto(f"{live_server.url}/knowledge/review/")
    desk.locator("[data-testid=question] a", has_text="党费怎么交").click()
    desk.select_option("#id_rating", "useful")
    desk.click("button:has-text('保存评价')")
    expect(desk.get_by_text("已保存评价。")).to_be_visible()
    assert Question.objects.get().rating == "useful"
