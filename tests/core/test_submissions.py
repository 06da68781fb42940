"""Every create is safe to double-click and to retry: a page form carries a one-time
submission_token and an API create an Idempotency-Key; the token's row is written in the same
transaction as what it creates and is unique per (user, token), so the same token again creates
nothing and is answered with the first result.

The races run real threads against the test database (a file on SQLite, see settings_test.py;
PostgreSQL when the suite runs with DATABASE_URL), each request holding its transaction a
moment so the second one arrives while the first is still open."""

import datetime
import io
import time

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partybrand.brands import api as brands_api
from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.core.models import SubmissionToken
from partybrand.core.submissions import FIELD, HEADER, REPEATED
from partybrand.plans import services as plan_services
from partybrand.plans.models import Plan
from partybrand.supervision.models import RectificationItem
from partybrand.supervision.services import reviews as review_services
from tests.factories import build_world
from tests.helpers import api_client, race
from tests.permissions.cases.supervision import make_meeting, today

START = datetime.date(2026, 3, 2)
KEY = f"HTTP_{HEADER.upper().replace('-', '_')}"  # the Idempotency-Key header, as Django names it
HOLD = 0.4  # seconds each create keeps its transaction open, so the racing one must wait


@pytest.fixture
def racing_world(transactional_db):
    return build_world()


def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def plan_post(world, token=None) -> dict:
    data = {
        "org": world.branch_a.pk,
        "brand": world.brand.pk,
        "template": "five_parts",
        "start": START.isoformat(),
        "owner": world.member.pk,
        "checker": world.branch_committee.pk,
        "activate": "on",
    }
    if token is not None:
        data[FIELD] = token
    return data


def item_post(world, token=None) -> dict:
    data = {
        "finding": "台账更新不及时",
        "measure": "每周五更新台账",
        "owner": world.branch_committee.pk,
        "deadline": (today() + datetime.timedelta(days=14)).isoformat(),
    }
    if token is not None:
        data[FIELD] = token
    return data


def slowed(monkeypatch, module, name):
    """The service made to hold its transaction a moment after doing its work."""
    real = getattr(module, name)

    def slow(*args, **kwargs):
        result = real(*args, **kwargs)
        time.sleep(HOLD)
        return result

    monkeypatch.setattr(module, name, slow)


# Racing double submissions ----------------------------------------------------------------


def test_two_racing_posts_of_one_plan_form_create_one_plan_from_the_template(
    racing_world, monkeypatch
):
    w = racing_world
    monkeypatch.setattr(clock, "today", lambda: START)
    slowed(monkeypatch, plan_services, "plan_from_template")
    url = reverse("plans:plan_create")
    first, second = page_client(w.secretary), page_client(w.secretary)
    data = plan_post(w, "double-click-1")
    answers = race(lambda: first.post(url, data), lambda: second.post(url, data))
    assert [a.status_code for a in answers] == [302, 302], answers
    plan = Plan.objects.get()
    assert plan.tasks.count() == 17
    assert {a["Location"] for a in answers} == {reverse("plans:plan_detail", args=[plan.pk])}
    told = [m.message for a in answers for m in get_messages(a.wsgi_request)]
    assert told.count(REPEATED) == 1  # the second click is told it was already done
    assert SubmissionToken.objects.filter(user=w.secretary, token="double-click-1").count() == 1


def test_two_racing_posts_of_one_finding_register_one_rectification_item(racing_world, monkeypatch):
    w = racing_world
    meeting = make_meeting(w)
    slowed(monkeypatch, review_services, "item_create")
    url = reverse("supervision:item_add", args=[meeting.pk])
    first, second = page_client(w.secretary), page_client(w.secretary)
    data = item_post(w, "double-click-2")
    answers = race(lambda: first.post(url, data), lambda: second.post(url, data))
    assert [a.status_code for a in answers] == [302, 302], answers
    assert RectificationItem.objects.filter(meeting=meeting).count() == 1
    assert len({a["Location"] for a in answers}) == 1


def test_two_racing_api_creates_with_one_key_make_one_brand_and_the_same_answer(
    racing_world, monkeypatch
):
    w = racing_world
    slowed(monkeypatch, brands_api, "brand_create")
    url = reverse("api:brand-list")
    body = {"org": w.branch_a.pk, "name": "先锋示范", "slogan": "争当先锋"}
    first, second = api_client(w.secretary), api_client(w.secretary)
    key = {KEY: "retry-7f3a"}
    answers = race(
        lambda: first.post(url, body, format="json", **key),
        lambda: second.post(url, body, format="json", **key),
    )
    assert [a.status_code for a in answers] == [201, 201], answers
    assert Brand.objects.filter(name="先锋示范").count() == 1
    assert answers[0].json() == answers[1].json()
    assert sorted(a.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]


def test_racing_posts_with_different_tokens_are_two_submissions(racing_world, monkeypatch):
    w = racing_world
    monkeypatch.setattr(clock, "today", lambda: START)
    url = reverse("plans:plan_create")
    first, second = page_client(w.secretary), page_client(w.secretary)
    answers = race(
        lambda: first.post(url, plan_post(w, "form-a")),
        lambda: second.post(url, plan_post(w, "form-b")),
    )
    assert [a.status_code for a in answers] == [302, 302], answers
    assert Plan.objects.count() == 2


# Retries, other tokens, no token, other users ----------------------------------------------


def test_a_retry_after_success_goes_to_what_was_created(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START)
    client = page_client(world.secretary)
    url = reverse("plans:plan_create")
    created = client.post(url, plan_post(world, "t-1"))
    again = client.post(url, plan_post(world, "t-1"), follow=True)
    plan = Plan.objects.get()
    assert again.redirect_chain == [(created["Location"], 302)]
    assert created["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    assert REPEATED in again.content.decode()
    assert plan.tasks.count() == 17


def test_a_different_token_creates_a_second_one(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START)
    client = page_client(world.secretary)
    url = reverse("plans:plan_create")
    client.post(url, plan_post(world, "t-1"))
    client.post(url, plan_post(world, "t-2"))
    assert Plan.objects.count() == 2


def test_a_form_without_a_token_still_works(world, monkeypatch):
    """A page opened before tokens existed posts none: accepted, without the protection."""
    monkeypatch.setattr(clock, "today", lambda: START)
    client = page_client(world.secretary)
    url = reverse("plans:plan_create")
    assert client.post(url, plan_post(world)).status_code == 302
    assert client.post(url, plan_post(world)).status_code == 302
    assert Plan.objects.count() == 2 and not SubmissionToken.objects.exists()


def test_a_token_is_the_users_own(world):
    """Another user's token does not collide: each creates their own finding."""
    meeting = make_meeting(world)
    url = reverse("supervision:item_add", args=[meeting.pk])
    assert page_client(world.secretary).post(url, item_post(world, "same")).status_code == 302
    assert page_client(world.mid_admin).post(url, item_post(world, "same")).status_code == 302
    assert RectificationItem.objects.filter(meeting=meeting).count() == 2
    assert SubmissionToken.objects.filter(token="same").count() == 2


def test_a_refused_create_leaves_its_token_for_the_corrected_form(world):
    meeting = make_meeting(world)
    url = reverse("supervision:item_add", args=[meeting.pk])
    client = page_client(world.secretary)
    refused = client.post(url, {**item_post(world, "fix-me"), "owner": world.outsider.pk})
    assert refused.status_code == 400 and not SubmissionToken.objects.exists()
    assert client.post(url, item_post(world, "fix-me")).status_code == 302
    assert RectificationItem.objects.filter(meeting=meeting).count() == 1


def test_a_service_refusal_rolls_the_token_back_with_it(world):
    meeting = make_meeting(world)
    url = reverse("supervision:item_add", args=[meeting.pk])
    past = (today() - datetime.timedelta(days=1)).isoformat()
    client = page_client(world.secretary)
    refused = client.post(url, {**item_post(world, "late"), "deadline": past})
    assert refused.status_code == 400 and not SubmissionToken.objects.exists()
    form = refused.context["item_form"]
    assert form.errors["deadline"] == ["整改时限不能早于会议日期。"]  # on the field it names
    assert client.post(url, item_post(world, "late")).status_code == 302


def test_a_malformed_token_is_refused_on_the_form(world):
    meeting = make_meeting(world)
    url = reverse("supervision:item_add", args=[meeting.pk])
    response = page_client(world.secretary).post(url, item_post(world, "含中文的凭据"))
    assert response.status_code == 400 and "提交凭据无效" in response.content.decode()
    assert not RectificationItem.objects.exists()


def test_every_create_form_carries_a_token(world, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: START)
    client = page_client(world.secretary)
    meeting = make_meeting(world)
    plan = Plan.objects.get()
    for url in (
        reverse("plans:plan_create"),
        reverse("plans:task_add", args=[plan.pk]),
        reverse("brands:brand_create"),
        reverse("supervision:meeting_create", args=[plan.pk]),
        reverse("supervision:meeting_detail", args=[meeting.pk]),
        reverse("surveys:survey_create"),
        reverse("positioning:inventory", args=[world.brand.pk]),
        reverse("benchmarks:brand_comparisons", args=[world.brand.pk]),
    ):
        page = client.get(url).content.decode()
        assert f'name="{FIELD}"' in page, url
    # A form that changes what exists carries none: repeating it is harmless.
    edit = client.get(reverse("brands:brand_edit", args=[world.brand.pk])).content.decode()
    assert f'name="{FIELD}"' not in edit


def test_two_forms_on_a_page_get_different_tokens(world):
    page = page_client(world.secretary).get(reverse("positioning:inventory", args=[world.brand.pk]))
    tokens = [
        part.split('"', 1)[0] for part in page.content.decode().split(f'name="{FIELD}" value="')[1:]
    ]
    assert len(tokens) >= 2 and len(set(tokens)) == len(tokens)


# The API ----------------------------------------------------------------------------------


def test_an_api_retry_gets_the_first_answer(world):
    client = api_client(world.secretary)
    url = reverse("api:brand-list")
    body = {"org": world.branch_a.pk, "name": "先锋示范"}
    first = client.post(url, body, format="json", **{KEY: "k-1"})
    again = client.post(url, body, format="json", **{KEY: "k-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again["Idempotent-Replayed"] == "true"
    assert Brand.objects.filter(name="先锋示范").count() == 1


def test_an_api_create_without_a_key_is_carried_out_as_before(world):
    client = api_client(world.secretary)
    url = reverse("api:org-list")
    staff = api_client(world.staff)
    body = {"parent": world.branch_a.pk, "kind": "group", "name": "第一党小组", "code": "G1"}
    assert staff.post(url, body, format="json").status_code == 201
    assert (
        client.post(
            reverse("api:brand-list"), {"org": world.branch_a.pk, "name": "甲"}, format="json"
        ).status_code
        == 201
    )
    assert not SubmissionToken.objects.exists()


def test_another_key_or_another_user_creates_again(world):
    url = reverse("api:brand-list")
    body = {"org": world.branch_a.pk, "name": "先锋示范"}
    secretary = api_client(world.secretary)
    assert secretary.post(url, body, format="json", **{KEY: "k-1"}).status_code == 201
    second = secretary.post(url, {**body, "name": "先锋示范二"}, format="json", **{KEY: "k-2"})
    assert second.status_code == 201
    mid = api_client(world.mid_admin)
    third = mid.post(url, {**body, "name": "先锋示范三"}, format="json", **{KEY: "k-1"})
    assert third.status_code == 201 and "Idempotent-Replayed" not in third
    assert Brand.objects.filter(name__startswith="先锋示范").count() == 3


def test_a_refused_api_create_does_not_use_up_its_key(world):
    client = api_client(world.secretary)
    url = reverse("api:brand-list")
    refused = client.post(
        url, {"org": world.branch_a.pk, "name": ""}, format="json", **{KEY: "k-1"}
    )
    assert refused.status_code == 400
    fixed = client.post(
        url, {"org": world.branch_a.pk, "name": "先锋示范"}, format="json", **{KEY: "k-1"}
    )
    assert fixed.status_code == 201 and "Idempotent-Replayed" not in fixed


def test_a_key_used_on_another_address_is_refused(world):
    client = api_client(world.secretary)
    body = {"org": world.branch_a.pk, "name": "先锋示范"}
    assert (
        client.post(reverse("api:brand-list"), body, format="json", **{KEY: "k-1"}).status_code
        == 201
    )
    plan = {"org": world.branch_a.pk, "title": "年度计划", "start": START.isoformat()}
    reused = client.post(reverse("api:plan-list"), plan, format="json", **{KEY: "k-1"})
    assert reused.status_code == 422 and "Idempotency-Key" in reused.json()["detail"]
    assert not Plan.objects.exists()


def test_a_malformed_key_is_refused(world):
    response = api_client(world.secretary).post(
        reverse("api:brand-list"),
        {"org": world.branch_a.pk, "name": "先锋示范"},
        format="json",
        **{KEY: "x" * 256},
    )
    assert response.status_code == 400 and not Brand.objects.filter(name="先锋示范").exists()


def test_a_create_like_action_is_carried_out_once(world):
    meeting = make_meeting(world)
    client = api_client(world.secretary)
    url = reverse("api:review-meeting-items", args=[meeting.pk])
    body = {
        "finding": "台账更新不及时",
        "owner": world.branch_committee.pk,
        "deadline": (today() + datetime.timedelta(days=14)).isoformat(),
    }
    first = client.post(url, body, format="json", **{KEY: "item-1"})
    again = client.post(url, body, format="json", **{KEY: "item-1"})
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert RectificationItem.objects.filter(meeting=meeting).count() == 1


def test_a_change_is_not_keyed(world):
    """PATCH and actions that change state ignore the header: repeating them is harmless."""
    client = api_client(world.secretary)
    url = reverse("api:brand-detail", args=[world.brand.pk])
    for slogan in ("一", "二"):
        response = client.patch(url, {"slogan": slogan}, format="json", **{KEY: "same"})
        assert response.status_code == 200
    world.brand.refresh_from_db()
    assert world.brand.slogan == "二" and not SubmissionToken.objects.exists()


def test_the_schema_documents_the_key_on_creates(world):
    response = api_client(world.member).get(reverse("api:schema"), {"format": "json"})
    paths = response.json()["paths"]

    def keyed(path, method="post"):
        params = paths[path][method].get("parameters", [])
        return any(p["name"] == HEADER and p["in"] == "header" for p in params)

    assert keyed("/api/v1/brands/") and keyed("/api/v1/review-meetings/{id}/items/")
    assert not keyed("/api/v1/brands/{id}/transition/")


def test_old_tokens_are_forgotten_by_the_daily_clean_up(world):
    SubmissionToken.objects.create(
        user=world.secretary,
        token="old",
        path="/x/",
        created_at=timezone.now() - datetime.timedelta(days=8),
    )
    SubmissionToken.objects.create(user=world.secretary, token="new", path="/x/")
    call_command("forget_submissions", stdout=io.StringIO())
    assert list(SubmissionToken.objects.values_list("token", flat=True)) == ["new"]
    later = (timezone.localdate() + datetime.timedelta(days=8)).isoformat()
    call_command("forget_submissions", "--today", later, stdout=io.StringIO())
    assert not SubmissionToken.objects.exists()
