"""One clock, Beijing's day: at 01:30 in Beijing (17:30 UTC the day before) every page, document and
daily command says it is the new day, whatever TIME_ZONE says; and no code reads another clock."""

import ast
import datetime
import io
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from partybrand.core import clock
from partybrand.plans import services as plan_services
from partybrand.positioning.services import conclusion_save
from partybrand.surveys.models import Response
from tests.core.test_text_safety import answer
from tests.helpers import client_for
from tests.permissions.cases.assessments import finalised
from tests.permissions.cases.supervision import make_ticket
from tests.permissions.cases.surveys import make_survey

SRC = Path(__file__).resolve().parents[2] / "src" / "partybrand"
# 2026-03-01 01:30 in Beijing is still 2026-02-28 in UTC.
FROZEN = datetime.datetime(2026, 2, 28, 17, 30, tzinfo=datetime.UTC)
DAY = datetime.date(2026, 3, 1)


def freeze(monkeypatch, moment=FROZEN):
    monkeypatch.setattr(clock, "now", lambda: moment)


def word_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = (c.text for t in document.tables for r in t.rows for c in r.cells)
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


# --- the clock itself --------------------------------------------------------------------


def test_today_is_beijings_date_whatever_time_zone_says(monkeypatch, settings):
    freeze(monkeypatch)
    for zone in ("UTC", "America/New_York", "Asia/Shanghai"):
        settings.TIME_ZONE = zone
        assert clock.today() == DAY
        assert clock.day_of(FROZEN) == DAY
        assert clock.text(FROZEN) == "2026-03-01 01:30"
        assert clock.day_text(FROZEN) == "2026年3月1日"
    assert clock.now().tzinfo is not None


def test_a_naive_moment_is_read_in_time_zone(settings):
    settings.TIME_ZONE = "UTC"
    assert clock.day_of(datetime.datetime(2026, 2, 28, 17, 30)) == DAY


def test_the_test_shift_moves_now_and_today(settings):
    before = clock.today()
    settings.CLOCK_SHIFT = datetime.timedelta(days=6)
    assert clock.today() == before + datetime.timedelta(days=6)


def test_at_is_beijing_wall_time():
    moment = clock.at(DAY, 1, 30)
    assert moment == FROZEN


# --- every "today" at 01:30 Beijing --------------------------------------------------------


@pytest.fixture
def late_plan(world):
    """A plan whose one extra task fell due on 2026-02-28: overdue from 2026-03-01 on."""
    plan = plan_services.plan_create(
        actor=world.secretary,
        org=world.branch_a,
        brand=world.brand,
        title="匠心品牌创建计划",
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
    return plan


def test_a_task_due_yesterday_in_beijing_is_overdue_at_half_past_one(world, late_plan, monkeypatch):
    freeze(monkeypatch)
    html = client_for(world.staff).get(reverse("plans:overdue")).content.decode()
    assert html.count('data-testid="overdue-row"') == 1
    out = io.StringIO()
    call_command("plans_daily", stdout=out)
    assert out.getvalue().startswith("2026-03-01：新标记逾期任务 1 项")


@pytest.mark.parametrize("command", ["plans_daily", "supervision_daily", "send_digest"])
def test_daily_commands_run_for_beijings_day(db, monkeypatch, settings, command):
    settings.TIME_ZONE = "UTC"
    freeze(monkeypatch)
    out = io.StringIO()
    call_command(command, stdout=out)
    assert out.getvalue().startswith("2026-03-01：")


def test_plan_documents_are_dated_by_beijings_day(world, late_plan, monkeypatch, settings):
    settings.TIME_ZONE = "UTC"
    freeze(monkeypatch)
    client = client_for(world.secretary)
    word = client.get(reverse("plans:export_docx", args=[late_plan.pk])).content
    assert "2026年3月1日" in word_text(word)
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("plans:export_xlsx", args=[late_plan.pk])).content)
    ).active
    assert "（截至2026年3月1日）" in sheet["A1"].value
    pdf = client.get(reverse("plans:board_pdf", args=[late_plan.pk])).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "截至2026年3月1日" in text and "逾期1项" in text


def test_assessment_report_finalised_at_half_past_one_carries_that_day(world, monkeypatch):
    freeze(monkeypatch)
    assessment = finalised(world)
    assert assessment.assessed_on == DAY
    content = client_for(world.secretary).get(
        reverse("assessments:export_docx", args=[assessment.pk])
    )
    assert "2026年3月1日" in word_text(content.content)
    assert "2026年2月28日" not in word_text(content.content)


def test_positioning_report_carries_beijings_day(world, monkeypatch, settings):
    conclusion_save(actor=world.secretary, brand=world.brand, conclusion="立足检修主业。")
    settings.TIME_ZONE = "UTC"
    freeze(monkeypatch)
    url = reverse("positioning:summary_export", args=[world.brand.pk])
    assert "2026年3月1日" in word_text(client_for(world.secretary).get(url).content)


def test_survey_export_shows_submission_times_in_beijing(world, monkeypatch, settings):
    survey = make_survey(world, repeat_policy="none")
    assert answer(survey, "技术攻关") == 201
    Response.objects.filter(survey=survey).update(submitted_at=FROZEN)
    settings.TIME_ZONE = "UTC"
    content = client_for(world.secretary).post(reverse("surveys:survey_export", args=[survey.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(content.content)).active
    assert sheet["B2"].value == datetime.datetime(2026, 3, 1, 1, 30)
    assert sheet["B2"].number_format == 'yyyy"年"m"月"d"日" hh:mm'


def test_printed_ticket_is_dated_today_in_beijing(world, monkeypatch, settings):
    ticket = make_ticket(world)
    settings.TIME_ZONE = "UTC"
    freeze(monkeypatch)
    html = client_for(world.staff).get(reverse("supervision:ticket_print", args=[ticket.pk]))
    assert "打印日期：2026年3月1日" in html.content.decode()


# --- nobody reads another clock ----------------------------------------------------------

CLOCK = SRC / "core" / "clock.py"


def _name(node) -> str:
    """`a.b.c` for a Name/Attribute chain, else ''."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


FORBIDDEN = {
    "date.today",
    "datetime.date.today",
    "datetime.today",
    "datetime.datetime.today",
    "datetime.now",
    "datetime.datetime.now",
    "datetime.utcnow",
    "datetime.datetime.utcnow",
    "timezone.localdate",
    "timezone.now",
}


def other_clocks(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in FORBIDDEN:
            found.append(f"{node.lineno}: {_name(node.func)}()")
        if isinstance(node, ast.ImportFrom) and node.module == "partybrand.core.clock":
            found.append(f"{node.lineno}: from partybrand.core.clock import …")  # not patchable
    return found


def test_no_code_reads_a_clock_other_than_core_clock():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path == CLOCK or "migrations" in path.parts:
            continue
        found += [
            f"{path.relative_to(SRC)}:{hit}"
            for hit in other_clocks(ast.parse(path.read_text(encoding="utf-8")))
        ]
    templates = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.html")
        if "{% now " in path.read_text(encoding="utf-8")
    ]
    assert not found and not templates, (
        "Read the date and time from partybrand.core.clock (clock.today(), clock.now(), "
        "{% today %} in templates):\n" + "\n".join(found + templates)
    )


def test_the_scan_catches_each_way_of_reading_the_server_clock():
    code = (
        "date.today()\ndatetime.now()\ndatetime.datetime.now(tz)\ntimezone.localdate()\n"
        "timezone.now().date()\nfrom partybrand.core.clock import today\n"
    )
    assert len(other_clocks(ast.parse(code))) == 6
    assert other_clocks(ast.parse("clock.today()\nclock.now()\ndefault = timezone.now\n")) == []
