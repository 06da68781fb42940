"""Policies written twice, once in Python (to decide one case) and once in SQL (to list or count
many), give the same answer for every person, whatever their roles, and every organisation.
plans/colours.py is checked the same way in tests/test_plans.py."""

from partybrand.assessments.access import (
    manages_review_of,
    may_review,
    review_managed_q,
    reviewers_for,
)
from partybrand.orgs.models import Organization
from tests.factories import everyone, orgs_of


def test_who_may_review_an_assessment_is_the_same_in_python_and_sql(world):
    people = everyone(world)
    for org in orgs_of(world):
        in_sql = set(reviewers_for(org).values_list("username", flat=True))
        in_python = {u.username for u in people if may_review(u, org)}
        assert in_sql == in_python, org.name
    # The cases the rule is about: experts and staff from above, nobody from inside.
    assert may_review(world.expert, world.branch_a) and may_review(world.mid_admin, world.branch_a)
    assert not may_review(world.mid_admin, world.committee_a)  # its own organisation
    assert not may_review(world.secretary, world.committee_b)  # no reviewing role
    assert not may_review(world.expert, world.group)  # nothing above the group


def test_whose_review_a_user_manages_is_the_same_in_python_and_sql(world):
    for user in everyone(world):
        in_sql = set(
            Organization.objects.filter(review_managed_q(user, "path")).values_list(
                "name", flat=True
            )
        )
        in_python = {org.name for org in orgs_of(world) if manages_review_of(user, org)}
        assert in_sql == in_python, user.username
