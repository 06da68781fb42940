"""千篇一律: a cliché is a different fault from a copy. The user hears 千篇一律 and why, from the
maintained list or from how many brands already use the phrase, not "too close to one brand"."""

import pytest

from partybrand.benchmarks.models import Benchmark
from partybrand.themes.checks import check_theme
from tests.helpers import client_for


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


def _benchmarks(*names):
    orgs = ["甲县供电所党支部", "乙市水务集团党委", "丙区医院党总支", "丁港务公司党委"]
    for org, name in zip(orgs, names, strict=False):
        Benchmark.objects.create(name=name, org=org, name_norm=name, org_norm=org)


def test_a_cliche_is_reported_as_generic_not_as_a_copy_of_one_brand(world):
    _benchmarks("党建引领心连心")  # a county brand that happens to be near
    report = check_theme("党建引领")
    generic, uniqueness = report.check("generic"), report.check("uniqueness")
    assert generic.name == "千篇一律" and not generic.passed
    assert "千篇一律：名称全部由常见说法构成" in generic.explanation
    assert "“党建引领”列在党建品牌常见说法清单中" in generic.explanation
    assert "主责主业" in generic.explanation  # what to do instead
    assert uniqueness.passed and "不算雷同" in uniqueness.explanation
    assert "高度相似" not in uniqueness.explanation
    assert generic.findings[0]["category"] == "千篇一律"


def test_a_phrase_many_brands_share_is_generic_with_the_count(world, settings):
    settings.THEME_GENERIC_MIN_BRANDS = 3
    _benchmarks("光明使者·电亮万家", "光明使者 服务先行", "“光明使者”党支部", "星光点点")
    generic = check_theme("光明使者在身边").check("generic")
    assert not generic.passed
    assert "已有 3 个品牌使用" in generic.explanation and "“光明使者”" in generic.explanation
    settings.THEME_GENERIC_MIN_BRANDS = 4
    assert check_theme("光明使者在身边").check("generic").passed


def test_an_own_name_passes_and_a_slogan_cliche_is_only_a_reminder(world):
    report = check_theme("心脉先锋", "党旗引领守心脉 分秒必争护生命")
    assert report.check("generic").passed and report.check("generic").score == 1.0
    reminded = check_theme("银线先锋", "党建引领 点亮万家").check("generic")
    assert reminded.passed and "口号中的“党建引领”是党建品牌的常见说法" in reminded.explanation


def test_names_given_from_above_are_not_cliches(world):
    assert check_theme("共产党员服务队").check("generic").passed
    assert check_theme("张家港党员先锋岗").check("generic").passed


def test_a_real_copy_is_still_a_copy(world):
    _benchmarks("党建引领·光明使者")
    report = check_theme("党建引领·光明使者")
    assert not report.check("uniqueness").passed
    assert "高度相似" in report.check("uniqueness").explanation


def test_the_api_returns_the_generic_check(world):
    client = client_for(world.secretary)
    response = client.post(
        "/api/v1/themes/check", {"name": "红色引擎"}, content_type="application/json"
    )
    assert response.status_code == 200
    generic = next(c for c in response.json()["checks"] if c["code"] == "generic")
    assert generic["name"] == "千篇一律" and not generic["passed"]
    assert generic["findings"][0]["term"] == "红色引擎"
