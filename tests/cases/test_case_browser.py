"""On a phone: the secretary drafts a case from the platform's data with the live count in view,
the company committee returns it with comments, the secretary revises and submits it again, it
is forwarded, the group publishes it, reports it upward and records its adoption at 省部 level."""

import pytest
from playwright.sync_api import expect

from partybrand.cases.models import TypicalCase
from tests.browser import shot, sign_in
from tests.promotion.helpers import jpeg

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _phone(browser, live_server, username):
    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(page, live_server, username)
    return page


def _open_case(page, live_server, query=""):
    page.goto(f"{live_server.url}/cases/{query}")
    page.click("text=检修一班“三亮”工作法")


def test_a_case_is_drafted_returned_revised_published_reported_and_adopted(
    live_server, live_world, browser, tmp_path
):
    photos = []
    for n in (1, 2):
        path = tmp_path / f"检修现场{n}.jpg"
        path.write_bytes(jpeg(size=(640, 480)).read())
        photos.append(str(path))

    page = _phone(browser, live_server, "secretary")
    page.goto(f"{live_server.url}/cases/")
    page.click("text=新建案例")
    page.fill("#id_title", "检修一班“三亮”工作法")
    page.check("label:has-text('李党员') >> xpath=preceding-sibling::input")
    page.click("button:has-text('新建并撰写')")
    expect(page.locator(".alert-success")).to_contain_text("已新建典型案例")

    page.click("button:has-text('从平台数据起草')")
    expect(page.locator(".alert-success")).to_contain_text("已从平台数据起草")
    expect(page.locator("#id_section_background")).to_have_value(
        "支部A创建“红色引擎”党建品牌。\n品牌口号为“党建引领”。"
    )
    count = page.locator("[data-count]")
    before = int(count.inner_text())
    page.fill("#id_section_summary", "支部以“三亮”为抓手，带动检修质量提升。")
    page.fill("#id_section_practice", "党员亮身份、亮承诺、亮标识。")
    page.fill("#id_section_results", "排查隐患十二项。")
    expect(count).not_to_have_text(str(before))
    assert int(count.inner_text()) == sum(
        len(page.input_value(f"#id_section_{k}").replace("\n", "").replace(" ", ""))
        for k in ("summary", "background", "practice", "results")
    )
    shot(page, "cases-edit-390")
    page.click("button:has-text('保存')")
    expect(page.locator(".alert-success")).to_contain_text("已保存")
    page.set_input_files("#id_photos", photos)
    page.click("button:has-text('上传照片')")
    expect(page.locator(".alert-success")).to_contain_text("已上传2张照片")
    page.click("text=查看与提交")
    page.click("button:has-text('提交上级审核')")
    expect(page.locator("[data-testid=case-state]")).to_have_text("待上级审核")

    reviewer = _phone(browser, live_server, "midadmin")
    reviewer.goto(f"{live_server.url}/")
    reviewer.click("text=待我审核的典型案例")
    reviewer.click("text=检修一班“三亮”工作法")
    reviewer.fill("#step-comment", "做法部分请写具体，补充“微课堂”的做法。")
    reviewer.click("button:has-text('退回修改')")
    expect(reviewer.locator("[data-testid=case-state]")).to_have_text("已退回修改")

    page.goto(f"{live_server.url}/")
    page.click("text=退回待修改的典型案例")
    page.click("text=检修一班“三亮”工作法")
    expect(page.locator("[data-testid=return-comment]")).to_contain_text("做法部分请写具体")
    page.click("text=撰写修改")
    page.fill("#id_section_practice", "党员亮身份、亮承诺、亮标识，开设“微课堂”带徒传技。")
    page.click("button:has-text('保存')")
    page.click("text=查看与提交")
    page.click("button:has-text('提交上级审核')")
    expect(page.locator("[data-testid=case-state]")).to_have_text("待上级审核")

    _open_case(reviewer, live_server, "?todo=review")
    reviewer.click("button:has-text('审核通过，报送党委')")
    expect(reviewer.locator("[data-testid=case-state]")).to_have_text("待党委审定")

    staff = _phone(browser, live_server, "staff")
    _open_case(staff, live_server, "?todo=publish")
    staff.click("button:has-text('审定发布')")
    expect(staff.locator("[data-testid=case-state]")).to_have_text("已发布")
    staff.fill("#id_reported_to", "国资委党委")
    staff.click("button:has-text('记录向上报送')")
    expect(staff.locator("[data-testid=report]")).to_contain_text("国资委党委")
    staff.select_option("select[name=adopted]", "1")
    staff.select_option("select[name=level]", "province")
    staff.click("button:has-text('记录采用情况')")
    expect(staff.locator("[data-testid=adopted]")).to_contain_text("省部级")
    expect(staff.locator("[data-testid=case-state]")).to_have_text("已采用")
    shot(staff, "cases-adopted-390")

    case = TypicalCase.objects.get(title="检修一班“三亮”工作法")
    assert case.state == "adopted"
    assert list(case.steps.values_list("action", flat=True)) == [
        "submit",
        "return",
        "submit",
        "forward",
        "publish",
        "report",
        "adopt",
    ]
