"""A round's overview: the funnel counts and each stage's list, a page at a time, as each
user sees them (its runners every entry, a branch its own)."""

import re

from django.urls import reverse

from partybrand.brands.services import brand_create
from partybrand.rounds import selectors
from partybrand.rounds.services import entries as services
from tests.helpers import client_for
from tests.rounds.helpers import at_stage, open_round


def _enter(round_, secretary, org, names):
    tier = round_.tiers.first()
    for name in names:
        brand = brand_create(actor=secretary, org=org, name=name, slogan="先锋在前")
        at_stage(brand, round_)
        entry = services.entry_create(actor=secretary, round=round_, brand=brand, tier=tier)
        services.entry_submit(actor=secretary, entry=entry)


def _rows(html: str) -> int:
    return html.count('data-testid="entry-row"')


def _entered(html: str) -> int:
    found = re.search(r'data-funnel="entered">\s*<div[^>]*>已申报</div><div[^>]*>(\d+)</div>', html)
    assert found, "the funnel shows how many entered"
    return int(found.group(1))


def test_the_runner_pages_through_every_entry_of_a_stage(world, monkeypatch):
    monkeypatch.setattr(selectors, "STAGE_ROWS", 2)
    round_ = open_round(world)
    _enter(round_, world.secretary, world.branch_a, ["先锋一号", "先锋二号", "先锋三号"])
    _enter(round_, world.outsider, world.branch_b, ["乙方品牌"])
    staff = client_for(world.staff)
    url = reverse("rounds:round_detail", args=[round_.pk])

    first = staff.get(url, {"stage": "entered"}).content.decode()
    second = staff.get(url, {"stage": "entered", "page": 2}).content.decode()

    assert _entered(first) == 4
    assert _rows(first) == 2 and _rows(second) == 2
    assert "共 4 条" in first
    listed = [n for n in ["先锋一号", "先锋二号", "先锋三号", "乙方品牌"] if n in first + second]
    assert len(listed) == 4  # every entry reachable, none twice


def test_a_branch_sees_only_its_own_entries_in_the_funnel_and_the_list(world):
    round_ = open_round(world)
    _enter(round_, world.secretary, world.branch_a, ["先锋一号", "先锋二号"])
    _enter(round_, world.outsider, world.branch_b, ["乙方品牌"])

    html = (
        client_for(world.outsider)
        .get(reverse("rounds:round_detail", args=[round_.pk]), {"stage": "entered"})
        .content.decode()
    )

    assert _entered(html) == 1
    assert _rows(html) == 1
    assert "乙方品牌" in html and "先锋一号" not in html


def _mine(html: str) -> str:
    """The 本单位申报 card, empty when the page has none."""
    if 'id="mine"' not in html:
        return ""
    card = html[html.index('id="mine"') :]
    return card[: card.index("</div></div>")]


def test_a_branch_finds_its_own_entries_under_its_units_card_and_the_office_none(world):
    round_ = open_round(world)
    _enter(round_, world.secretary, world.branch_a, ["先锋一号", "先锋二号"])
    _enter(round_, world.outsider, world.branch_b, ["乙方品牌"])
    url = reverse("rounds:round_detail", args=[round_.pk])

    mine = _mine(client_for(world.secretary).get(url).content.decode())
    assert "先锋一号" in mine and "先锋二号" in mine and "乙方品牌" not in mine
    # The 党建工作部 holds its roles at the group itself, where nothing was entered.
    assert _mine(client_for(world.staff).get(url).content.decode()) == ""
