"""A double click on "从模板创建计划" in a real browser makes one plan: the page's script ignores
the second click, and the server's one-time token stops the same form sent twice past it."""

import time

import pytest
from playwright.sync_api import expect

from partybrand.core import clock
from partybrand.core.submissions import REPEATED
from partybrand.plans import services as plan_services
from partybrand.plans.models import Plan
from tests.browser import shot, sign_in
from tests.plans.helpers import START

pytestmark = pytest.mark.browser


@pytest.fixture
def slow_template(monkeypatch):
    """Creating from the template takes a moment, as it does on a busy server."""
    real = plan_services.plan_from_template

    def slow(*args, **kwargs):
        plan = real(*args, **kwargs)
        time.sleep(0.3)
        return plan

    monkeypatch.setattr(plan_services, "plan_from_template", slow)
    monkeypatch.setattr(clock, "today", lambda: START)


def open_create_form(page, live_server, w):
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/plans/new/?brand={w.brand.pk}")
    page.fill("#id_start", START.isoformat())
    page.select_option("#id_owner", str(w.member.pk))
    page.select_option("#id_checker", str(w.branch_committee.pk))


def test_a_double_click_on_create_from_template_makes_one_plan(
    live_server, live_world, browser, slow_template
):
    w = live_world
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    open_create_form(page, live_server, w)
    page.dblclick("[data-testid=plan-create-submit]")
    expect(page.get_by_text("计划已创建")).to_be_visible()
    expect(page.locator("[data-testid=phase]")).to_have_count(5)
    shot(page, "submissions-01-double-click-one-plan")
    plan = Plan.objects.get(brand=w.brand)
    assert plan.tasks.count() == 17


def test_the_same_form_sent_twice_at_once_makes_one_plan(
    live_server, live_world, browser, slow_template
):
    """Past the page's script (a flaky network resending, a second tab): the form's own data,
    token and all, posted twice at the same moment."""
    w = live_world
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    open_create_form(page, live_server, w)
    finals = page.evaluate(
        """async (repeated) => {
            const form = document.querySelector("[data-testid=plan-create-submit]").form;
            const send = () => fetch(window.location.href, {
                method: "POST", body: new FormData(form), credentials: "same-origin"
            });
            const answers = await Promise.all([send(), send()]);
            return Promise.all(answers.map(async (a) => [
                a.status, new URL(a.url).pathname, (await a.text()).includes(repeated)
            ]));
        }""",
        REPEATED,
    )
    plan = Plan.objects.get(brand=w.brand)
    assert plan.tasks.count() == 17
    # Both end on the one plan. Which page shows "already sent" is not asserted here: the two
    # answers' message cookies race in the browser's one cookie jar, and the last written wins
    # (tests/core/test_submissions.py checks the message where requests do not share a jar).
    assert [status for status, _path, _told in finals] == [200, 200]
    assert {path for _status, path, _told in finals} == {f"/plans/{plan.pk}/"}
