"""The launch and ledger API as a client sees it: a launch planned with drafts and taken to its
record with a photo; an item reported upward with a proof and adopted by the committee."""

from datetime import timedelta

from django.urls import reverse

from partybrand.core.clock import today
from tests.helpers import api_client
from tests.promotion.helpers import jpeg


def test_a_launch_is_planned_held_and_recorded_through_the_api(world):
    client = api_client(world.secretary)
    response = client.post(
        reverse("api:promotion-launch-list"),
        {
            "brand": world.brand.pk,
            "held_on": (today() - timedelta(days=1)).isoformat(),
            "start_time": "09:30",
            "venue": "职工之家",
            "participants": [world.member_a.pk],
            "agenda": [{"time": "9:00", "item": "揭牌仪式"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "planned" and "揭牌仪式" in body["host_script"]
    assert body["start_time"] == "09:30"
    assert body["participants"] == [{"id": world.member_a.pk, "name": "李党员"}]
    pk = body["id"]
    hold = client.post(reverse("api:promotion-launch-hold", args=[pk]))
    assert hold.json()["state"] == "held"
    record = client.post(
        reverse("api:promotion-launch-record", args=[pk]),
        {"attendance": 30, "summary": "品牌正式发布。", "photos": [jpeg()]},
        format="multipart",
    )
    assert record.status_code == 200, record.content
    assert record.json()["state"] == "recorded" and len(record.json()["photos"]) == 1


def test_a_report_goes_upward_with_a_proof_and_the_committee_adopts_it(world):
    response = api_client(world.secretary).post(
        reverse("api:promotion-publicity-list"),
        {
            "brand": world.brand.pk,
            "channel": "report",
            "published_on": "2024-05-01",
            "title": "支部工作法经验材料",
            "level": "company",
            "reported_to": world.group.pk,
            "proof": jpeg("报送截图.jpg"),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["direction"], body["adoption"]) == ("upward", "pending") and body["proof_url"]
    assert body["adopted_level"] == ""
    adopt = reverse("api:promotion-publicity-adopt", args=[body["id"]])
    refused = api_client(world.secretary).post(adopt, {"adoption": "adopted"}, format="json")
    assert refused.status_code == 403
    answer = api_client(world.staff).post(
        adopt, {"adoption": "adopted", "level": "group"}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["adopted_level"] == "group"
    listed = api_client(world.member).get(
        reverse("api:promotion-publicity-list"), {"direction": "upward"}
    )
    assert [row["title"] for row in listed.json()["results"]] == ["支部工作法经验材料"]
