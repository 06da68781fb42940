"""The 年度工作总结: its five parts, the platform's numbers in 取得成效, open rectification items
and lost points in 存在问题, the phases still to come in 下一步打算."""

from datetime import date

from tests.workbench.documents.data import full_brand
from tests.workbench.documents.helpers import (
    assert_reads_clean,
    build,
    section_keys,
    section_text,
)

TODAY = date(2026, 9, 3)


def test_summary_states_the_numbers_the_platform_holds(world):
    brand = full_brand(world)
    spec = build("work-summary", brand, today=TODAY)
    assert section_keys(spec) == ["overview", "practice", "results", "problems", "next"]
    assert spec.title == "“红色引擎”党建品牌创建2026年度工作总结"
    assert_reads_clean(spec)
    assert "支部A现有党员1名，党组织书记王书记" in section_text(spec, "overview")
    practice = section_text(spec, "practice")
    assert "已验收2项：开展党员群众问卷调查、召开座谈会和走访调研" in practice
    assert "强化推介管理" not in practice  # begins after the summary's day
    results = section_text(spec, "results")
    assert "三定任务17项，已验收销号2项，完成率11.8%" in results
    assert "设备完好率由85%提升到96.5%，提高11.5个百分点，已达到目标值95%" in results
    assert "评定得分79分（满分100分），评定为二星级" in results
    problems = section_text(spec, "problems")
    assert "党员示范岗标识不统一。整改时限为" in problems
    assert "“组织建设”得28分（满分40分），失12分" in problems
    assert "推进强化推介管理" in section_text(spec, "next")


def test_summary_without_data_asks_for_it(world):
    spec = build("work-summary", world.brand, today=TODAY)
    assert_reads_clean(spec)
    assert "（待补充：请概述本年度品牌创建的主要做法" in section_text(spec, "practice")
    assert "（待补充：平台尚无任务、指标、问卷和考评数据" in section_text(spec, "results")
    assert "（待补充：平台暂无未销号的整改事项" in section_text(spec, "problems")
