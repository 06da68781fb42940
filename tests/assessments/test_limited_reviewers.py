"""A reviewer limited to some items sees nothing of the others: not their evidence by URL, and
in the API neither the dimension totals nor the assessment's totals."""

import pytest
from django.urls import reverse

from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from tests.assessments.reviews import split_review
from tests.helpers import client_for
from tests.permissions.cases.assessments import (
    FULL,
    rows_for,
)

pytestmark = pytest.mark.django_db


def evidence_url(a, code):
    evidence = a.items.get(indicator__code=code).evidence.get()
    return reverse("assessments:evidence_download", args=[evidence.pk])


def test_a_limited_reviewer_cannot_download_evidence_of_other_items(world):
    a, full, part = split_review(world)
    limited = client_for(part.reviewer)
    assert limited.get(evidence_url(a, "1.1")).status_code == 404
    assert limited.get(evidence_url(a, "2.1")).status_code == 200
    # A reviewer of every item, and the branch itself, still download everything.
    assert client_for(world.expert).get(evidence_url(a, "1.1")).status_code == 200
    assert client_for(world.member).get(evidence_url(a, "1.1")).status_code == 200


def test_the_api_shows_a_limited_reviewer_no_dimension_totals(world):
    a, full, part = split_review(world)
    services_review.review_scores_save(
        actor=world.expert, assignment=full, rows=rows_for(a.system, FULL)
    )
    services_review.review_complete(actor=world.expert, assignment=full)
    services_review.review_scores_save(
        actor=part.reviewer, assignment=part, rows=rows_for(a.system, {"2.1": 28})
    )
    services_review.review_complete(actor=part.reviewer, assignment=part)
    services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)
    url = reverse("api:assessment-detail", args=[a.pk])
    detail = client_for(part.reviewer).get(url).json()
    assert [i["indicator_code"] for i in detail["items"]] == ["2.1"]
    assert detail["dimensions"] == []
    assert len(client_for(world.expert).get(url).json()["items"]) == 5
    assert len(client_for(world.member).get(url).json()["dimensions"]) == 2


def test_the_api_list_shows_a_limited_reviewer_no_assessment_totals(world):
    a, full, part = split_review(world)
    services_review.assessment_return(
        actor=world.mid_admin, assessment=a, reason="请补充三会一课记录"
    )
    a = services_self.assessment_submit(actor=world.secretary, assessment=a)
    services_review.review_scores_save(
        actor=world.expert, assignment=full, rows=rows_for(a.system, FULL)
    )
    services_review.review_complete(actor=world.expert, assignment=full)
    services_review.review_scores_save(
        actor=part.reviewer, assignment=part, rows=rows_for(a.system, {"2.1": 28})
    )
    services_review.review_complete(actor=part.reviewer, assignment=part)
    services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)
    totals = ["self_total", "final_score", "stars", "star_label", "veto_triggered"]
    totals.append("return_reason")

    def shown(user, url):
        data = client_for(user).get(url).json()
        row = data["results"][0] if "results" in data else data
        return [row[name] for name in totals]

    for url in (reverse("api:assessment-list"), reverse("api:assessment-detail", args=[a.pk])):
        assert shown(part.reviewer, url) == [None] * 6
        for whole in (world.expert, world.member):  # every item, or the branch itself
            assert shown(whole, url) == [
                "100.00",
                "99.00",
                5,
                "★★★★★",
                False,
                "请补充三会一课记录",
            ], whole
    row = client_for(part.reviewer).get(reverse("api:assessment-list")).json()["results"][0]
    assert (row["org_name"], row["status"]) == ("支部A", "finalised")
