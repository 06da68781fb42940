"""The committee's 部署通知: a 公文 to the organisations below, its 实施方案 attached with the
criteria of the brand indicator system, the timetable and the quotas from the branches."""

from datetime import date

from partybrand.documents.checker import check_spec
from partybrand.documents.registry import BuildContext, kind_for
from partybrand.documents.spec import Table
from partybrand.indicators.loader import load_templates


def build(world, org, today=date(2026, 12, 6)):
    kind = kind_for("deployment-notice")
    return kind.build(org, BuildContext(actor=world.staff, today=today))


def tables(spec) -> dict[str, Table]:
    found = {}
    for section in spec.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                found[section.key] = block
    return found


def test_the_notice_is_a_gongwen_to_the_organisations_below_with_its_plan_attached(world):
    spec = build(world, world.group)
    assert spec.layout == "gongwen" and spec.masthead.issuer_mark == "测试集团党委文件"
    assert spec.recipients == "各二级党委："
    assert spec.signature == "测试集团党委" and spec.signed_on == date(2026, 12, 6)
    assert spec.imprint.printer == "测试集团党委党建工作部"
    assert spec.attachments == ["党建品牌创建实施方案"]
    (plan,) = spec.appendices
    assert plan.layout == "paper" and plan.title == "党建品牌创建实施方案"
    assert check_spec(spec) == []


def test_the_plan_takes_its_criteria_from_the_brand_indicator_system(world):
    load_templates()
    plan = build(world, world.group).appendices[0]
    criteria = tables(plan)["plan_criteria"]
    assert criteria.caption == "党建品牌创建评价标准（一级指标）"
    assert [row[1] for row in criteria.rows][:2] == ["品牌定位", "品牌主题与形象"]
    assert all("." not in row[2] or not row[2].endswith("0") for row in criteria.rows)


def test_the_timetable_runs_a_year_from_today_without_padded_months(world):
    plan = build(world, world.group, today=date(2026, 9, 3)).appendices[0]
    rows = tables(plan)["plan_schedule"].rows
    assert rows[0][:2] == ["动员部署", "2026年9月"]
    assert rows[-1][:2] == ["总结推广", "2027年8月"]


def test_quotas_are_one_per_five_branches_of_each_organisation_below(world):
    plan = build(world, world.group).appendices[0]
    quotas = tables(plan)["plan_quota"].rows
    assert quotas == [["1", "甲公司党委", "1", "1"], ["2", "乙公司党委", "1", "1"]]
    branch_plan = build(world, world.branch_a).appendices[0]
    assert "plan_quota" not in tables(branch_plan)  # a branch has nobody below to recommend
