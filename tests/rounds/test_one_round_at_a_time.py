"""A brand is in one open round of a kind at a time: a second 验收评选 (or 立项评审 …) is refused,
by the service, on the entry page and through the API, naming the round it is already in; it
may enter once that entry is withdrawn, and a round of another kind is not concerned."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partybrand.rounds.models import Entry
from partybrand.rounds.services import entries as services
from tests.helpers import api_client, client_for
from tests.rounds.helpers import open_round


def enter(w, round_):
    return services.entry_create(
        actor=w.secretary, round=round_, brand=w.brand, tier=round_.tiers.get(rank=2)
    )


@pytest.fixture
def two_rounds(world):
    first = open_round(world, title="2026年度第一批党建品牌验收评选")
    second = open_round(world, title="2026年度第二批党建品牌验收评选")
    return first, second


def test_a_brand_in_one_open_acceptance_round_is_refused_by_another(world, two_rounds):
    first, second = two_rounds
    enter(world, first)
    with pytest.raises(ValidationError) as refused:
        enter(world, second)
    text = refused.value.message_dict["brand"][0]
    assert "2026年度第一批党建品牌验收评选" in text and "撤回" in text
    assert not Entry.objects.filter(round=second).exists()


def test_withdrawing_the_first_entry_frees_the_brand_for_another_round(world, two_rounds):
    first, second = two_rounds
    services.entry_withdraw(actor=world.secretary, entry=enter(world, first))
    entry = enter(world, second)
    assert Entry.objects.get(pk=entry.pk).round == second


def test_a_round_of_another_kind_takes_the_brand_all_the_same(world, two_rounds):
    first, _second = two_rounds
    enter(world, first)
    midterm = open_round(world, title="2026年度党建品牌中期检查", kind="midterm")
    entry = enter(world, midterm)
    assert Entry.objects.filter(brand=world.brand).count() == 2
    assert entry.round.kind == "midterm"


def test_the_entry_page_warns_before_and_refuses_with_the_other_rounds_name(world, two_rounds):
    first, second = two_rounds
    enter(world, first)
    url = reverse("rounds:entry_create", args=[second.pk])
    client = client_for(world.secretary)
    page = client.get(url)
    assert page.status_code == 200
    assert "已申报“2026年度第一批党建品牌验收评选”" in page.content.decode()
    tier = second.tiers.get(rank=2)
    answer = client.post(url, {"brand": world.brand.pk, "tier": tier.pk, "statement": ""})
    assert answer.status_code == 400
    assert "2026年度第一批党建品牌验收评选" in answer.content.decode()
    assert not Entry.objects.filter(round=second).exists()


def test_the_api_refuses_the_second_round_and_says_which_round_holds_the_brand(world, two_rounds):
    first, second = two_rounds
    enter(world, first)
    body = {"round": second.pk, "brand": world.brand.pk, "tier": second.tiers.get(rank=2).pk}
    answer = api_client(world.secretary).post("/api/v1/round-entries/", body, format="json")
    assert answer.status_code == 400
    assert "2026年度第一批党建品牌验收评选" in str(answer.json())
    assert not Entry.objects.filter(round=second).exists()
    assert api_client(world.outsider).post(
        "/api/v1/round-entries/", body, format="json"
    ).status_code in (403, 404)
    services.entry_withdraw(actor=world.secretary, entry=Entry.objects.get(round=first))
    made = api_client(world.secretary).post("/api/v1/round-entries/", body, format="json")
    assert made.status_code == 201
    assert Entry.objects.filter(round=second, brand=world.brand).count() == 1
