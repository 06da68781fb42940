"""The board (挂图作战图): its filters, the menu choosing among plans, no percentages in the bars,
short month labels under a year row, and its A3 PDF, split over pages for long plans."""

import datetime
import io
import re

from django.urls import reverse
from pypdf import PdfReader

from partybrand.core import clock
from partybrand.plans import services
from tests.helpers import client_for
from tests.plans.helpers import START, add_task, template_plan

D = datetime.timedelta


def test_board_filters_and_pdf_is_a3_landscape_with_titles(world, plan):
    client = client_for(world.secretary)
    url = reverse("plans:board", args=[plan.pk])
    html = client.get(url).content.decode()
    assert html.count('data-testid="board-task"') == 17 and "李党员" in html
    red = client.get(url, {"colour": "red"}).content.decode()
    assert red.count('data-testid="board-task"') == 1 and "开展党员群众问卷调查" in red
    phase = plan.phases.get(position=2)
    gantt = client.get(reverse("plans:gantt", args=[plan.pk]), {"phase": phase.pk})
    assert gantt.content.decode().count('data-testid="board-task"') == 3
    response = client.get(reverse("plans:board_pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 1191 and round(float(box.height)) == 842  # A3 landscape
    text = "".join(p.extract_text() for p in reader.pages)
    for title in ("开展党员群众问卷调查", "形成品牌创建工作总结", "挂图作战图"):
        assert title in text
    gantt_pdf = client.get(reverse("plans:board_pdf", args=[plan.pk]), {"mode": "gantt"})
    assert "阶段甘特图" in PdfReader(io.BytesIO(gantt_pdf.content)).pages[0].extract_text()


def test_board_menu_chooses_among_plans_active_first(world, plan):
    other = services.plan_create(
        actor=world.secretary, org=world.branch_a, title="支部年度党建工作计划", start=START
    )
    add_task(other, world.secretary, "组织生活会", owner=world.member, checker=world.secretary)
    services.plan_start(actor=world.secretary, plan=other)
    page = client_for(world.member).get(reverse("plans:board_home"))
    html = page.content.decode()
    assert page.status_code == 200 and html.count('data-testid="board-choice"') == 2
    assert html.index("支部年度党建工作计划") < html.index("红色引擎创建计划")  # in execution first
    assert reverse("plans:board", args=[plan.pk]) in html
    nothing = client_for(world.outsider).get(reverse("plans:board_home")).content.decode()
    assert "暂无可查看的计划" in nothing and "红色引擎" not in nothing


def test_board_keeps_percent_out_of_the_bars(world, plan):
    html = client_for(world.member).get(reverse("plans:board", args=[plan.pk])).content.decode()
    bars = re.findall(r'<a class="pb-board-bar[^"]*"[^>]*>(.*?)</a>', html, re.S)
    assert bars and not any("%" in re.sub(r"<[^>]+>", "", bar) for bar in bars)
    assert html.count('data-testid="board-pct"') == 17


def test_long_board_pdf_splits_onto_a3_pages_with_every_title(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START + D(days=30))
    plan = services.plan_create(
        actor=world.secretary, org=world.branch_a, title="六十项任务计划", start=START
    )
    titles = [f"专项任务第{n:02d}项" for n in range(1, 61)]
    for n, title in enumerate(titles):  # one owner: the group runs over the page break
        add_task(
            plan,
            world.secretary,
            title,
            owner=world.member,
            checker=world.secretary,
            start=START + D(days=n),
            days=20,
        )
    response = client_for(world.member).get(reverse("plans:board_pdf", args=[plan.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        box = page.mediabox
        assert round(float(box.width)) == 1191 and round(float(box.height)) == 842
    texts = [page.extract_text() for page in reader.pages]
    assert f"第1页，共{len(texts)}页" in texts[0]
    joined = "".join(texts)
    assert all(title in joined for title in titles)
    assert "未分阶段（续）" in texts[1]  # a band cut by the page repeats its heading
    assert "李党员" in texts[1]  # and the person of the first task on the page


def test_month_header_short_labels_with_a_year_row(world):
    from partybrand.plans import board as boards

    plan = template_plan(world, start=datetime.date(2026, 8, 20))  # a 12-day first month column
    b = boards.build(plan, today=datetime.date(2026, 12, 1), scale="month")
    labels = [label for label, _left, _width in b.columns]
    assert labels[:6] == ["8月", "9月", "10月", "11月", "12月", "1月"]
    assert [label for label, *_ in b.years] == ["2026年", "2027年"]
    shown = [shown for shown, _full, _css in b.column_css]
    assert shown[0] == "8月" and "年" not in "".join(shown)  # 12 days: 3.3 % of the axis
    tiny = boards.build(
        template_plan(world, start=datetime.date(2026, 8, 29)), today=START, scale="month"
    )
    assert tiny.column_css[0][:2] == ("", "8月")  # 3 days: no room, the full label as title
    # the PDF draws the years above the short month labels
    import pypdfium2

    from partybrand.plans import pdf

    document = pypdfium2.PdfDocument(pdf.render(b, title="挂图作战图", subtitle="测试"))
    text = document[0].get_textpage().get_text_range()
    document.close()
    assert "2026年" in text and "2027年" in text and "8月" in text and "202 9月" not in text
