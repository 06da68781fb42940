"""The plan's 方案 sections as a spec: the task table fits the 156 mm 版心 with 序号 10 mm and a
完成时限 column wide enough for "2026年12月31日" on one line, dates unpadded, and the 落款 follows
a paragraph, never a table."""

import re
from datetime import date

from partybrand.documents.registry import BuildContext, kind_for
from partybrand.documents.spec import Heading, Para, Table
from partybrand.plans.report import tasks_spec

# "2026年12月31日" is 8 digits (half an em each) and 3 characters: 7 em; at 小四 (12 pt) with
# 1 mm of cell margin on each side that is 31.6 mm
DATE_COLUMN_MM = 7 * 12 * 25.4 / 72 + 2


def test_the_task_table_fits_the_type_area(world, plan):
    spec = tasks_spec(plan, today=date(2026, 3, 27))
    table = next(b for s in spec.sections for b in s.blocks if isinstance(b, Table))
    widths = {c.title: c.width_mm for c in table.columns}
    assert sum(widths.values()) == 156
    assert widths["序号"] == 10
    assert widths["完成时限"] >= DATE_COLUMN_MM
    assert len(table.rows) == 17
    first = table.rows[0]
    assert first[0] == "1" and first[1] == "开展党员群众问卷调查" and first[3] == "李党员"
    assert first[4] == "2026年3月22日" and first[5] == "赵支委"
    assert "验收标准：" in first[2]


def test_dates_unpadded_and_the_signature_follows_text(world, plan):
    spec = tasks_spec(plan, today=date(2026, 3, 27))
    assert [s.title for s in spec.sections] == ["目标与阶段", "三定任务清单"]
    headings = [b.text for b in spec.sections[0].blocks if isinstance(b, Heading)]
    assert headings[0] == "找准品牌定位（2026年3月2日至2026年4月16日）"
    assert isinstance(spec.sections[-1].blocks[-1], Para)  # the 落款 is kept with this
    assert spec.signature == "支部A" and spec.signed_on == date(2026, 3, 27)
    blocks = [b for s in spec.sections for b in s.blocks]
    text = "\n".join(
        [spec.title, spec.subtitle]
        + [b.text for s in spec.sections for b in s.blocks if isinstance(b, Para | Heading)]
        + ["|".join(row) for b in blocks if isinstance(b, Table) for row in b.rows]
    )
    assert "·" not in text
    assert not re.search(r"年0\d月|月0\d日", text)
    assert not re.search(r"[\u4e00-\u9fff][ \u3000]+\d|\d[ \u3000]+[\u4e00-\u9fff]", text)


def test_the_kind_is_registered_for_brands(world, plan):
    kind = kind_for("plan-tasks")
    spec = kind.build(world.brand, BuildContext(actor=world.member, today=date(2026, 3, 27)))
    assert (kind.subject, kind.layout) == ("brand", "paper")
    assert spec.title == plan.title
