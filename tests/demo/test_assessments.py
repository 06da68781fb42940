"""The demo's assessments: results for most branches, trends, a live self-assessment and a
two-expert review, the group's threshold; and the demo can still be reset."""

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from partybrand.assessments.models import Assessment, DimensionScore, StandardisationPolicy
from partybrand.demo.loader import load_demo, reset_demo

pytestmark = [pytest.mark.slow(seconds=15), pytest.mark.django_db]
PASSWORD = "demo-pw-123"


def test_demo_assessments_and_reset():
    load_demo(PASSWORD)
    by_status = Counter(Assessment.objects.values_list("period", "status"))
    assert by_status[("2025年度", "finalised")] >= 50 and by_status[("2024年度", "finalised")] >= 5
    assert by_status[("2025年度", "draft")] == 1 and by_status[("2025年度", "reviewing")] == 1
    review = Assessment.objects.get(status="reviewing")
    assert sorted(review.assignments.values_list("reviewer__username", flat=True)) == [
        "expert1",
        "expert2",
    ]
    policy = StandardisationPolicy.objects.get()
    finals = Assessment.objects.filter(status="finalised", period="2025年度")
    assert finals.filter(final_score__lt=policy.min_score).exists()
    assert finals.filter(veto_triggered=True, stars=0).count() == 1
    assert DimensionScore.objects.filter(period="2025年度").count() == finals.count() * 5

    client = Client()
    assert client.login(username="committee", password=PASSWORD)
    root = policy.org
    response = client.get(reverse("assessments:committee_results", args=[root.pk]))
    assert response.status_code == 200 and response.context["summary"]["count"] == finals.count()
    assert client.login(username="expert2", password=PASSWORD)
    mine = client.get(reverse("assessments:review_list")).content.decode()
    assert review.org.name in mine

    reset_demo()
    assert not Assessment.objects.exists()
