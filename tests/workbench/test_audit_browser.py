"""The audit log in a real browser, on a desktop and on a phone: rows in Chinese with where they
came from, filtering by organisation and action, and the export downloaded. Screenshots in
test-screens/audit-*.png."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from partybrand.brands.transitions import brand_transition
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1366, "phone": 390}


@pytest.mark.parametrize("screen", list(WIDTHS))
def test_the_audit_log_reads_filters_and_exports(live_server, live_world, browser, screen):
    world = live_world
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    width = WIDTHS[screen]
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        is_mobile=screen == "phone",
        reduced_motion="reduce",
        accept_downloads=True,
    )
    page = context.new_page()
    sign_in(page, live_server, world.staff.username)
    page.goto(f"{live_server.url}/audit/")
    rows = page.locator("#audit-rows tbody tr")
    expect(rows.first).to_contain_text("登录")  # the staff's own sign-in, just now
    expect(rows.first).to_contain_text("127.0.0.1")
    expect(page.locator("#audit-rows")).to_contain_text("创建中 → 已申报")
    shot(page, f"audit-{width}")

    if screen == "phone":  # the filters fold behind their button
        expect(page.locator("#id_action")).to_be_hidden()
        page.click("#audit-filters-toggle")
    page.select_option("#id_action", label="提交申报")
    page.select_option("#id_org", value=str(world.committee_a.pk))
    page.click("#audit-filters button[type=submit]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("支部A")
    if screen == "phone":  # the row is a card: each value under its label, nothing cut off
        cell = rows.first.locator("td[data-label=变更]")
        expect(cell).to_be_visible()
        assert cell.bounding_box()["width"] <= width
    shot(page, f"audit-{width}-filtered")

    with page.expect_download() as download:
        page.click("#audit-export")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][2] == "提交申报"
    context.close()
