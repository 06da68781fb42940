"""Every spreadsheet the platform writes, opened with openpyxl: one look (the CJK font, the header
band), printable (A4, one page wide, the header row repeated on every page, frozen under it),
dates as dates and numbers as numbers."""

import datetime
import io

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


def column_values(sheet, header_row: int, header: str) -> list:
    headers = [c.value for c in sheet[header_row]]
    index = headers.index(header)
    rows = sheet.iter_rows(min_row=header_row + 1)
    return [row[index] for row in rows if row[index].value not in (None, "")]


@pytest.mark.parametrize("name", WRITERS)
def test_every_spreadsheet_has_the_one_style_and_prints(world, name):
    build, header_row, date_header, number_header = WRITERS[name]
    book = openpyxl.load_workbook(io.BytesIO(build(world)))
    sheet = book.worksheets[0]

    assert sheet.print_title_rows == f"${header_row}:${header_row}"  # repeated on every page
    assert sheet.freeze_panes.endswith(str(header_row + 1))
    setup = sheet.page_setup
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert setup.paperSize == 9  # A4
    assert setup.orientation == "landscape"

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
    assert task[8].value == datetime.datetime(2026, 2, 28) and task[8].number_format == "yyyy-mm-dd"
    assert task[11].value == 0 and task[11].number_format == "0%"
    assert sheet.freeze_panes == "C3"
