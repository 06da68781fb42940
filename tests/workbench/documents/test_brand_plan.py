"""The 品牌创建实施方案 as a whole: every part in the order a 方案 has, its goals and phases from
the platform, the task force as 组织领导, and the 三定 table attached, inside the 版心."""

import re
from datetime import date

from partybrand.plans.models import Task
from tests.workbench.documents.data import full_brand
from tests.workbench.documents.helpers import (
    assert_reads_clean,
    build,
    full_text,
    section_keys,
    section_text,
    tables,
)

TODAY = date(2026, 9, 3)
DAY = re.compile(r"\d{4}年[1-9]\d?月[1-9]\d?日")


def test_plan_has_every_part_in_order_and_the_task_table_attached(world):
    brand = full_brand(world)
    spec = build("brand-plan", brand, actor=world.secretary, today=TODAY)
    assert section_keys(spec) == [
        "guidance",
        "goals",
        "theme",
        "tasks",
        "schedule",
        "leadership",
        "safeguards",
        "requirements",
    ]
    assert spec.title == "“红色引擎”党建品牌创建实施方案"
    assert spec.subtitle == "（2026年—2027年）"  # the template plan's five phases
    assert spec.signature == "支部A" and spec.signed_on == TODAY
    assert_reads_clean(spec)
    text = full_text(spec)
    for formula in ("两个确立", "四个意识", "四个自信", "两个维护"):
        assert formula in section_text(spec, "guidance")
    assert "设备完好率由2026年1月5日的85%提升到95%" in section_text(spec, "goals")
    assert "安全隐患整改天数由2026年1月5日的12天降低到5天" in text
    assert "“红色”：坚守初心使命。" in section_text(spec, "theme")
    assert "“三个一”安全工作法" in section_text(spec, "tasks")
    leadership = section_text(spec, "leadership")
    assert "组长：王书记" in leadership and "成员：赵支委" in leadership
    schedule = section_text(spec, "schedule")
    assert "5个阶段" in schedule and "2026年3月2日至" in schedule
    assert spec.attachments == ["“红色引擎”党建品牌创建三定任务清单"]

    [appendix] = spec.appendices
    rows = [row for table in tables(appendix) for row in table.rows]
    assert len(rows) == Task.objects.filter(plan__brand=brand).count()
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert all(row[3] == "李党员" for row in rows)
    assert all(DAY.fullmatch(row[4]) for row in rows), [row[4] for row in rows]
    widths = {c.title: c.width_mm for c in tables(appendix)[0].columns}
    assert widths["序号"] >= 10 and widths["完成时限"] >= 24
    assert sum(widths.values()) == 156


def test_a_brand_without_a_plan_says_what_is_to_be_done(world):
    spec = build("brand-plan", world.brand, today=TODAY)
    assert_reads_clean(spec)
    assert "（待补充：创建计划尚未划分推进阶段" in section_text(spec, "schedule")
    assert "（待补充：专班成员尚未确定" in section_text(spec, "leadership")
    assert "（待补充：成效指标尚未设置" in section_text(spec, "goals")
    assert "（待补充：创建计划尚未录入三定任务" in full_text(spec.appendices[0])
    assert "（待补充：品牌释义尚未填写" in section_text(spec, "theme")
