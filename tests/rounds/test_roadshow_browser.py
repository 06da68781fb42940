"""A 现场路演 in a browser: the chair runs the console on a desk, two experts score on phones,
the sheets lock when the chair closes the entry, and the room screen shows the score only once
the chair releases it."""

import pytest
from playwright.sync_api import expect

from partybrand.rounds.models import Entry
from tests.browser import shot, sign_in
from tests.rounds.panel_helpers import panel_round

pytestmark = pytest.mark.browser


def score_on_phone(phone, live_server, round_pk, share: float) -> None:
    phone.goto(f"{live_server.url}/rounds/{round_pk}/sheets/")
    phone.locator("[data-testid=score-now]").click()
    for field in phone.locator("input[name^=item_]").all():
        top = float(field.get_attribute("max"))
        field.fill(f"{round(top * share * 2) / 2:g}")
    phone.fill("#id_comments", "路演陈述清楚，成效数据扎实。")
    phone.click("[data-testid=submit-sheet]")
    expect(phone.get_by_text("评分表已提交")).to_be_visible()


def test_roadshow_with_two_experts_on_phones_and_the_chair(live_server, live_world, browser):
    w = live_world
    round_, entries, _members = panel_round(w, experts=("expA", "expB"))
    first = entries[0]

    desk = browser.new_page(viewport={"width": 1400, "height": 900})
    sign_in(desk, live_server, "expA")  # the group's 组长
    desk.goto(f"{live_server.url}/rounds/{round_.pk}/roadshow/")
    desk.click("[data-testid=start-roadshow]")
    expect(desk.get_by_text("现场路演已开始")).to_be_visible()
    screen = browser.new_page(viewport={"width": 1280, "height": 720})
    sign_in(screen, live_server, "staff")  # the room's computer
    screen.goto(f"{live_server.url}/rounds/{round_.pk}/screen/")
    desk.click(f"[data-testid=open-{first.pk}]")
    expect(desk.locator("[data-testid=timer]")).to_be_visible()
    shot(desk, "rounds-01-chair-console")

    phones = []
    for username, share in (("expA", 0.9), ("expB", 0.8)):
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        sign_in(phone, live_server, username)
        score_on_phone(phone, live_server, round_.pk, share)
        phones.append(phone)
    shot(phones[1], "rounds-02-expert-scored-on-phone")

    expect(screen.locator("[data-testid=screen-entry]")).to_have_text(first.brand.name)
    expect(screen.locator("[data-testid=screen-score]")).to_have_count(0)

    desk.reload()
    desk.click("[data-testid=close-entry]")
    expect(desk.get_by_text("评分表已锁定")).to_be_visible()
    # A phone reopening the sheet finds it locked.
    phones[0].goto(f"{live_server.url}/rounds/{round_.pk}/sheets/")
    phones[0].locator("[data-testid=sheet-row]").first.click()
    expect(phones[0].locator("[data-testid=closed]")).to_contain_text("锁定")
    # The screen waits for the chair.
    expect(screen.locator("[data-testid=screen-wait]")).to_be_visible(timeout=10000)
    expect(screen.locator("[data-testid=screen-score]")).to_have_count(0)

    desk.click("[data-testid=release]")
    score = Entry.objects.get(pk=first.pk).expert_score
    expect(screen.locator("[data-testid=screen-score]")).to_have_text(f"{score}", timeout=10000)
    shot(screen, "rounds-03-room-screen")
