"""The positioning report as a spec: sections numbered from 一、 (no unnumbered part before
them), no "·" in any line, no space around numbers, dates unpadded."""

import re
from datetime import date

from partybrand.documents.registry import BuildContext, kind_for
from partybrand.documents.spec import Heading, Para, Table
from partybrand.positioning import selectors
from partybrand.positioning.report import positioning_spec
from tests.permissions.cases.assessments import finalised
from tests.positioning.test_docx import filled_world

SPACED = re.compile(r"[\u4e00-\u9fff][ \u3000]+\d|\d[ \u3000]+[\u4e00-\u9fff]")


def _lines(spec) -> list[str]:
    out = [spec.title, spec.subtitle, spec.signature]
    for section in spec.sections:
        out.append(section.title)
        for block in section.blocks:
            if isinstance(block, Para):
                out.append(block.bold_lead + block.text)
            elif isinstance(block, Heading):
                out.append(block.text)
            elif isinstance(block, Table):
                out += [" ".join(c.title for c in block.columns)]
                out += ["|".join(row) for row in block.rows]
    return out


def test_every_section_is_numbered_and_basic_facts_come_first(world):
    filled_world(world)
    spec = positioning_spec(selectors.summary(world.brand), today=date(2026, 9, 3))
    assert [s.title for s in spec.sections] == [
        "基本情况",
        "调研情况",
        "内部梳理",
        "标杆对比",
        "定位结论",
    ]
    assert all(s.numbered for s in spec.sections)
    assert spec.title == "“红色引擎”党建品牌定位报告"
    assert spec.layout == "paper" and spec.signed_on == date(2026, 9, 3)
    conclusion = spec.sections[-1]
    assert [b.text for b in conclusion.blocks] == ["立足检修主业。", "突出“匠心”特色。"]
    assert conclusion.editable


def test_no_middle_dot_no_spaced_numbers_no_padded_dates(world):
    filled_world(world)
    lines = _lines(positioning_spec(selectors.summary(world.brand), today=date(2026, 9, 3)))
    text = "\n".join(lines)
    assert "·" not in text
    assert not SPACED.search(text), [line for line in lines if SPACED.search(line)]
    assert not re.search(r"年0\d月|月0\d日", text)
    assert any("共收到答卷2份" in line for line in lines)


def test_the_kind_is_registered_for_brands(world):
    kind = kind_for("positioning-report")
    spec = kind.build(world.brand, BuildContext(actor=world.secretary, today=date(2026, 1, 5)))
    assert (kind.subject, kind.layout) == ("brand", "paper")
    assert spec.sections[1].blocks[0].text.startswith("尚未开展问卷调研")


def test_the_standardisation_score_reads_without_spaces_or_padding(world):
    finalised(world)
    spec = positioning_spec(selectors.summary(world.brand), today=date(2026, 9, 3))
    inventory = next(s for s in spec.sections if s.key == "inventory")
    line = inventory.blocks[-1].text
    assert re.fullmatch(
        r"测试支部标准化评价（第1版）：100分，5星（\d{4}年[1-9]\d?月[1-9]\d?日评定）。", line
    )
