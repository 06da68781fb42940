"""The workshop's automatic checks: each one's verdict and the Chinese explanation a branch
secretary reads."""

import pytest

from partybrand.orgs.services import org_update
from partybrand.themes.checks import (
    FLAG_SCORE,
    check_forbidden,
    check_length,
    check_rhythm,
    check_theme,
)


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


def test_a_three_character_name_fails_length_with_the_count():
    result = check_length("红引擎")
    assert (result.name, result.passed) == ("长度", False)
    assert "只有 3 个字" in result.explanation and "4–8 个字" in result.explanation
    long = check_length("党建引领安全生产先锋示范岗")
    assert not long.passed and "有 13 个字" in long.explanation
    ok = check_length("银线先锋", "守护万家灯火 点亮幸福生活")
    assert ok.passed and "名称 4 个字" in ok.explanation and "口号 12 个字" in ok.explanation
    short_slogan = check_length("银线先锋", "为民")
    assert not short_slogan.passed and "口号 2 个字" in short_slogan.explanation


def test_a_one_plus_n_name_is_read_as_a_work_method():
    result = check_length("“1+3”安全工作法")
    assert result.passed and "“1+N”式名称" in result.explanation and "工作法" in result.explanation


def test_rhythm_explains_the_tone_pattern():
    good = check_rhythm("银线先锋", "守护万家灯火 点亮幸福生活")
    assert good.passed and good.name == "节奏与声调"
    assert "平仄为“平仄平平”" in good.explanation
    assert "二、四字平仄相间" in good.explanation and "末字为平声" in good.explanation
    assert "上下句各 6 个字" in good.explanation and "上句仄声收、下句平声收" in good.explanation

    uneven = check_rhythm("红色引擎", "党建引领 发展先行向未来")
    assert uneven.score < good.score and "各句字数为 4、7，不相等" in uneven.explanation

    parts = check_rhythm("忠诚党办·服务先锋")
    assert "“忠诚党办”（平平仄仄）" in parts.explanation


@pytest.mark.parametrize("name", ["党建引领", "忠诚担当", "追风先锋", "党员先锋", "奋楫争先"])
def test_a_common_name_with_a_repeated_tone_passes_with_advice(name):
    # 党建引领 reads 仄仄仄仄, 忠诚担当 平平平平: common, good names; the tone advice only
    # lowers the score, it does not fail the name.
    result = check_rhythm(name)
    assert result.passed and result.score < 1.0
    assert "二、四字同为" in result.explanation and "近义字" in result.explanation


def test_only_a_clearly_awkward_name_fails_the_rhythm_check():
    twister = check_rhythm("诗史实事")  # shi shi shi shi
    assert not twister.passed
    assert "“诗史实”连续几个字都读“shi”" in twister.explanation and "拗口" in twister.explanation
    assert check_rhythm("红旗飘飘").passed  # a repeated character is a figure of speech


def test_a_forbidden_term_is_named_with_its_category():
    result = check_forbidden("最强党建先锋队", "人民至上")
    assert (result.name, result.passed) == ("禁用词", False)
    assert "绝对化用语：名称中的“最强”（《广告法》第九条禁止" in result.explanation
    slang = check_forbidden("红旗飘飘", "党建工作绝绝子")
    assert not slang.passed and "口号中的“绝绝子”" in slang.explanation
    assert check_forbidden("银线先锋", "守护光明").explanation == "未发现禁用词。"


def test_the_full_report_for_an_organisation(world):
    org = org_update(actor=None, org=world.branch_a, business="输电线路运维检修", region="江苏南京")
    report = check_theme("金陵银线先锋", "守护万家灯火 点亮幸福生活", org=org)
    assert [c.name for c in report.checks] == [
        "长度",
        "节奏与声调",
        "政治味",
        "文化味",
        "融合味",
        "独特性",
        "千篇一律",
        "禁用词",
    ]
    checks = {c.code: c for c in report.checks}
    assert checks["political"].passed and "“先锋”" in checks["political"].explanation
    assert checks["cultural"].passed and "“金陵”" in checks["cultural"].explanation
    assert "地区“江苏南京”" in checks["cultural"].explanation
    assert checks["integration"].passed and "“银线”" in checks["integration"].explanation
    assert "主责主业“输电线路运维检修”" in checks["integration"].explanation
    assert checks["uniqueness"].passed and report.nearest == []
    assert report.passed


def test_missing_flavours_are_explained_with_advice(world):
    org = org_update(
        actor=None, org=world.branch_a, business="物资采购与仓储配送", region="浙江杭州"
    )
    report = check_theme("春风化雨", org=org)
    checks = {c.code: c for c in report.checks}
    assert not checks["integration"].passed
    assert "没有找到体现融合味的词语" in checks["integration"].explanation
    assert "主责主业" in checks["integration"].explanation
    assert not checks["political"].passed and "先锋" in checks["political"].explanation
    assert not report.passed


def test_the_meaning_text_counts_when_the_name_does_not_say_it(world):
    report = check_theme("春风化雨", meaning="坚持党建引领，发挥党员先锋模范作用。")
    political = report.check("political")
    assert political.passed and political.score == 0.5
    assert (
        "内涵释义中的" in political.explanation
        and "名称和口号中没有直接体现" in political.explanation
    )


def test_uniqueness_names_the_close_brand_and_why(world):
    report = check_theme("红色引擎", "党建引领")
    uniqueness = report.check("uniqueness")
    assert not uniqueness.passed
    assert "与已有品牌“红色引擎”（支部A）高度相似" in uniqueness.explanation
    assert "名称相同" in uniqueness.explanation
    near = report.nearest[0]
    assert near.key == f"brand:{world.brand.pk}" and near.flagged and near.score >= FLAG_SCORE
    # naming the brand itself: it is not its own rival
    own = check_theme("红色引擎", brand=world.brand)
    assert own.nearest == [] and own.check("uniqueness").passed


def test_report_json_keeps_the_documented_keys(world):
    data = check_theme("红色引擎", "党建引领 发展先行").as_json()
    assert set(data) == {"checks", "nearest"}
    assert {"code", "name", "passed", "score", "explanation", "findings"} == set(data["checks"][0])
    assert {"key", "name", "slogan", "owner", "score", "reasons", "flagged"} == set(
        data["nearest"][0]
    )
    assert data["nearest"][0]["reasons"][0] == "名称相同"


def test_digits_and_latin_letters_count_towards_the_length_as_they_are_read():
    from partybrand.themes.checks import check_length

    assert check_length("5G先锋").passed  # read as four: 五、G、先、锋
    assert "4 个字" in check_length("e路同行").explanation
    assert not check_length("5G").passed


def test_traditional_characters_count_for_the_flavours_as_their_simplified_forms(db):
    from partybrand.themes.checks import check_theme

    def political(name):
        return {c.code: c for c in check_theme(name).checks}["political"]

    simplified, traditional = political("党旗领航服务队"), political("黨旗領航服務隊")
    assert simplified.passed and traditional.passed
    assert traditional.explanation == simplified.explanation
