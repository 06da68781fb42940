"""The carrier API: what it answers and what it refuses, as a client of the platform sees it."""

from datetime import timedelta

from django.urls import reverse

from partybrand.core.clock import today
from partybrand.promotion.models import Carrier
from tests.factories import make_member
from tests.helpers import api_client
from tests.promotion.helpers import jpeg, make_activity, make_carrier


def test_a_carrier_is_created_read_and_changed_through_the_api(world):
    client = api_client(world.secretary)
    response = client.post(
        reverse("api:promotion-carrier-list"),
        {
            "brand": world.brand.pk,
            "kind": "service",
            "name": "客户服务党员服务队",
            "leader": world.member_a.pk,
            "members": [world.member_a.pk],
            "starts_on": today().isoformat(),
            "display": ["commitment"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind_display"] == "党员服务队" and body["brand_name"] == "红色引擎"
    assert body["leader"] == {"id": world.member_a.pk, "name": "李党员"}
    detail = reverse("api:promotion-carrier-detail", args=[body["id"]])
    changed = client.patch(detail, {"state": "ended"}, format="json")
    assert changed.status_code == 200 and changed.json()["state_display"] == "已结束"
    listed = api_client(world.member).get(reverse("api:promotion-carrier-list")).json()
    assert [row["name"] for row in listed["results"]] == ["客户服务党员服务队"]


def test_a_member_id_from_another_organisation_is_refused(world):
    stranger = make_member(world.branch_b, "外单位党员")
    response = api_client(world.secretary).post(
        reverse("api:promotion-carrier-list"),
        {
            "brand": world.brand.pk,
            "kind": "post",
            "name": "示范岗",
            "members": [stranger.pk],
            "starts_on": today().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "外单位党员" not in response.content.decode()
    assert not Carrier.objects.exists()


def test_activities_carry_results_and_photo_addresses(world):
    carrier = make_carrier(world)
    make_activity(world, carrier, photos=[jpeg("排查现场.jpg")])
    client = api_client(world.secretary)
    url = reverse("api:promotion-activity-list", args=[carrier.pk])
    created = client.post(
        url,
        {
            "held_on": (today() - timedelta(days=1)).isoformat(),
            "content": "进社区宣传安全用电。",
            "participants": [world.member_a.pk],
            "results": [{"label": "走访住户", "number": "86", "unit": "户"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["results"] == [{"label": "走访住户", "number": "86", "unit": "户"}]
    rows = client.get(url).json()["results"]
    photo = rows[1]["photos"][0]
    assert photo["title"] == "排查现场" and photo["url"].startswith("/promotion/photos/")


def test_only_the_committee_above_records_a_recognition(world):
    carrier = make_carrier(world)
    make_activity(world, carrier)
    url = reverse("api:promotion-recognition-list", args=[carrier.pk])
    body = {
        "title": "党员示范岗",
        "criteria": "成效可量化。",
        "decision": "granted",
        "decided_on": today().isoformat(),
    }
    assert api_client(world.secretary).post(url, body, format="json").status_code == 403
    assert api_client(world.outsider).post(url, body, format="json").status_code == 404
    created = api_client(world.mid_admin).post(url, body, format="json")
    assert created.status_code == 201 and created.json()["decision_display"] == "予以认定"


def test_a_brand_id_beyond_any_row_is_refused_as_input(world):
    response = api_client(world.secretary).post(
        reverse("api:promotion-carrier-list"),
        {"brand": 2**70, "kind": "post", "name": "示范岗", "starts_on": today().isoformat()},
        format="json",
    )
    assert response.status_code == 400 and "brand" in response.content.decode()
