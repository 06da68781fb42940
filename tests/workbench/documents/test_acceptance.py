"""The 验收报告: scores by 一级 indicator, the experts' written opinions, 通过 or 限期整改 from the
score against the pass line, and the rectification list; signed by the accepting committee."""

from datetime import date

from partybrand.assessments.services.finalise import policy_set
from partybrand.brands.services import brand_create
from tests.workbench.documents.data import COMMENT, full_brand
from tests.workbench.documents.helpers import (
    assert_reads_clean,
    build,
    section_keys,
    section_text,
    tables,
)

TODAY = date(2026, 9, 3)


def test_a_score_above_the_line_passes_and_lists_what_is_open(world):
    brand = full_brand(world)
    spec = build("acceptance-report", brand, today=TODAY)
    assert section_keys(spec) == ["scores", "opinions", "conclusion", "rectification"]
    assert_reads_clean(spec)
    assert spec.signature == "甲公司党委党建品牌验收组"
    scores = tables(spec)[0]
    assert scores.rows == [
        ["1", "组织建设", "40", "28", "12", "70%"],
        ["2", "制度运行", "60", "51", "9", "85%"],
    ]
    assert COMMENT in section_text(spec, "opinions")
    conclusion = section_text(spec, "conclusion")
    assert "验收分数线为60分" in conclusion and "结论：通过。" in conclusion
    assert tables(spec)[1].rows[0][1] == "党员示范岗标识不统一"


def test_a_score_under_the_committee_line_is_sent_back_for_rectification(world):
    brand = full_brand(world)
    policy_set(actor=world.staff, org=world.group, system_code="t-std", min_score="85")
    conclusion = section_text(build("acceptance-report", brand, today=TODAY), "conclusion")
    assert "验收分数线为85分（测试集团党委确定的达标分数线）" in conclusion
    assert "低于验收分数线6分" in conclusion and "结论：限期整改。" in conclusion


def test_without_a_finalised_assessment_the_report_says_so(world):
    spec = build("acceptance-report", world.brand, today=TODAY)
    assert_reads_clean(spec)
    assert "（待补充：平台尚无已评定的测评结果" in section_text(spec, "scores")
    assert "（待补充：验收结论待测评评定后形成）" in section_text(spec, "conclusion")
    assert "未登记复盘整改事项" in section_text(spec, "rectification")


def test_the_group_committee_accepts_its_own_brand(world):
    brand = brand_create(actor=world.committee_admin, org=world.group, name="集团之光")
    spec = build("acceptance-report", brand, today=TODAY)
    assert_reads_clean(spec)
    assert spec.signature == "测试集团党委党建品牌验收组"
