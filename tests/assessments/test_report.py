"""The assessment report reads as a report the committee sends down: the result in words, where
points were lost and why, the branch's own notes, each reviewer's opinion, the 一票否决 items
stated plainly, what must be put right, the committee's name and Beijing's date."""

import re
from datetime import UTC, datetime

import pytest

from partybrand.assessments.report import build_for_brand, report_spec
from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from partybrand.documents.registry import BuildContext, kind_for
from partybrand.documents.spec import Heading, Para, Table
from partybrand.indicators.models import IndicatorSystem
from tests.permissions.cases.assessments import FULL, evidence_pdf, leaf, rows_for, started

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 9, 3).date()
LOW = {"1.1": 14, "1.2": 2, "2.1": 30, "2.2": 0}  # 14 + 18 + 30 + 30 = 92


def _texts(section) -> list[str]:
    out = []
    for block in section.blocks:
        if isinstance(block, Para):
            out.append(block.bold_lead + block.text)
        elif isinstance(block, Heading):
            out.append(block.text)
        elif isinstance(block, Table):
            out += ["|".join(row) for row in block.rows]
    return out


def _section(spec, key):
    return next(s for s in spec.sections if s.key == key)


def _assessed(world, *, values=LOW, veto=False):
    a = started(world)
    rows = rows_for(a.system, FULL)
    rows[leaf(a.system, "1.1").pk]["text"] = "支部按期换届，批复文件已上传"
    services_self.self_scores_save(actor=world.secretary, assessment=a, rows=rows)
    services_self.evidence_add(
        actor=world.secretary,
        item=a.items.get(indicator__code="1.1"),
        uploads=[evidence_pdf()],
    )
    a = services_self.assessment_submit(actor=world.secretary, assessment=a)
    assignment = services_review.reviewer_assign(
        actor=world.mid_admin, assessment=a, reviewer=world.expert
    )
    rows = rows_for(a.system, values)
    rows[leaf(a.system, "1.1").pk]["text"] = "支委分工未见书面文件"
    if veto:
        rows[leaf(a.system, "3.1").pk] = {"value": "", "veto": True, "veto_reason": "发生重大事故"}
    services_review.review_scores_save(actor=world.expert, assignment=assignment, rows=rows)
    services_review.review_complete(actor=world.expert, assignment=assignment)
    return services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)


def _all_text(spec) -> str:
    return "\n".join(
        [spec.title, spec.subtitle, spec.signature]
        + [s.title for s in spec.sections]
        + [t for s in spec.sections for t in _texts(s)]
    )


def test_the_report_says_the_result_and_where_points_were_lost_and_why(world):
    a = _assessed(world)
    spec = report_spec(a, today=DAY)
    basic = "\n".join(_texts(_section(spec, "basic")))
    assert "满分100分。经1名评审人评审，自评总分100分，评定得分92分，评定为四星级。" in basic
    assert "组织建设|40|32|8|80%" in basic
    lost = _texts(_section(spec, "lost"))
    assert lost[0] == "本次测评共失8分，其中组织建设失8分。"
    assert lost[1] == "组织建设（失8分）"
    assert "1.1支部设置。分值20分，得14分，失6分。郑专家：支委分工未见书面文件。" in lost
    assert any(t.startswith("1.2支委会建设。分值20分，得18分，失2分。") for t in lost)
    assert not any("制度运行" in t for t in lost)  # nothing lost there


def test_the_branch_notes_and_each_reviewer_are_in_the_report(world):
    spec = report_spec(_assessed(world), today=DAY)
    assert "1.1支部设置。支部按期换届，批复文件已上传。" in _texts(_section(spec, "self"))
    reviews = _texts(_section(spec, "reviews"))
    assert reviews[0] == "评审人郑专家的意见"
    assert "1.1支部设置。支委分工未见书面文件。" in reviews


def test_a_veto_is_stated_in_words_not_as_zeros(world):
    spec = report_spec(_assessed(world, values=FULL, veto=True), today=DAY)
    vetoes = _texts(_section(spec, "veto"))
    assert vetoes == ["重大安全事故：触发，原因：发生重大事故。本次测评结果为不达标。"]
    assert "因触发一票否决事项，评定结果为不达标。" in _texts(_section(spec, "basic"))[0]
    assert "立即整改" in _texts(_section(spec, "rectify"))[0]
    assert not re.search(r"\b0 0 0\b|0\s+0", _all_text(spec))


def test_requirements_follow_the_lost_points_largest_first(world):
    rectify = _texts(_section(report_spec(_assessed(world), today=None), "rectify"))
    assert rectify[0].startswith("支部设置（失6分）：")
    assert rectify[1].startswith("支委会建设（失2分）：")
    assert rectify[-1].startswith("整改完成后")


def test_it_is_signed_by_the_assessing_committee_and_dated_in_beijing(world):
    a = _assessed(world)
    # 2026-09-02 17:30 UTC is 9月3日 01:30 in Beijing
    type(a).objects.filter(pk=a.pk).update(finalised_at=datetime(2026, 9, 2, 17, 30, tzinfo=UTC))
    a.refresh_from_db()
    spec = report_spec(a, today=None)
    assert spec.signature == "甲公司党委"  # the 党委 above, not 支部A that was assessed
    assert spec.signed_on == DAY
    assert spec.layout == "paper"


def test_it_is_titled_after_the_system_used(world):
    a = _assessed(world)
    IndicatorSystem.objects.filter(pk=a.system_id).update(name="党建品牌创建评价标准", kind="brand")
    a.refresh_from_db()
    spec = report_spec(a, today=None)
    assert spec.title == "支部A2025年度党建品牌创建评价报告"
    assert "标准化规范化建设" not in _all_text(spec)


def test_no_space_sits_between_chinese_and_digits(world):
    text = _all_text(report_spec(_assessed(world, veto=True), today=None))
    assert not re.search(r"[\u4e00-\u9fff][ \u3000]+\d|\d[ \u3000]+[\u4e00-\u9fff]", text)


def test_the_brand_kind_builds_the_latest_assessment_of_the_brand_org(world):
    _assessed(world)
    kind = kind_for("assessment-report")
    assert (kind.subject, kind.layout) == ("brand", "paper")
    spec = kind.build(world.brand, BuildContext(actor=world.staff, today=DAY))
    assert spec.title == "支部A2025年度测试支部标准化评价测评报告"


def test_a_brand_without_assessment_gets_a_plain_statement(world):
    spec = build_for_brand(world.brand, BuildContext(actor=world.staff, today=DAY))
    assert _texts(spec.sections[0]) == ["本组织尚无测评记录。"]
