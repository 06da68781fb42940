"""Only the experts a workshop invited score its candidates. An expert who sees the brand because
it is under review (or already named) was once able to score through the page and the API, and
the score counted in the candidate's averages."""

import pytest
from django.urls import reverse

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.themes.models import Score
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import workshops as services
from tests.helpers import api_client, client_for

SCORE = {"political": 1, "cultural": 1, "integration": 1, "comment": "不请自来"}


@pytest.fixture
def candidate(world):
    workshop = services.workshop_start(actor=world.secretary, brand=world.brand)
    # A named brand is put before the group's experts (Cap.REVIEW_BRANDS): they see its workshop.
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.NAMED)
    added, _ = services.candidate_add(
        actor=world.secretary, workshop=workshop, name="光耀电网", slogan="光明使者暖万家"
    )
    return added


def score_url(candidate):
    return reverse("api:theme-candidate-score", args=[candidate.workshop_id, candidate.pk])


def averages(world, candidate):
    url = reverse("api:theme-candidate-list", args=[candidate.workshop_id])
    row = api_client(world.secretary).get(url).json()["results"][0]
    return row["score_count"], row["avg_political"]


def test_an_uninvited_expert_cannot_score_through_the_api(world, candidate):
    expert = api_client(world.expert)
    detail = reverse("api:theme-candidate-detail", args=[candidate.workshop_id, candidate.pk])
    assert expert.get(detail).status_code == 200  # sees it, as a reviewer of a named brand
    refused = expert.post(score_url(candidate), SCORE, format="json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "只有支委和受邀评审专家可以为候选评分。"}
    assert not Score.objects.exists()
    assert averages(world, candidate) == (0, None)


def test_an_uninvited_expert_is_offered_no_score_form_and_its_post_is_refused(world, candidate):
    page = client_for(world.expert)
    url = reverse("themes:candidate_detail", args=[candidate.pk])
    assert page.get(url).status_code == 200
    assert "保存评分" not in page.get(url).content.decode()
    posted = page.post(reverse("themes:score_save", args=[candidate.pk]), SCORE)
    assert posted.status_code == 403
    assert not Score.objects.exists()


def test_an_invited_expert_scores_and_the_score_counts(world, candidate):
    services_decision.expert_invite(
        actor=world.secretary, workshop=candidate.workshop, expert=world.expert
    )
    answer = api_client(world.expert).post(
        score_url(candidate), {**SCORE, "political": 4}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["kind"] == "expert"
    assert averages(world, candidate) == (1, 4.0)


def test_an_outsider_gets_a_404_for_the_score(world, candidate):
    answer = api_client(world.outsider).post(score_url(candidate), SCORE, format="json")
    assert answer.status_code == 404
    assert not Score.objects.exists()
