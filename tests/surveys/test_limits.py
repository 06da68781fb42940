"""Anonymous answers from one address are limited per survey, per clock minute and hour, whatever
device cookie they carry: the finding was 56 answers in 1.5 s from one address by opening the
page afresh before each (a new cookie), and up to 7,200 an hour. The windows end exactly with
the clock, with the caches production uses."""

from datetime import UTC, datetime

from django.test import Client
from rest_framework.test import APIClient

from partybrand.surveys.choices import RepeatPolicy
from partybrand.surveys.models import Response
from tests.helpers import moving_clock
from tests.permissions.cases.surveys import form_answers, make_survey
from tests.surveys.test_api import json_answers, public
from tests.surveys.test_pages import public_url

TEN_O_CLOCK = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


def fresh_phone(survey, address="10.8.0.1") -> Client:
    """A browser that has just opened the page, so it holds a new device cookie."""
    client = Client(REMOTE_ADDR=address)
    client.get(public_url(survey))
    return client


def answer(survey, address="10.8.0.1"):
    return fresh_phone(survey, address).post(public_url(survey), form_answers(survey))


def test_fresh_device_cookies_do_not_buy_more_answers_from_one_address(world, monkeypatch):
    moving_clock(monkeypatch, TEN_O_CLOCK)
    survey = make_survey(world, repeat_policy=RepeatPolicy.DEVICE)
    statuses = [answer(survey).status_code for _ in range(56)]
    assert statuses.count(302) == 30 and statuses.count(429) == 26
    assert Response.objects.count() == 30
    refused = answer(survey)
    page = refused.content.decode()
    assert "同一网络提交过于频繁，请 1 分钟后再试" in page and "已填写的内容保存在本机" in page
    assert refused["Retry-After"] == "60"


def test_an_hour_from_one_address_takes_at_most_the_hourly_limit(world, settings, monkeypatch):
    settings.PUBLIC_SUBMISSIONS_PER_MINUTE = 5
    settings.PUBLIC_SUBMISSIONS_PER_HOUR = 12
    now = moving_clock(monkeypatch, TEN_O_CLOCK)
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    stored = []
    for _minute in range(10):
        stored += [answer(survey).status_code == 302 for _ in range(6)]
        now.advance(60)
    assert sum(stored) == 12
    now.moment = TEN_O_CLOCK.replace(minute=59, second=30)
    refused = answer(survey)
    assert refused.status_code == 429 and refused["Retry-After"] == "30"
    now.advance(30)  # 11:00: a new hour
    assert answer(survey).status_code == 302


def test_another_address_and_another_survey_have_their_own_counts(world, settings, monkeypatch):
    settings.PUBLIC_SUBMISSIONS_PER_MINUTE = 2
    moving_clock(monkeypatch, TEN_O_CLOCK)
    first = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    second = make_survey(world, title="第二份问卷", repeat_policy=RepeatPolicy.NONE)
    assert [answer(first).status_code for _ in range(3)] == [302, 302, 429]
    assert answer(first, address="10.8.0.2").status_code == 302
    assert answer(second).status_code == 302


def test_an_ipv6_client_counts_as_its_whole_64_network(world, settings, monkeypatch):
    settings.PUBLIC_SUBMISSIONS_PER_MINUTE = 2
    moving_clock(monkeypatch, TEN_O_CLOCK)
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    addresses = ["2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:abcd::3"]
    assert [answer(survey, address).status_code for address in addresses] == [302, 302, 429]


def test_the_public_api_is_limited_alike(world, settings, monkeypatch):
    settings.PUBLIC_SUBMISSIONS_PER_MINUTE = 2
    moving_clock(monkeypatch, TEN_O_CLOCK.replace(second=15))
    survey = make_survey(world, repeat_policy=RepeatPolicy.DEVICE)
    codes = []
    for _ in range(3):
        client = APIClient(REMOTE_ADDR="10.8.0.9")
        client.get(public(survey))
        codes.append(client.post(public(survey), json_answers(survey), format="json"))
    assert [c.status_code for c in codes] == [201, 201, 429]
    assert codes[2].json()["detail"].startswith("同一网络提交过于频繁，请 1 分钟后再试")
    assert codes[2]["Retry-After"] == "45"


def test_the_windows_end_exactly_with_the_caches_production_uses(
    world, settings, monkeypatch, production_cache
):
    """With the file cache an increment rewrote the entry with the default 300-second timeout;
    the windows now end with the clock, and an hour's count survives its first five minutes."""
    settings.PUBLIC_SUBMISSIONS_PER_MINUTE = 3
    settings.PUBLIC_SUBMISSIONS_PER_HOUR = 4
    now = moving_clock(monkeypatch, TEN_O_CLOCK)
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    assert [answer(survey).status_code for _ in range(4)] == [302, 302, 302, 429]
    now.advance(59)
    assert answer(survey).status_code == 429
    now.advance(1)  # 10:01
    assert answer(survey).status_code == 302
    now.advance(400)  # 10:07:40: past the file cache's default timeout, the hour still counts
    assert answer(survey).status_code == 429
    now.moment = TEN_O_CLOCK.replace(hour=3)
    assert answer(survey).status_code == 302
