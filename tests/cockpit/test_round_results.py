"""评选结果 on the cockpit: entries of the subtree's brands in the committee's rounds (this year
and in all), brands named in 验收评选 by tier, 复评 conclusions and the latest rounds, each figure
opening a list as long as the figure; the same numbers in the API; the 命名决定 refreshes them.
And the heat map: a subsidiary without brands is a row that says so, not blank cells."""

import html
import io
import json
import re
from datetime import timedelta

import docx
import pytest
from django.test import Client
from django.urls import reverse

from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create
from partybrand.cockpit import compute
from partybrand.cockpit.models import OrgRollup
from partybrand.core import clock
from partybrand.orgs.choices import OrgKind
from partybrand.rounds.choices import EntryStatus, RoundKind
from partybrand.rounds.models import Entry, Round, RoundTier
from partybrand.rounds.services import naming, publicity
from tests.factories import make_org
from tests.helpers import api_client, assert_queries_flat, client_for, login
from tests.rounds.panel_helpers import panel_round, scored_and_confirmed

pytestmark = pytest.mark.django_db


def a_round(world, kind, year, title):
    round_ = Round.objects.create(
        committee=world.group, kind=kind, year=year, title=title, created_by=world.staff
    )
    tiers = {
        tier: RoundTier.objects.create(
            round=round_, name=label, brand_tier=tier, rank=rank, quota=5
        )
        for rank, (tier, label) in enumerate(
            [("demonstration", "示范品牌"), ("cultivated", "培育品牌")], start=1
        )
    }
    return round_, tiers


def enter(world, round_, brand, status, tier=None, outcome=""):
    return Entry.objects.create(
        round=round_,
        brand=brand,
        org=brand.org,
        status=status,
        awarded_tier=tier,
        outcome=outcome,
        created_by=world.staff,
    )


def rounds_world(world):
    """Last year's 验收评选 named 红色引擎 (支部A) 示范 and 蓝色先锋 (支部B) 培育, did not name
    绿野 (支部B), and 甲公司红帆 (甲公司党委) withdrew; this year's 复评 downgraded 红色引擎
    and took 蓝色先锋's name away (摘牌); this year's 验收评选 is open: 绿野 submitted, 甲公司红帆
    is still a draft."""
    year = clock.today().year
    red = world.brand
    blue = brand_create(actor=world.outsider, org=world.branch_b, name="蓝色先锋", slogan="先锋")
    green = brand_create(actor=world.outsider, org=world.branch_b, name="绿野", slogan="生态")
    gold = brand_create(actor=world.mid_admin, org=world.committee_a, name="甲公司红帆", slogan="")
    past, tiers = a_round(world, RoundKind.ACCEPTANCE, year - 1, f"{year - 1}年度验收评选")
    enter(world, past, red, EntryStatus.NAMED, tiers["demonstration"])
    enter(world, past, blue, EntryStatus.NAMED, tiers["cultivated"])
    enter(world, past, green, EntryStatus.NOT_NAMED)
    enter(world, past, gold, EntryStatus.WITHDRAWN)
    review, tiers = a_round(world, RoundKind.REREVIEW, year, f"{year}年度复评")
    enter(world, review, red, EntryStatus.NAMED, tiers["cultivated"], "downgrade")
    enter(world, review, blue, EntryStatus.NAMED, None, "revoke")
    current, _tiers = a_round(world, RoundKind.ACCEPTANCE, year, f"{year}年度验收评选")
    enter(world, current, green, EntryStatus.SUBMITTED)
    enter(world, current, gold, EntryStatus.DRAFT)
    compute.recompute()
    return past, review, current


def panel_links(page: str, panel_id: str) -> list[tuple[str, int]]:
    """Every (list link, figure) in the section `panel_id` of the page."""
    start = page.index(f'id="{panel_id}"')
    end = page.find('class="pb-card', start + 1)
    section = page[start : end if end > 0 else len(page)]
    found = []
    for href, inner in re.findall(
        r'href="(/cockpit/orgs/\d+/entries/[^"]*)"[^>]*>(.*?)</a>', section, re.S
    ):
        numbers = re.findall(r"\d+", re.sub(r"<[^>]+>", " ", inner))
        found.append((html.unescape(href), int(numbers[-1])))
    return found


def listed(client, url: str) -> tuple[int, int]:
    """(the count the list states, the rows it shows)."""
    page = client.get(url).content.decode()
    stated = re.search(r'data-testid="entry-count">(\d+)<', page)
    assert stated is not None, url
    return int(stated.group(1)), page.count("<tr data-entry=")


def figure(page: str, testid: str) -> int:
    found = re.search(rf'data-testid="{testid}"[^>]*>(\d+)<', page)
    assert found is not None, testid
    return int(found.group(1))


def test_the_panel_shows_the_subtrees_round_results(world):
    past, review, current = rounds_world(world)
    client = login(world, "staff")
    page = client.get(reverse("cockpit:org", args=[world.group.pk])).content.decode()
    assert "评选结果" in page
    # 红色引擎, 蓝色先锋, 绿野 last year; the 复评's two; 绿野 this year (no draft, no withdrawal)
    assert figure(page, "round-entries") == 6
    assert figure(page, "round-entries-year") == 3
    assert figure(page, "round-named") == 2
    assert figure(page, "round-named-year") == 0
    assert figure(page, "round-tier-demonstration") == 1
    assert figure(page, "round-tier-cultivated") == 1
    assert figure(page, "round-tier-flagship") == 0
    assert figure(page, "round-outcome-downgrade") == 1
    assert figure(page, "round-outcome-revoke") == 1
    assert figure(page, "round-outcome-keep") == 0
    # The latest round first, each with its own numbers.
    rows = re.findall(r'<tr data-round="(\d+)">', page)
    assert rows == [str(current.pk), str(review.pk), str(past.pk)]
    assert f"最近一次评选：<b>{current.title}</b>" in page
    # 甲公司党委's cockpit (a 二级党委's drill-down): 红色引擎 only, its 红帆 withdrew.
    mid = login(world, "mid_admin")
    sub = mid.get(reverse("cockpit:org", args=[world.committee_a.pk])).content.decode()
    assert figure(sub, "round-entries") == 2
    assert figure(sub, "round-named") == figure(sub, "round-tier-demonstration") == 1
    assert figure(sub, "round-outcome-downgrade") == 1
    assert figure(sub, "round-outcome-revoke") == 0
    assert re.findall(r'<tr data-round="(\d+)">', sub) == [str(review.pk), str(past.pk)]


def test_every_round_figure_opens_a_list_as_long_as_the_figure(world):
    rounds_world(world)
    for user, org in ((world.staff, world.group), (world.mid_admin, world.committee_a)):
        client = client_for(user)
        page = client.get(reverse("cockpit:org", args=[org.pk])).content.decode()
        links = panel_links(page, "round-results")
        assert len(links) >= 15
        for url, shown in links:
            assert listed(client, url) == (shown, shown), url
    # The children's 参评 and 获命名 columns open their lists too.
    client = client_for(world.staff)
    page = client.get(reverse("cockpit:org", args=[world.group.pk])).content.decode()
    kids = panel_links(page, "children")
    assert len(kids) == 4
    for url, shown in kids:
        assert listed(client, url) == (shown, shown), url
    assert [shown for _url, shown in kids] == [2, 1, 4, 1]  # 甲: 参评 2, 获命名 1; 乙: 4, 1


def test_the_list_says_what_it_holds(world):
    past, _review, _current = rounds_world(world)
    client = login(world, "staff")
    url = reverse("cockpit:entry_list", args=[world.group.pk])
    page = client.get(f"{url}?kind=acceptance&result=named&tier=demonstration").content.decode()
    assert "验收评选获命名示范品牌的参评申报（共" in page and "红色引擎" in page
    assert "蓝色先锋" not in page
    page = client.get(f"{url}?round={past.pk}").content.decode()
    assert f"“{past.title}”的参评申报" in page
    assert "甲公司红帆" not in page  # withdrawn
    # Filters a figure never writes are dropped, not an error.
    assert listed(client, f"{url}?year=abc&tier=gold&kind=x") == (6, 6)
    assert listed(client, f"{url}?round=99999999999999999999") == (6, 6)


def test_who_may_open_the_list_behind_a_round_figure(world):
    rounds_world(world)
    group_list = reverse("cockpit:entry_list", args=[world.group.pk])
    mid_list = reverse("cockpit:entry_list", args=[world.committee_a.pk])
    anonymous = Client().get(group_list)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    # Out of reach: another company's secretary, and a 二级党委 above its own cockpit.
    assert login(world, "outsider").get(mid_list).status_code == 404
    assert login(world, "mid_admin").get(group_list).status_code == 404
    # A member sees the organisation but has no cockpit: refused, and told why.
    refused = login(world, "member").get(reverse("cockpit:entry_list", args=[world.branch_a.pk]))
    assert refused.status_code == 403
    assert "红色引擎" not in refused.content.decode()
    assert listed(login(world, "mid_admin"), mid_list) == (2, 2)
    assert listed(login(world, "staff"), group_list) == (6, 6)


def test_the_api_gives_the_panels_figures(world):
    rounds_world(world)
    page = login(world, "staff").get(reverse("cockpit:org", args=[world.group.pk]))
    text = page.content.decode()
    data = (
        api_client(world.staff).get(reverse("api:cockpit-org-detail", args=[world.group.pk])).json()
    )
    rr = data["rounds"]
    assert rr["entries"] == figure(text, "round-entries") == 6
    assert rr["entries_year"] == figure(text, "round-entries-year")
    assert rr["named"] == figure(text, "round-named")
    assert rr["named_year"] == figure(text, "round-named-year")
    assert rr["year"] == clock.today().year
    for t in rr["tiers"]:
        assert t["count"] == figure(text, f"round-tier-{t['tier']}")
    for o in rr["outcomes"]:
        assert o["count"] == figure(text, f"round-outcome-{o['outcome']}")
    assert [r["id"] for r in rr["recent"]] == [
        int(pk) for pk in re.findall(r'<tr data-round="(\d+)">', text)
    ]
    assert rr["latest"] == rr["recent"][0]
    assert {c["name"]: (c["round_entries"], c["round_named"]) for c in data["children"]} == {
        "甲公司党委": (2, 1),
        "乙公司党委": (4, 1),
    }


def test_round_figures_take_the_same_queries_for_few_or_many_rounds(world):
    rounds_world(world)
    staff = login(world, "staff")
    api = api_client(world.staff)
    group = world.group.pk
    listing = reverse("cockpit:entry_list", args=[group])

    def more():
        year = clock.today().year
        for i in range(6):
            org = make_org(world.committee_b, f"新增支部{i}", OrgKind.BRANCH, f"TR{i}")
            brand = brand_create(actor=world.staff, org=org, name=f"新品牌{i}", slogan="")
            for n in range(3):
                round_, tiers = a_round(world, RoundKind.ACCEPTANCE, year - n, f"第{i}-{n}批")
                enter(world, round_, brand, EntryStatus.NAMED, tiers["cultivated"])
        compute.recompute()

    assert_queries_flat(
        more,
        lambda: staff.get(reverse("cockpit:org", args=[group])),
        lambda: staff.get(reverse("cockpit:screen", args=[group])),
        lambda: staff.get(listing),
        lambda: staff.get(f"{listing}?kind=acceptance&result=named&tier=cultivated"),
        lambda: staff.get(reverse("cockpit:export_xlsx", args=[group])),
        lambda: api.get(reverse("api:cockpit-org-detail", args=[group])),
    )
    # Only the latest rounds are kept with their numbers, however many there were.
    assert len(OrgRollup.objects.get(org=world.group).rounds) == 5


def named_by_a_rereview(world, monkeypatch, django_capture_on_commit_callbacks):
    """A 复评 through the experts, 公示 and the 命名决定, the rollups refreshed only by the
    events: 红色引擎 (示范) keeps its tier, 蓝色先锋 (培育) reaches none and loses its name."""
    round_, entries, members = panel_round(
        world,
        kind="rereview",
        title="2026年度党建品牌复评",
        brand_states=[("named", "demonstration"), ("named", "cultivated")],
    )
    compute.recompute()
    before = OrgRollup.objects.get(org=world.group)
    assert (before.round_entries, before.round_outcomes) == (2, {})
    scored_and_confirmed(world, round_, entries, members, rate="0.9")
    Entry.objects.filter(pk=entries[1].pk).update(awarded_tier=None, outcome="revoke")
    round_ = publicity.publicity_start(actor=world.staff, round=round_)
    decided = round_.publicity_ends_on + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: decided)
    with django_capture_on_commit_callbacks(execute=True):
        naming.naming_decide(actor=world.committee_admin, round=round_, today=decided)
    return round_


def test_the_naming_decision_refreshes_the_round_figures(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    named_by_a_rereview(world, monkeypatch, django_capture_on_commit_callbacks)
    assert Brand.objects.get(name="蓝色先锋").status == "revoked"
    after = OrgRollup.objects.get(org=world.group)
    assert after.round_outcomes == {"keep": 1, "revoke": 1}
    b = OrgRollup.objects.get(org=world.committee_b)
    assert b.round_outcomes == {"revoke": 1}
    # The 摘牌 brand leaves the tiers with the same refresh.
    assert after.tiers == {"demonstration": 1}
    page = login(world, "staff").get(reverse("cockpit:org", args=[world.group.pk]))
    text = page.content.decode()
    assert figure(text, "round-outcome-revoke") == figure(text, "round-outcome-keep") == 1


def test_a_subsidiary_without_brands_says_so_in_the_heat_map(world):
    compute.recompute()
    client = login(world, "staff")
    page = client.get(reverse("cockpit:org", args=[world.group.pk])).content.decode()
    chart = json.loads(
        re.search(
            r'<script id="cockpit-data" type="application/json">(.*?)</script>', page, re.S
        ).group(1)
    )
    heat = chart["heat"]
    assert heat["orgs"] == ["甲公司党委", "乙公司党委"]
    # 甲公司党委's six parts are figures; 乙公司党委 (no brands) is a row that says so.
    assert {cell[1] for cell in heat["cells"]} == {0}
    assert all(cell[2] is not None for cell in heat["cells"])
    assert heat["empty"] == [[j, 1, "暂无品牌"] for j in range(6)]
    row = page[page.index(f'data-org="{world.committee_b.pk}"') :].split("</tr>")[0]
    assert "暂无品牌" in row


def test_the_analysis_report_states_the_round_results(world):
    past, _review, current = rounds_world(world)
    url = reverse("documents:document_docx", args=["cockpit", world.group.pk, "cockpit-report"])
    response = login(world, "staff").get(url)
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "三、评选结果" in texts
    text = "\n".join(texts)
    year = clock.today().year
    assert f"测试集团党委及所属党组织的品牌累计参加评选6项，其中{year}年度3项。" in text
    assert f"验收评选累计获命名2个（{year}年度0个），其中示范品牌1个、培育品牌1个。" in text
    assert "复评结论：降级1个，摘牌1个。" in text
    assert f"最近一次评选为“{current.title}”（验收评选），参评1项，获命名0项。" in text
    assert "对复评中降级或摘牌的2个品牌，督促查找差距、重新培育。" in text
    tables = {
        tuple(cell.text for cell in t.rows[0].cells): [[c.text for c in r.cells] for r in t.rows]
        for t in document.tables
    }
    summary = {row[0]: row[1] for row in tables[("项目", "项数")][1:]}
    assert summary[f"{year}年度参评"] == "3" and summary["累计参评"] == "6"
    assert summary["获命名：示范品牌"] == "1" and summary["复评结论：摘牌"] == "1"
    recent = tables[("评选批次", "年度", "类型", "参评", "结果")][1:]
    assert recent[-1] == [past.title, str(year - 1), "验收评选", "3", "获命名2项"]
