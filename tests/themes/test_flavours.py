"""政治味, 文化味, 融合味 as a 党建工作部 reviewer reads them: every province-level region's
cultural names, the Party's political symbols, and 融合味 only from trade and business words."""

import pytest

from partybrand.orgs.services import org_update
from partybrand.themes.checks import check_theme
from partybrand.themes.flavours import NATIONAL, regions

PROVINCES = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "台湾",
]


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


def test_every_province_level_region_has_cultural_names():
    names = {s.name: s.words for s in regions()}
    assert len(PROVINCES) == 34
    assert all(names.get(p) for p in PROVINCES), [p for p in PROVINCES if not names.get(p)]
    assert {"长城", "黄河", "长江", "运河", "丝路"} <= set(names[NATIONAL])


@pytest.mark.parametrize(
    ("name", "word", "origin"),
    [
        ("齐鲁先锋", "齐鲁", "山东地域文化"),
        ("燕赵红旗", "燕赵", "河北地域文化"),
        ("三秦先锋", "三秦", "陕西地域文化"),
        ("荆楚先锋", "荆楚", "湖北地域文化"),
        ("巴蜀红心", "巴蜀", "四川地域文化"),
        ("岭南先锋", "岭南", "广东地域文化"),
        ("徽州匠心", "徽州", "安徽地域文化"),
        ("八闽红旗", "八闽", "福建地域文化"),
        ("湖湘先锋", "湖湘", "湖南地域文化"),
        ("黔电先锋", "黔", "贵州地域文化"),
        ("滇池卫士", "滇池", "云南地域文化"),
        ("陇原先锋", "陇原", "甘肃地域文化"),
        ("塞上先锋", "塞上", "宁夏地域文化"),
        ("天山红", "天山", "新疆地域文化"),
        ("雪域先锋", "雪域", "西藏地域文化"),
        ("白山黑水先锋", "白山黑水", "黑龙江地域文化"),
        ("长城卫士", "长城", "全国性文化符号"),
        ("运河先锋", "运河", "全国性文化符号"),
    ],
)
def test_regional_and_national_culture_is_recognised_and_placed(world, name, word, origin):
    cultural = check_theme(name).check("cultural")
    assert cultural.passed, cultural.explanation
    assert f"“{word}”" in cultural.explanation and origin in cultural.explanation


@pytest.mark.parametrize("name", ["红船领航", "延安精神传承岗", "井冈红旗", "西柏坡赶考", "铁人岗"])
def test_political_symbols_give_political_flavour(world, name):
    political = check_theme(name).check("political")
    assert political.passed, political.explanation


def test_integration_comes_from_trade_words_not_from_any_development(world):
    org = org_update(actor=None, org=world.branch_a, business="市场监督管理", region="新疆若羌")
    slogan_only = check_theme("春风化雨", "党建引领 发展先行", org=org).check("integration")
    assert not slogan_only.passed and "没有找到体现融合味的词语" in slogan_only.explanation
    hospital = org_update(
        actor=None, org=world.branch_a, business="综合医院心内科诊疗与急诊救治", region=""
    )
    heart = check_theme("心脉先锋", "党旗引领守心脉 分秒必争护生命", org=hospital)
    assert heart.check("integration").passed
    assert "“心脉”" in heart.check("integration").explanation


def test_a_coal_team_is_read_by_its_own_trade_words(world):
    coal = org_update(actor=None, org=world.branch_a, business="煤矿井下综采工作面采煤")
    integration = check_theme("乌金先锋", "井下保安全 乌金映初心", org=coal).check("integration")
    assert integration.passed and "“乌金”" in integration.explanation
    assert "电网" not in integration.explanation


def test_without_a_business_text_development_alone_still_does_not_count(world):
    assert not check_theme("奋进新时代", "聚力发展 实干为先").check("integration").passed
