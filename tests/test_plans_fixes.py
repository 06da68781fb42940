"""QA fixes: checker notices go only to the real checker; the overdue list links 下发督办单;
the board's month header fits narrow columns and scrolls to today."""

import datetime

import pytest
from django.urls import reverse

from partybrand.notices.models import Notification
from partybrand.plans import services
from partybrand.plans.models import Task
from tests.plans.helpers import START

D = datetime.timedelta


def _checker_notices(user):
    return Notification.objects.filter(user=user, kind="assigned", title__endswith="的验收人")


def test_template_assign_notifies_only_the_real_owner_and_checker(world):
    def assign(i, _spec):
        if i < 3:
            return {"owner": world.member, "checker": world.secretary, "post": "党员"}
        return {}  # the defaults: member owns, branch committee checks

    plan = services.plan_from_template(
        actor=world.secretary, org=world.branch_a, brand=world.brand, code="five_parts",
        start=START, owner=world.member, checker=world.branch_committee, assign=assign,
    )  # fmt: skip
    assert plan.tasks.filter(checker=world.secretary).count() == 3
    assert _checker_notices(world.secretary).count() == 3
    assert _checker_notices(world.branch_committee).count() == 14
    assert set(plan.tasks.filter(checker=world.secretary).values_list("post", flat=True)) == {
        "党员"
    }


def test_reassigning_the_checker_moves_the_notice(world):
    plan = services.plan_from_template(
        actor=world.secretary, org=world.branch_a, brand=world.brand, code="five_parts",
        start=START, owner=world.member, checker=world.branch_committee,
    )  # fmt: skip
    task = plan.tasks.order_by("start", "id").first()
    assert _checker_notices(world.branch_committee).count() == 17
    services.task_update(actor=world.secretary, task=task, checker=world.secretary)
    # the new checker is told; the former one no longer holds a "you are checker" notice
    assert list(_checker_notices(world.secretary).values_list("url", flat=True)) == [
        reverse("plans:task", args=[task.pk])
    ]
    assert _checker_notices(world.branch_committee).count() == 16
    assert (
        not _checker_notices(world.branch_committee)
        .filter(url=reverse("plans:task", args=[task.pk]))
        .exists()
    )
    # handed back: the first checker is told again
    services.task_update(actor=world.secretary, task=Task.objects.get(pk=task.pk),
                         checker=world.branch_committee)  # fmt: skip
    assert _checker_notices(world.branch_committee).count() == 17
    assert _checker_notices(world.secretary).count() == 0


def test_overdue_rows_link_raise_ticket_for_those_who_may_raise(world, monkeypatch, client):
    from partybrand.plans import clock
    from tests.factories import PASSWORD
    from tests.plans.helpers import template_plan

    monkeypatch.setattr(clock, "today", lambda: START + D(days=25))
    plan = template_plan(world)
    task = plan.tasks.order_by("start", "id").first()  # 问卷调查 ended on day 20: red
    link = f"{reverse('supervision:ticket_create')}?task={task.pk}"
    assert client.login(username=world.staff.username, password=PASSWORD)
    html = client.get(reverse("plans:overdue")).content.decode()
    assert html.count('data-testid="overdue-row"') == 1 and "下发督办单" in html
    assert f'href="{link}"' in html
    assert client.get(link).status_code == 200  # the form opens on that task
    assert client.login(username=world.secretary.username, password=PASSWORD)
    html = client.get(reverse("plans:overdue")).content.decode()
    assert html.count('data-testid="overdue-row"') == 1 and "overdue-raise" not in html


def test_month_header_short_labels_with_a_year_row(world):
    from partybrand.plans import board as boards
    from tests.plans.helpers import template_plan

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


@pytest.mark.browser
def test_board_on_a_phone_scrolls_today_into_view(live_server, live_world, browser, monkeypatch):
    import pypdfium2

    from partybrand.plans import clock
    from tests.browser import SHOTS, shot, sign_in
    from tests.plans.helpers import template_plan

    today = datetime.date(2026, 8, 27) + D(days=250)
    monkeypatch.setattr(clock, "today", lambda: today)
    plan = template_plan(live_world, start=datetime.date(2026, 8, 27))
    url = f"{live_server.url}/plans/{plan.pk}/board/"
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    sign_in(phone, live_server, "secretary")
    phone.goto(url)
    line = phone.locator(".pb-board-today").bounding_box()
    assert 140 < line["x"] < 390  # right of the sticky labels, on screen
    assert phone.locator("[data-board-scroll]").evaluate("e => e.scrollLeft") > 0
    shot(phone, "plans-fix-board-phone")
    desk = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(desk, live_server, "secretary")
    desk.goto(url)
    expect_years = desk.locator("[data-testid=board-year]")
    assert expect_years.first.inner_text() == "2026年"
    shot(desk, "plans-fix-board-1280")
    with desk.expect_download() as info:
        desk.click("[data-testid=board-pdf]")
    document = pypdfium2.PdfDocument(str(info.value.path()))
    SHOTS.mkdir(parents=True, exist_ok=True)
    document[0].render(scale=1.2).to_pil().save(SHOTS / "plans-fix-board-a3.png")
    document.close()
