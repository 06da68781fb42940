"""The board's A3 PDF as it hangs on the wall: a 17-task plan on one page, one coloured band per
phase with its tasks under it, by person inside a phase; rows shrink before a second page is
taken, and a long plan is spread evenly so no task is left alone on the last page."""

import datetime
import io

import pypdfium2
from django.urls import reverse
from pypdf import PdfReader

from partybrand.plans import board as boards
from partybrand.plans import pdf, services
from tests.helpers import client_for
from tests.plans.helpers import START, add_task

D = datetime.timedelta


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def _tinted_pixels(content: bytes) -> dict[str, int]:
    """How many pixels of page 1 carry each phase's tint (its band row)."""
    document = pypdfium2.PdfDocument(content)
    image = document[0].render(scale=0.5).to_pil().convert("RGB")
    document.close()
    colours = image.getcolors(maxcolors=1 << 20) or []
    found = {f"#{r:02x}{g:02x}{b:02x}": n for n, (r, g, b) in colours}
    return {tint: found.get(tint, 0) for _strong, tint in pdf.PHASE_COLOURS}


def test_a_17_task_plan_is_one_page_banded_by_phase(world, plan):
    response = client_for(world.member).get(reverse("plans:board_pdf", args=[plan.pk]))
    texts = _pages(response.content)
    assert len(texts) == 1
    text = texts[0]
    assert "红色引擎创建计划挂图作战图" in text and "·" not in text
    assert "截至2026年3月27日，共17项任务" in text and "第1页，共1页" in text
    phases = [p.name for p in plan.phases.order_by("position")]
    places = [text.index(name) for name in phases]
    assert places == sorted(places)  # bands in the plan's order
    # each phase's tasks sit under its band, before the next band
    for phase, start, end in zip(phases, places, [*places[1:], len(text)], strict=True):
        for task in plan.tasks.filter(phase__name=phase):
            assert start < text.index(task.title) < end, (phase, task.title)
    assert all(n > 1000 for n in _tinted_pixels(response.content).values())  # five bands drawn


def test_inside_a_phase_tasks_are_grouped_by_person(world, plan):
    phase = plan.phases.get(position=1)
    task = plan.tasks.filter(phase=phase).order_by("start").last()
    services.task_update(actor=world.secretary, task=task, owner=world.secretary)
    b = boards.build(plan, today=START)
    band = b.bands[0]
    owners = [bar.task.owner.display_name for bar in band.bars]
    assert owners == sorted(owners) and set(owners) == {"李党员", "王书记"}
    assert band.label == phase.name and band.sub == "3月2日—4月16日"


def test_rows_shrink_before_a_second_page_is_taken(world):
    plan = services.plan_create(
        actor=world.secretary, org=world.branch_a, title="四十项任务计划", start=START
    )
    people = [world.member, world.branch_committee, world.mid_admin]
    for n in range(40):
        add_task(
            plan,
            world.secretary,
            f"任务{n + 1}",
            owner=people[n % 3],
            checker=world.secretary,
            start=START + D(days=n),
        )
    content = pdf.render(boards.build(plan, today=START), title="挂图作战图", subtitle="测试")
    assert len(_pages(content)) == 1  # 41 rows at 13 pt or more on one A3 page


def test_a_long_plan_is_spread_evenly_over_its_pages(world):
    plan = services.plan_create(
        actor=world.secretary, org=world.branch_a, title="七十项任务计划", start=START
    )
    for n in range(70):
        add_task(
            plan,
            world.secretary,
            f"专项任务{n + 1}号",
            owner=world.member,
            checker=world.secretary,
            start=START + D(days=n),
        )
    b = boards.build(plan, today=START)
    row_h, pages = pdf.plan_pages(b.bands, pdf.PAGE[1] - pdf.MARGIN * 2 - pdf.HEAD_H - 30)
    assert len(pages) == 2
    sizes = [sum(1 for kind, *_ in page if kind == "bar") for page in pages]
    assert sum(sizes) == 70 and min(sizes) >= 30  # not 50 + 20, let alone 69 + 1
    assert pdf.ROW_MIN <= row_h <= pdf.ROW_MAX
