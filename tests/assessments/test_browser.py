"""In a browser: a branch's self-assessment with evidence, a two-expert review organised by the
二级党委, finalising with the divergence shown first, and results that agree with the scores."""

import re

import pytest
from playwright.sync_api import expect

from partybrand.assessments.models import Assessment
from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign
from tests.browser import shot, sign_in
from tests.factories import make_user
from tests.helpers import pdf_bytes
from tests.permissions.cases.assessments import leaf, small_system

pytestmark = pytest.mark.browser

EVIDENCE_PDF = pdf_bytes()
# Entered values (deductions for 扣分 items 1.2 and 2.2).
SELF = {"1.1": "18", "1.2": "1", "2.1": "28", "2.2": "2"}
EXPERT_1 = {"1.1": "16", "1.2": "2", "2.1": "27", "2.2": "3"}
EXPERT_2 = {"1.1": "12", "1.2": "2", "2.1": "27", "2.2": "3"}
# Mean of two: 1.1 = 14 (gap 4 > 2: divergent), 1.2 = 18, 2.1 = 27, 2.2 = 27; total 86, 3 stars.


def switch(page, live_server, username):
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def fill(page, system, values):
    for code, value in values.items():
        page.fill(f"#value_{leaf(system, code).pk}", value)


def test_self_assessment_and_two_expert_review_end_to_end(live_server, live_world, page, tmp_path):
    w = live_world
    system = small_system()
    second = make_user("expert2", "冯专家")
    role_assign(actor=None, user=second, org=w.group, role=Role.EXPERT)
    evidence = tmp_path / "支部成立批复.pdf"
    evidence.write_bytes(EVIDENCE_PDF)
    page.on("dialog", lambda dialog: dialog.accept())

    # The secretary starts the self-assessment, scores every item and uploads the evidence.
    sign_in(page, live_server, "secretary")
    page.click("text=重点建设")
    page.click("text=我的测评")
    page.select_option("#id_system", label=str(system))
    page.fill("#id_period", "2025年度")
    page.click("#start-form button")
    expect(page.locator(".alert-success")).to_contain_text("已开始2025年度自评")
    fill(page, system, SELF)
    page.fill(f"#text_{leaf(system, '2.1').pk}", "全年支委会12次、党员大会4次")
    page.set_viewport_size({"width": 360, "height": 800})  # secretaries fill it on a phone too
    shot(page, "assessments-0-self-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.click("#save-self")
    expect(page.locator(".alert-success")).to_contain_text("已保存自评（4 项有变化）")
    expect(page.locator("[data-testid=self-total]")).to_have_text("93.00")
    page.click("#submit-assessment")
    expect(page.locator(".alert-danger")).to_contain_text(
        "以下指标须上传佐证材料后才能提交：1.1 支部设置"
    )
    page.set_input_files(f"#evidence_{leaf(system, '1.1').pk}", str(evidence))
    page.click("#save-self")
    expect(page.locator(".alert-success")).to_contain_text("上传佐证材料 1 份")
    page.click("#submit-assessment")
    expect(page.locator(".alert-success")).to_contain_text("自评已提交")
    shot(page, "assessments-1-self-submitted")
    a = Assessment.objects.get(org=w.branch_a)

    # The 二级党委 assigns two experts.
    switch(page, live_server, "midadmin")
    page.goto(f"{live_server.url}/assessments/reviews/")
    page.click("#waiting >> text=支部A")
    for reviewer in ("郑专家", "冯专家"):
        page.select_option("#id_reviewer", label=reviewer)
        page.click("#assign-form button")
        expect(page.locator(".alert-success")).to_contain_text(f"已指派 {reviewer} 评审")

    # Each expert scores from their own list.
    for username, values in (("expert", EXPERT_1), ("expert2", EXPERT_2)):
        switch(page, live_server, username)
        page.click("text=重点建设")
        page.click("text=待我评审")
        page.click("#my-assignments >> text=支部A")
        expect(page.locator("[data-testid='review-1.1']")).to_contain_text("支部成立批复")
        fill(page, system, values)
        page.click("#save-review")
        expect(page.locator(".alert-success")).to_contain_text("已保存评分")
        page.click("#complete-review")
        expect(page.locator(".alert-success")).to_contain_text("评审已提交")

    # The 二级党委 sees the divergence before finalising.
    switch(page, live_server, "midadmin")
    page.goto(f"{live_server.url}/assessments/{a.pk}/")
    expect(page.locator("[data-testid=divergent]")).to_have_count(1)
    expect(page.locator("[data-testid=divergent]")).to_contain_text("分歧 4 分")
    expect(page.locator("[data-testid=preview-total]")).to_have_text("86.00")
    shot(page, "assessments-2-finalise-preview")
    page.click("#finalise-form button")
    expect(page.locator(".alert-danger")).to_contain_text("专家评分分歧较大")
    page.check("#ack")
    page.click("#finalise-form button")
    expect(page.locator("[data-testid=final-score]")).to_have_text("86.00")
    expect(page.locator("[data-testid=final-stars]")).to_have_text("★★★")

    # Results: the radar table, the gap list and the heat map agree with the scores entered.
    page.click("text=测评结果 >> nth=-1")
    expect(page.locator("[data-testid=org-score]")).to_have_text("86.00")
    rows = page.locator("#radar-table tbody tr")
    expect(rows.nth(0)).to_contain_text("32.0/40.0")
    expect(rows.nth(0)).to_contain_text("80.0%")
    expect(rows.nth(1)).to_contain_text("90.0%")
    gaps = page.locator("#gap-list li")
    expect(gaps).to_have_count(4)
    assert [gaps.nth(i).get_attribute("data-code") for i in range(4)] == [
        "1.1",
        "2.1",
        "2.2",
        "1.2",
    ]
    expect(gaps.nth(0)).to_contain_text("失 6 分（14/20）")
    expect(page.locator("[data-chart=assessment-radar] canvas")).to_have_count(1)
    expect(page.locator("[data-chart=assessment-trend] canvas")).to_have_count(1)
    shot(page, "assessments-3-org-results")

    page.goto(f"{live_server.url}/assessments/results/committee/{w.committee_a.pk}/")
    row = page.locator("#heat-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("甲公司机关党总支")
    expect(row).to_contain_text(re.compile(r"80\.00%.*90\.00%"))
    expect(page.locator("#star-table [data-stars='3']")).to_have_text("1")
    expect(page.locator("[data-chart=assessment-heat] canvas")).to_have_count(1)
    # Every star label shows; the heat map's colours span the scores shown, its scale on top.
    options = page.evaluate(
        """() => {
          const get = (k) => echarts.getInstanceByDom(
            document.querySelector(`[data-chart=assessment-${k}]`)).getOption();
          const stars = get("stars"), heat = get("heat");
          return {interval: stars.xAxis[0].axisLabel.interval, labels: stars.xAxis[0].data,
                  min: heat.visualMap[0].min, max: heat.visualMap[0].max,
                  top: heat.visualMap[0].top};
        }"""
    )
    assert options["interval"] == 0 and options["labels"][-1] == "一票否决/未定星级"
    assert (options["min"], options["max"], options["top"]) == (80, 90, 0)
    shot(page, "assessments-4-committee-results")
