"""Copy detection on compound names and on names with affixes and quotation marks, with the
examples a 党建工作部 reviewer measured."""

import io

import pytest
from django.core.management import call_command

from partybrand.benchmarks.imports import SHARED_FILE
from partybrand.benchmarks.models import Benchmark
from partybrand.textsim.normalize import core_parts, strip_affixes
from partybrand.themes.checks import check_theme


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


@pytest.fixture
def library(db):
    call_command("import_benchmarks", str(SHARED_FILE), stdout=io.StringIO())


def test_affixes_and_quotation_marks_are_stripped_the_same_way():
    assert strip_affixes("堡垒工程党支部") == "堡垒工程"
    assert strip_affixes("旗帜领航党支部") == "旗帜领航"
    assert strip_affixes("“旗帜领航”党支部") == "旗帜领航"
    assert strip_affixes("「堡垒工程」品牌") == "堡垒工程"
    assert strip_affixes("老吕党建工作室") == "老吕党建"
    assert core_parts("建证·军魂匠心/红色先锋") == ["建证", "军魂匠心", "红色先锋"]
    assert strip_affixes("党支部") == "党支部"  # nothing but an affix: kept


def test_the_exact_half_of_a_stored_name_finds_that_brand_first(library):
    stored = Benchmark.objects.get(name__startswith="长征路上党旗红")
    report = check_theme("长征路上党旗红")
    top = report.nearest[0]
    assert top.key == f"benchmark:{stored.pk}" and top.name == stored.name and top.flagged
    assert not report.check("uniqueness").passed
    assert stored.name in report.check("uniqueness").explanation


@pytest.mark.parametrize(
    "name", ["堡垒工程党支部", "旗帜领航党支部", "“堡垒工程”", "旗帜领航工作室"]
)
def test_a_stored_name_with_an_affix_or_quotes_is_flagged_alike(library, name):
    report = check_theme(name)
    top = report.nearest[0]
    assert strip_affixes(top.name) == strip_affixes(name)
    assert top.flagged and not report.check("uniqueness").passed


def test_each_part_of_a_compound_name_is_checked(db):
    Benchmark.objects.create(name="建证", org="某建设集团党委", name_norm="建证", org_norm="某")
    report = check_theme("建证·军魂匠心/红色先锋")
    top = report.nearest[0]
    assert top.name == "建证" and top.flagged
    assert any(r.startswith("名称的一部分相近：建证") for r in top.reasons)
    assert not report.check("uniqueness").passed


def test_a_shared_cliche_part_is_not_a_copy(library):
    """党建引领 is one part of both names: that alone is 千篇一律, not “名称相同”."""
    report = check_theme("党建引领·金融为民")
    assert all(n.score < 1.0 for n in report.nearest)
    assert not any("名称的一部分" in r for n in report.nearest for r in n.reasons)
    assert not report.check("generic").passed
    assert "“党建引领”" in report.check("generic").explanation
    alone = check_theme("红色先锋")  # one part of 建证·军魂匠心/红色先锋, and a cliché
    assert alone.check("uniqueness").passed and not alone.check("generic").passed
