"""Indicator tables typed by hand into Excel: imported whole or refused with the rows named;
exported in the same layout, so an export imports back unchanged."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from partybrand.core.tabular import ImportRefused
from partybrand.indicators import services
from partybrand.indicators.loader import load_templates
from partybrand.indicators.models import IndicatorSystem
from partybrand.indicators.notation import parse_points
from partybrand.indicators.xlsx_export import write_table
from partybrand.indicators.xlsx_import import import_system
from partybrand.indicators.xlsx_layout import COLUMNS, EXAMPLE_SHEET, NOTES_SHEET, SHEET
from tests.permissions.cases.indicators import make_system

pytestmark = pytest.mark.django_db


def workbook_bytes(rows, *, merges=(), title="考评标准") -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "考评标准.xlsx"
    return out


# As a 党建工作部 clerk types it: a title, colons, "100分", one row per star level, the 一级
# name with its points in brackets repeated down, numbers as text, a merged 一级 cell.
HAND_TYPED = [
    ["体系名称：", "乙公司党支部“五星”考评细则"],  # 1
    ["总分", "100分"],  # 2
    ["最终得分规则", "去掉一个最高分和一个最低分后取平均"],  # 3
    ["五星级", 95],  # 4
    ["四星级", "90分"],  # 5
    ["三星级", 80],  # 6
    [],  # 7
    [
        "序号",
        "一级指标",
        "二级指标",
        "分值",
        "计分方式（加分/扣分）",
        "评分细则",
        "佐证材料",
        "考评方式",
        "一票否决项",
    ],  # 8
    [
        "1.1",
        "组织建设（30分）",
        "支委会健全",
        "10",
        "扣分",
        "未按期换届扣 5 分",
        "换届批复",
        "查资料",
        "",
    ],  # 9
    ["1.2", "组织建设（30分）", "党小组设置", 10.0, "扣分", "", "", "查资料、现场查看", ""],  # 10
    ["1.3", "组织建设（30分）", "工青妇组织", "１０分", "扣分", "", "无", "", "否"],  # 11
    ["2", "组织生活", "", "40", "", "", "", "", ""],  # 12
    [
        "2.1",
        None,
        "三会一课",
        "25",
        "扣分",
        "每缺一次扣 1 分",
        "会议记录",
        "查台账；平台数据",
        "",
    ],  # 13
    ["2.2", None, "主题党日", "15分", "扣分", "", "", "台账", ""],  # 14
    ["3", "任务落实", "", 30, "", "", "", "", ""],  # 15
    ["3.1", "任务落实", "融入中心工作", "30", "加分", "完成指标得 30 分", "", "民主测评", ""],  # 16
    ["3.2", "任务落实", "安全生产", "0", "", "", "", "", "发生重大安全事故的一票否决"],  # 17
]


def test_a_hand_typed_table_imports(world):
    upload = workbook_bytes(HAND_TYPED, merges=["B13:B14"])
    system = import_system(actor=world.committee_admin, upload=upload, owner=world.committee_a)
    assert system.status == "draft" and system.owner == world.committee_a
    assert system.name == "乙公司党支部“五星”考评细则"
    assert system.total_points == Decimal("100") and system.final_rule == "trimmed_mean"
    assert list(system.stars.values_list("stars", "min_score")) == [(3, 80), (4, 90), (5, 95)]
    tree = {i.code: i for i in system.indicators.select_related("parent")}
    assert sorted(tree) == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "3.1", "3.2"]
    assert tree["1"].name == "组织建设" and tree["1"].points == Decimal("30")
    assert tree["1.3"].points == Decimal("10") and tree["1.3"].parent.code == "1"
    assert not tree["1.3"].evidence_required
    assert tree["1.1"].evidence_note == "换届批复" and tree["1.1"].scoring_method == "deduct"
    assert tree["1.2"].methods == ["documents", "site"]
    assert tree["2.1"].parent.code == "2" and tree["2.1"].methods == ["ledger", "platform"]
    assert tree["2.2"].methods == ["ledger"]
    assert tree["3.1"].scoring_method == "add" and tree["3.1"].methods == ["poll"]
    assert tree["3.2"].is_veto and tree["3.2"].veto_note == "发生重大安全事故的一票否决"
    assert [i.code for i in system.indicators.filter(parent=tree["1"]).order_by("position")] == [
        "1.1",
        "1.2",
        "1.3",
    ]


def test_a_table_that_does_not_add_up_is_refused_with_the_rows_named(world):
    rows = [list(row) for row in HAND_TYPED]
    rows[12][3] = "23"  # 2.1 三会一课: 23 + 15 = 38, not 40
    rows[8][1] = rows[9][1] = rows[10][1] = "组织建设（32分）"  # 32 ≠ 10 + 10 + 10
    with pytest.raises(ImportRefused) as refused:
        import_system(actor=world.committee_admin, upload=workbook_bytes(rows))
    lines = refused.value.lines()
    assert "第 9 行：一级指标“1 组织建设”分值 32 分，其下二级指标合计 30 分，相差 2 分。" in lines
    assert "第 12 行：一级指标“2 组织生活”分值 40 分，其下二级指标合计 38 分，相差 2 分。" in lines
    assert "第 2 行「总分」：一级指标合计 102 分，与体系总分 100 分相差 2 分。" in lines
    assert len(lines) == 3
    assert not IndicatorSystem.objects.exists()


def test_every_bad_cell_is_reported_at_once(world):
    rows = [list(row) for row in HAND_TYPED]
    rows[9][3] = "十分"  # row 10
    rows[10][4] = "倒扣"  # row 11
    rows[12][7] = "看心情"  # row 13
    rows[13][0] = "2.1"  # row 14 repeats row 13's code
    rows[14][4] = ""
    rows[5][1] = "八十"  # row 6: a star threshold that is not a number
    with pytest.raises(ImportRefused) as refused:
        import_system(actor=world.committee_admin, upload=workbook_bytes(rows))
    text = "\n".join(refused.value.lines())
    assert "第 4 行「星级标准」：无法识别" in text
    rows[5][1] = 80
    with pytest.raises(ImportRefused) as again:
        import_system(actor=world.committee_admin, upload=workbook_bytes(rows))
    refused_again = again.value.lines()
    assert "第 10 行「分值」：分值“十分”不是有效的数字，例如 10 或 10分。" in refused_again
    assert "第 11 行「计分方式」：计分方式应为“加分”或“扣分”，不能是“倒扣”。" in refused_again
    assert any(
        line.startswith("第 13 行「评价方式」：无法识别评价方式“看心情”") for line in refused_again
    )
    assert "第 14 行「编码」：编码“2.1”与第 13 行重复。" in refused_again


def test_a_second_level_without_its_first_level_is_refused(world):
    rows = [
        ["体系名称", "缺一级"],
        ["总分", 10],
        ["一级指标", "二级指标", "分值"],
        ["", "支委会健全", 10],
    ]
    with pytest.raises(ImportRefused) as refused:
        import_system(actor=world.committee_admin, upload=workbook_bytes(rows))
    assert refused.value.lines() == [
        "第 4 行「一级指标」：二级指标“支委会健全”上方没有所属的一级指标，请填写一级指标。"
    ]


def test_not_an_xlsx_file_is_refused(world):
    upload = io.BytesIO("编码,一级指标\n1,组织建设\n".encode())
    with pytest.raises(ImportRefused, match="导入被拒绝") as refused:
        import_system(actor=world.committee_admin, upload=upload)
    assert refused.value.lines() == ["文件：文件不是有效的 Excel（.xlsx）文件。"]


def test_export_imports_back_unchanged(world):
    template = load_templates()[0]
    data = write_table(template)
    sheet = load_workbook(io.BytesIO(data))[SHEET]
    assert sheet["A1"].value == "体系名称" and sheet["B1"].value == template.name
    again = import_system(actor=None, upload=io.BytesIO(data), version_of=template)
    assert (again.code, again.version, again.status) == (template.code, 2, "draft")

    def shape(system):
        return [
            (
                i.code,
                i.name,
                i.level,
                i.parent.code if i.parent else "",
                i.position,
                i.points,
                i.scoring_method,
                i.guide,
                i.evidence_required,
                i.evidence_note,
                i.methods,
                i.is_veto,
                i.veto_note,
            )
            for i in system.indicators.select_related("parent").order_by("code")
        ]

    assert shape(again) == shape(template)
    with pytest.raises(ImportRefused) as second:
        import_system(actor=None, upload=io.BytesIO(data), version_of=template)
    assert second.value.lines() == [
        "文件：该体系已有未发布的草稿（第 2 版），请先完成或删除该草稿。"
    ]
    assert list(again.stars.values_list("stars", "min_score", "label")) == list(
        template.stars.values_list("stars", "min_score", "label")
    )
    assert (again.total_points, again.final_rule, again.divergence_threshold, again.kind) == (
        template.total_points,
        template.final_rule,
        template.divergence_threshold,
        template.kind,
    )


def test_export_keeps_text_that_looks_like_a_formula(world):
    system = make_system(world)
    services.indicator_update(
        actor=world.committee_admin,
        indicator=system.indicators.get(code="1.1"),
        guide='=HYPERLINK("http://x")',
    )
    sheet = load_workbook(io.BytesIO(write_table(system)))[SHEET]
    cell = next(
        c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s"


def test_the_template_explains_itself_and_a_blank_one_is_refused(world):
    data = write_table()
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == [SHEET, EXAMPLE_SHEET, NOTES_SHEET]
    notes = " ".join(str(c.value) for row in workbook[NOTES_SHEET].iter_rows() for c in row)
    assert "每个一级指标的分值必须等于其下二级指标分值之和" in notes
    header = [c.value for c in workbook[SHEET][10]]
    assert header == COLUMNS
    with pytest.raises(ImportRefused) as refused:
        import_system(actor=None, upload=io.BytesIO(data))
    assert "第 1 行「体系名称」：请在表头上方填写体系名称。" in refused.value.lines()


def test_a_file_code_already_in_use_is_refused(world):
    template = load_templates()[0]
    data = write_table(template)
    with pytest.raises(ImportRefused) as refused:
        import_system(actor=None, upload=io.BytesIO(data), owner=world.committee_a)
    assert "体系编码“branch-standard”已被使用" in refused.value.lines()[0]


def test_a_title_row_names_the_system_and_stars_may_be_written_as_sentences(world):
    rows = [
        ["附件1：丙公司党支部达标考评表"],
        ["星级标准", "95分及以上为五星级；四星级：90-94分；3星 80分"],
        ["总分", "100"],
        ["一级指标", "二级指标", "分值"],
        ["组织建设（40分）", "支委会健全", "40"],
        ["组织生活（60分）", "三会一课", "60"],
    ]
    system = import_system(
        actor=world.committee_admin, upload=workbook_bytes(rows), owner=world.committee_a
    )
    assert system.name == "丙公司党支部达标考评表" and system.kind == "standard"
    assert list(system.stars.values_list("stars", "min_score", "label")) == [
        (3, 80, "三星级党支部"),
        (4, 90, "四星级"),
        (5, 95, "五星级党支部"),
    ]
    assert list(system.indicators.filter(level=1).values_list("name", "points")) == [
        ("组织建设", 40),
        ("组织生活", 60),
    ]


def test_parse_points_is_tolerant_but_not_credulous():
    for typed, value in [("10", 10), ("10.0", 10), ("10分", 10), (" 2.5 分", 2.5), ("１０", 10)]:
        assert parse_points(typed) == Decimal(str(value))
    assert parse_points(7.5) == Decimal("7.5")
    for typed in ("十分", "-3", "10-15", "", True):
        with pytest.raises(ValueError):
            parse_points(typed)
