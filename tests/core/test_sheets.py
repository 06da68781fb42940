"""Every spreadsheet the platform writes, opened with openpyxl: one look (the CJK font, the header
band), printable (A4, one page wide, the header row repeated on every page, frozen under it),
dates as dates and numbers as numbers."""

import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from partybrand.core import palette, sheets
from partybrand.indicators.loader import load_templates
from partybrand.indicators.xlsx_export import write_table
from partybrand.orgs.access import visible_members, visible_orgs
from partybrand.orgs.exports import (
    export_members,
    export_orgs,
    member_template_workbook,
    org_template_workbook,
)
from partybrand.plans import services as plan_services
from tests.core.test_text_safety import answer
from tests.factories import PASSWORD
from tests.permissions.cases.assessments import finalised
from tests.permissions.cases.surveys import make_survey


def get(user, name, *args, method: str = "get") -> bytes:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def plan_xlsx(world) -> bytes:
    plan = plan_services.plan_create(
        actor=world.secretary,
        org=world.branch_a,
        brand=world.brand,
        title="=匠心品牌创建计划",  # a title that looks like a formula stays text
        start=datetime.date(2026, 2, 1),
    )
    plan_services.task_create(
        actor=world.secretary,
        plan=plan,
        title="建立党员责任区台账",
        duty="梳理党员责任区，建立台账并上墙公示。",
        standard="台账齐全、公示到位。",
        owner=world.branch_committee,
        checker=world.secretary,
        start=datetime.date(2026, 2, 1),
        deadline=datetime.date(2026, 2, 28),
    )
    return get(world.secretary, "plans:export_xlsx", plan.pk)


def survey_xlsx(world) -> bytes:
    survey = make_survey(world, repeat_policy="none")
    assert answer(survey, "技术攻关") == 201
    return get(world.secretary, "surveys:survey_export", survey.pk, method="post")


def score_xlsx(world) -> bytes:
    return get(world.member, "assessments:export_xlsx", finalised(world).pk)


def indicator_xlsx(world) -> bytes:
    return write_table(load_templates()[0])


def member_xlsx(world) -> bytes:
    return export_members(visible_members(world.secretary), unmasked_org_paths=None)


def org_xlsx(world) -> bytes:
    return export_orgs(visible_orgs(world.staff))


def benchmark_template(world) -> bytes:
    return get(world.staff, "benchmarks:benchmark_template")


# (writer, header row, a column holding a date or None, a column holding a number)
WRITERS = {
    "org template": (lambda w: org_template_workbook(), 1, None, "排序"),
    "member template": (lambda w: member_template_workbook(), 1, "入党日期", None),
    "org register": (org_xlsx, 1, None, "排序"),
    "member register": (member_xlsx, 1, "出生日期", None),
    "benchmark template": (benchmark_template, 1, None, "年份"),
    "indicator table": (indicator_xlsx, 10, None, "分值"),
    "score sheet": (score_xlsx, 2, None, "分值"),
    "task list": (plan_xlsx, 2, "完成时限（定时）", "进度"),
    "survey answers": (survey_xlsx, 1, "提交时间", "序号"),
}


def sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def column_values(sheet, header_row: int, header: str) -> list:
    headers = [c.value for c in sheet[header_row]]
    index = headers.index(header)
    rows = sheet.iter_rows(min_row=header_row + 1)
    return [row[index] for row in rows if row[index].value not in (None, "")]


@pytest.mark.parametrize("name", WRITERS)
def test_every_spreadsheet_has_the_one_style_and_prints(world, name):
    build, header_row, date_header, number_header = WRITERS[name]
    content = build(world)
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]

    assert sheet.print_title_rows == f"${header_row}:${header_row}"  # repeated on every page
    assert sheet.freeze_panes.endswith(str(header_row + 1))
    setup = sheet.page_setup
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert setup.paperSize == 9  # A4
    columns = sum(1 for c in sheet[header_row] if c.value)
    assert setup.orientation == ("landscape" if columns > 8 else "portrait"), columns
    assert book._named_styles["Normal"].font.name == sheets.FONT_NAME  # no Calibri default
    assert sheet.oddFooter.center.text == "第&P页，共&N页"
    assert re.search(r'<dimension ref="A1:[A-Z]+\d+"/>', sheet_xml(content)), name

    band = palette.argb(palette.RED_TINT)
    header = [c for c in sheet[header_row] if c.value]
    assert header and all(c.font.bold and c.fill.fgColor.rgb == band for c in header)
    written = [c for row in sheet.iter_rows() for c in row if c.value not in (None, "")]
    assert {c.font.name for c in written} == {sheets.FONT_NAME}, name

    if date_header:
        cells = column_values(sheet, header_row, date_header)
        assert cells and all(c.is_date for c in cells)
        assert all(isinstance(c.value, datetime.datetime) for c in cells)
        assert cells[0].number_format in (sheets.DATE_FORMAT, sheets.MOMENT_FORMAT)
    if number_header:
        cells = column_values(sheet, header_row, number_header)
        assert cells and all(c.data_type == "n" for c in cells), [c.value for c in cells]
    for other in book.worksheets[1:]:  # the guide and example sheets print the same way
        assert other.page_setup.fitToWidth == 1 and other.print_title_rows


def test_the_task_list_keeps_dates_progress_and_a_formula_like_title_apart(world):
    sheet = openpyxl.load_workbook(io.BytesIO(plan_xlsx(world))).active
    assert sheet["A1"].value.startswith("=匠心品牌创建计划") and sheet["A1"].data_type == "s"
    task = sheet[3]
    assert task[8].value == datetime.datetime(2026, 2, 28)
    assert task[8].number_format == 'yyyy"年"m"月"d"日"'  # shown 2026年2月28日
    assert task[11].value == 0 and task[11].number_format == "0%"
    assert sheet.freeze_panes == "C3"


def test_the_score_sheet_states_the_criteria_and_the_rate_of_each_dimension(world):
    book = openpyxl.load_workbook(io.BytesIO(score_xlsx(world)))
    sheet = book["评分表"]
    assert sheet["A1"].value == "支部A2025年度评分表（测试支部标准化评价）"
    headers = [c.value for c in sheet[2]]
    assert headers[5] == "评分标准" and headers[6:8] == ["自评得分", "评定得分"]
    assert sheet.page_setup.orientation == "landscape"  # ten columns
    scores = [row[7] for row in sheet.iter_rows(min_row=3, max_row=6)]
    assert all(c.data_type == "n" and isinstance(c.value, int | float) for c in scores)
    rates = book["一级指标得分"]
    assert [c.value for c in rates[2]] == ["一级指标", "满分", "得分", "失分", "得分率"]
    first = rates[3]
    assert first[0].value == "组织建设" and first[1].value == 40 and first[2].value == 40
    assert first[4].value == 1 and first[4].number_format == "0.0%"  # 100.0 %, a number
    assert rates.page_setup.orientation == "portrait"  # five columns


def test_a_streamed_sheet_states_its_full_size(world):
    """Readers that trust the stated size (read-only openpyxl, pandas) see every row."""
    content = member_xlsx(world)
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = sum(1 for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row))
    assert sheet.max_row == rows and sheet.max_column > 8
    assert sheet.calculate_dimension() == f"A1:{sheet_letter(sheet.max_column)}{rows}"


def sheet_letter(index: int) -> str:
    return openpyxl.utils.get_column_letter(index)


def test_sheet_dates_read_as_chinese_dates_and_empty_cells_take_the_cjk_font():
    book = sheets.new_workbook()
    sheet = book.active
    sheets.append(sheet, [datetime.date(2026, 9, 3), 0.875])
    sheet.cell(1, 2).number_format = sheets.PERCENT_1_FORMAT
    sheets.page_setup(sheet, header_row=1, widths=[12] * 3)
    read = openpyxl.load_workbook(io.BytesIO(sheets.to_bytes(book))).active
    assert read["A1"].is_date and read["A1"].number_format == 'yyyy"年"m"月"d"日"'
    assert read["B1"].value == 0.875 and read["B1"].number_format == "0.0%"
    assert read["C5"].font.name == sheets.FONT_NAME  # a cell typed in later: no Calibri
    assert read.page_setup.orientation == "portrait"
