"""The round pages and endpoints cost the same queries with a few entries or many."""

from django.urls import reverse

from partybrand.brands.services import brand_create
from partybrand.rounds.choices import EntryStatus
from partybrand.rounds.models import Entry
from partybrand.rounds.services import entries as services
from tests.helpers import api_client, assert_queries_flat, client_for
from tests.rounds.helpers import at_stage, open_round


def _entries(world, round_, start, stop):
    tier = round_.tiers.first()
    for i in range(start, stop):
        brand = brand_create(
            actor=world.secretary, org=world.branch_a, name=f"先锋品牌{i}", slogan="先锋在前"
        )
        at_stage(brand, round_)
        entry = services.entry_create(actor=world.secretary, round=round_, brand=brand, tier=tier)
        services.entry_submit(actor=world.secretary, entry=entry)


def test_the_overview_the_list_and_the_entries_endpoint_do_not_grow_with_entries(world):
    round_ = open_round(world)
    _entries(world, round_, 0, 2)
    staff = client_for(world.staff)
    api = api_client(world.staff)
    detail = reverse("rounds:round_detail", args=[round_.pk])
    assert_queries_flat(
        lambda: _entries(world, round_, 2, 12),
        lambda: staff.get(detail),
        lambda: staff.get(reverse("rounds:round_list")),
        lambda: staff.get(reverse("rounds:my_tasks")),
        lambda: api.get(reverse("api:round-entry-list"), {"round": round_.pk}),
    )


def test_the_rounds_list_does_not_grow_with_rounds(world):
    open_round(world)
    staff = client_for(world.staff)
    api = api_client(world.member)

    def more():
        for i in range(4):
            open_round(world, title=f"第{i}批")

    assert_queries_flat(
        more,
        lambda: staff.get(reverse("rounds:round_list")),
        lambda: api.get(reverse("api:round-list")),
    )


def test_the_ranking_page_does_not_grow_with_ranked_entries(world):
    round_ = open_round(world)
    _entries(world, round_, 0, 2)

    def rank_all():
        for n, pk in enumerate(
            Entry.objects.filter(round=round_).order_by("id").values_list("pk", flat=True), start=1
        ):
            Entry.objects.filter(pk=pk).update(rank=n, status=EntryStatus.RANKED)

    rank_all()
    staff = client_for(world.staff)
    url = reverse("rounds:results", args=[round_.pk])
    assert staff.get(url).content.decode().count("先锋品牌") >= 2
    assert_queries_flat(
        lambda: (_entries(world, round_, 2, 12), rank_all()), lambda: staff.get(url)
    )
