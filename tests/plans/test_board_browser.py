"""The board in a browser: on a phone it scrolls today into view, on a desk it shows the years,
and the A3 PDF it downloads renders."""

import datetime

import pytest

pytestmark = pytest.mark.browser

D = datetime.timedelta


def test_board_on_a_phone_scrolls_today_into_view(live_server, live_world, browser, monkeypatch):
    import pypdfium2

    from partybrand.core import clock
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
