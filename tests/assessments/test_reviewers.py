"""Assigning and removing reviewers: one who has not finished can be removed, removing the last
makes the assessment wait for reviewers again, and an assigned reviewer is told once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from partybrand.assessments.services import review as services_review
from partybrand.core.models import AuditLog
from tests.assessments.reviews import split_review
from tests.helpers import client_for
from tests.permissions.cases.assessments import (
    FULL,
    rows_for,
)

pytestmark = pytest.mark.django_db


def test_a_reviewer_who_has_not_finished_can_be_removed(world):
    a, full, part = split_review(world)
    services_review.review_scores_save(
        actor=part.reviewer, assignment=part, rows=rows_for(a.system, {"2.1": 28})
    )
    manager = client_for(world.mid_admin)
    page = manager.get(reverse("assessments:detail", args=[a.pk])).content.decode()
    assert page.count('data-testid="remove-reviewer"') == 2
    response = manager.post(reverse("assessments:reviewer_remove", args=[part.pk]), follow=True)
    assert "已移除评审人 冯专家" in response.content.decode()
    assert list(a.assignments.values_list("reviewer__username", flat=True)) == ["expert"]
    row = AuditLog.objects.filter(action="assessment_reviewer_remove").get()
    assert row.changes["reviewer"] == "冯专家" and row.changes["scores"] == 1
    # A reviewer who has completed stays; the review goes back through 退回修改.
    services_review.review_scores_save(
        actor=world.expert, assignment=full, rows=rows_for(a.system, FULL)
    )
    services_review.review_complete(actor=world.expert, assignment=full)
    response = manager.post(reverse("assessments:reviewer_remove", args=[full.pk]), follow=True)
    assert "已提交评审，不能移除" in response.content.decode()
    assert a.assignments.count() == 1


def test_removing_the_last_reviewer_waits_for_reviewers_again(world):
    a, full, part = split_review(world)
    services_review.reviewer_remove(actor=world.mid_admin, assignment=part)
    a = services_review.reviewer_remove(actor=world.mid_admin, assignment=full)
    assert a.status == "submitted" and not a.assignments.exists()
    with pytest.raises(PermissionDenied):
        services_review.reviewer_remove(
            actor=world.secretary,
            assignment=services_review.reviewer_assign(
                actor=world.mid_admin, assessment=a, reviewer=world.expert
            ),
        )


def test_an_assigned_reviewer_is_notified_once_with_a_link_to_the_review(world):
    from partybrand.notices.models import Notification
    from tests.permissions.cases.assessments import submitted

    a = submitted(world)
    assignment = services_review.reviewer_assign(
        actor=world.mid_admin, assessment=a, reviewer=world.expert
    )
    notice = Notification.objects.get(user=world.expert)
    assert notice.kind == "review_assigned" and "请评审" in notice.title
    assert notice.url == reverse("assessments:review", args=[assignment.pk])
