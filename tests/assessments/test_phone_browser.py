"""The self-assessment page on a phone (390 px): nothing wider than the screen, every score
field reachable, and the remove-reviewer button works for the level above."""

import pytest
from playwright.sync_api import expect

from partybrand.assessments.services import self_assessment as services_self
from tests.browser import shot, sign_in
from tests.permissions.cases.assessments import leaf, reviewing, started

pytestmark = pytest.mark.browser


def test_self_assessment_fits_a_phone(live_server, live_world, page):
    a = started(live_world)
    services_self.self_scores_save(
        actor=live_world.secretary,
        assessment=a,
        rows={leaf(a.system, "2.1").pk: {"value": "28", "text": "全年支委会12次、党员大会4次"}},
    )
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/assessments/{a.pk}/")
    field = page.locator(f"#value_{leaf(a.system, '2.2').pk}")
    field.scroll_into_view_if_needed()
    expect(field).to_be_visible()
    box = field.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "assessments-self-phone-390")

    # The level above takes a reviewer off (on the phone too), after confirming.
    b, assignment = reviewing(live_world, period="2026年度")
    page.on("dialog", lambda dialog: dialog.accept())
    page.context.clear_cookies()
    sign_in(page, live_server, "midadmin")
    page.goto(f"{live_server.url}/assessments/{b.pk}/#review")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("[data-testid=remove-reviewer]")
    expect(page.locator(".alert-success")).to_contain_text("已移除评审人")
    expect(page.locator("#review")).to_contain_text("尚未指派评审人")
    shot(page, "assessments-remove-reviewer-390")
    assert not b.assignments.exists()
