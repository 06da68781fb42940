"""The 申报书: facts from the organisation tree, the theme and logo, KPIs baseline → target →
actual, the level above's 推荐意见 left for it, and the commitment with the copy check."""

from datetime import date

from partybrand.brands.services import brand_create
from partybrand.documents.spec import Image
from partybrand.themes.services import workshops as theme_services
from tests.workbench.documents.data import full_brand
from tests.workbench.documents.helpers import (
    assert_reads_clean,
    build,
    section_keys,
    section_text,
    tables,
)

TODAY = date(2026, 9, 3)


def test_application_reads_the_tree_the_theme_and_the_results(world):
    brand = full_brand(world)
    spec = build("application", brand, today=TODAY)
    assert section_keys(spec) == [
        "facts",
        "theme",
        "logo",
        "method",
        "carriers",
        "results",
        "honours",
        "innovation",
        "recommendation",
        "commitment",
    ]
    assert_reads_clean(spec)
    facts = dict(tables(spec)[0].rows)
    assert facts["党组织名称"] == "支部A" and facts["上级党组织"] == "甲公司机关党总支"
    assert facts["党组织书记"] == "王书记" and facts["党员人数"] == "1名"
    assert "“党建红引领发展蓝”" in section_text(spec, "theme")
    # the 融合味 the branch wrote is an 创新点, said once
    assert "把支部建在项目上" not in section_text(spec, "theme")
    assert "融入中心工作。把支部建在项目上" in section_text(spec, "innovation")
    logo = next(s for s in spec.sections if s.key == "logo")
    image = next(b for b in logo.blocks if isinstance(b, Image))
    assert image.data.startswith(b"\x89PNG")
    assert "外环寓意团结" in section_text(spec, "logo")
    results = section_text(spec, "results")
    assert "成效指标2项，已达到目标值1项，达标率50%" in results
    kpis = tables(spec)[1].rows
    assert kpis[0][1:] == ["设备完好率（%）", "85", "95", "96.5", "达到"]
    assert kpis[1][1] == "安全隐患整改天数（天）" and kpis[1][4:] == ["无记录", "—"]
    assert "2025年获测试集团党委授予“先进基层党组织”（集团级）" in section_text(spec, "honours")
    recommendation = section_text(spec, "recommendation")
    assert "由甲公司机关党总支填写" in recommendation and "年　　月　　日" in recommendation
    commitment = section_text(spec, "commitment")
    assert "真实、准确" in commitment and "原创" in commitment
    assert "（待补充：品牌名称尚未经平台查重" in commitment  # no theme workshop ran


def test_the_copy_check_stored_for_the_theme_is_stated(world):
    world.brand.name = "银线巡检"
    world.brand.save(update_fields=["name"])
    brand_create(actor=world.outsider, org=world.branch_b, name="银线巡检队", slogan="")
    workshop = theme_services.workshop_start(actor=world.secretary, brand=world.brand)
    theme_services.candidate_add(
        actor=world.secretary, workshop=workshop, name="银线巡检", slogan="一线守护光明"
    )
    spec = build("application", world.brand, today=TODAY)
    assert_reads_clean(spec)
    commitment = section_text(spec, "commitment")
    # the near brand belongs to another organisation and is not public: named only as such
    assert "经平台查重，与其他组织一个尚未公开的品牌相似度为" in commitment
    assert "达到相近判定线45%，独特性检测未通过" in commitment


def test_an_empty_application_asks_for_each_missing_part(world):
    spec = build("application", world.brand, today=TODAY)
    assert_reads_clean(spec)
    assert "（待补充：品牌标识尚未上传）" in section_text(spec, "logo")
    assert "（待补充：品牌工作法尚未提炼" in section_text(spec, "method")
    assert "（待补充：请写明品牌依托的载体" in section_text(spec, "carriers")
    assert "（待补充：成效指标尚未设置" in section_text(spec, "results")
    assert "暂未获得荣誉" in section_text(spec, "honours")
    assert "（待补充：请概括品牌在理念、方法、载体或机制上的创新之处" in section_text(
        spec, "innovation"
    )


def test_a_name_near_another_only_in_a_common_phrase_is_not_called_a_copy(world):
    brand_create(actor=world.outsider, org=world.branch_b, name="红色引擎队", slogan="")
    workshop = theme_services.workshop_start(actor=world.secretary, brand=world.brand)
    theme_services.candidate_add(
        actor=world.secretary, workshop=workshop, name="红色引擎", slogan="党建引领"
    )
    commitment = section_text(build("application", world.brand, today=TODAY), "commitment")
    assert "相同之处仅为常见提法，不计为雷同，独特性检测通过" in commitment
    assert "低于相近判定线" not in commitment  # 80% is not "below" 45%
