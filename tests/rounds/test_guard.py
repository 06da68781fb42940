"""Moves a round owns happen only through a round: the brand page shows a note pointing at 评选
instead of their buttons, and neither the page nor the API makes them."""

from django.urls import reverse

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.brands.transitions import available_transitions, brand_transition
from tests.helpers import api_client, client_for, complete_meaning


def _reviewing(world):
    complete_meaning(world.brand, world.secretary)
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    return brand_transition(actor=world.mid_admin, brand=world.brand, action="start_review")


def test_the_brand_page_points_at_the_round_instead_of_approving(world):
    brand = _reviewing(world)
    assert "approve" not in [t.action for t in available_transitions(world.committee_admin, brand)]
    page = client_for(world.committee_admin).get(reverse("brands:brand_detail", args=[brand.pk]))
    html = page.content.decode()
    assert "立项评审的结论由评选批次作出" in html and reverse("rounds:round_list") in html
    assert "确认批准立项" not in html
    # The return stays on the brand page, with its comment.
    assert "确认退回" in html


def test_neither_the_page_nor_the_api_approves_outside_a_round(world):
    brand = _reviewing(world)
    url = reverse("brands:brand_transition", args=[brand.pk])
    response = client_for(world.committee_admin).post(url, {"action": "approve", "comment": "同意"})
    assert response.status_code in (302, 400)
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.REVIEWING
    api = api_client(world.committee_admin)
    response = api.post(
        reverse("api:brand-transition", args=[brand.pk]), {"action": "approve"}, format="json"
    )
    assert response.status_code == 400 and "评选批次" in response.json()["detail"]
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.REVIEWING
