"""The 品牌手册: logo and meaning, standard colours with their values (the brand's, else the
platform's party red), fonts, combinations, misuse, applications and the Party emblem rules."""

from datetime import date

from partybrand.core import palette
from tests.workbench.documents.data import full_brand
from tests.workbench.documents.helpers import (
    assert_reads_clean,
    build,
    section_keys,
    section_text,
    tables,
)

TODAY = date(2026, 9, 3)


def test_manual_gives_the_brand_colours_with_their_values(world):
    brand = full_brand(world)
    spec = build("vi-manual", brand, today=TODAY)
    assert section_keys(spec) == [
        "logo",
        "colours",
        "fonts",
        "combinations",
        "misuse",
        "applications",
        "party-marks",
    ]
    assert_reads_clean(spec)
    rows = tables(spec)[0].rows
    assert [r[1:4] for r in rows] == [
        ["党旗红", "#C8102E", "R200 G16 B46"],
        ["金色", "#FFD700", "R255 G215 B0"],
    ]
    rules = section_text(spec, "party-marks")
    for rule in ("变形", "改色", "裁切", "商业标志", "背景装饰"):
        assert rule in rules


def test_manual_without_brand_colours_uses_the_party_red_and_asks_for_them(world):
    spec = build("vi-manual", world.brand, today=TODAY)
    assert_reads_clean(spec)
    assert tables(spec)[0].rows[0][2] == palette.RED.upper()
    assert "（待补充：请在品牌档案中填写标准色" in section_text(spec, "colours")
    assert "（待补充：品牌标识尚未上传）" in section_text(spec, "logo")
