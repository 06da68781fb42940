"""A review submitted again (a second click, a form sent again) changes nothing and writes no
second audit row."""

import pytest
from django.urls import reverse

from partybrand.assessments.choices import AssignmentStatus
from partybrand.assessments.models import ReviewerAssignment
from partybrand.assessments.services import review as services_review
from partybrand.core.models import AuditLog
from tests.helpers import client_for
from tests.permissions.cases.assessments import reviewed

pytestmark = pytest.mark.django_db


def completions(assessment) -> int:
    return AuditLog.objects.filter(
        action="assessment_review_complete", object_id=str(assessment.pk)
    ).count()


def test_completing_a_completed_review_again_changes_nothing(world):
    assessment, assignment = reviewed(world)
    first = ReviewerAssignment.objects.get(pk=assignment.pk)
    assert first.status == AssignmentStatus.DONE and completions(assessment) == 1
    again = services_review.review_complete(actor=world.expert, assignment=assignment)
    assert again.status == AssignmentStatus.DONE
    assert ReviewerAssignment.objects.get(pk=assignment.pk).completed_at == first.completed_at
    assert completions(assessment) == 1


def test_the_page_posted_twice_records_one_completion(world):
    assessment, assignment = reviewed(world)
    url = reverse("assessments:review_done", args=[assignment.pk])
    response = client_for(world.expert).post(url, follow=True)
    assert response.status_code == 200 and "评审已提交。" in response.content.decode()
    assert completions(assessment) == 1
