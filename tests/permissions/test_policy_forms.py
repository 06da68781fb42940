"""Policies written twice, once in Python (to decide one case) and once in SQL (to list or count
many), give the same answer for every person, whatever their roles, and every organisation.
plans/colours.py is checked the same way in tests/test_plans.py."""

from partybrand.assessments.access import (
    manages_review_of,
    may_review,
    review_managed_q,
    reviewers_for,
)
from partybrand.brands.services import brand_create
from partybrand.orgs.models import Organization
from partybrand.themes.access import is_org_member, org_member_q
from partybrand.themes.models import Workshop
from partybrand.themes.services.workshops import workshop_start
from tests.factories import everyone, make_member, make_user, orgs_of


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


def test_who_may_vote_on_a_theme_is_the_same_in_python_and_sql(world):
    people = everyone(world)
    struck_off = make_user("struckoff")
    record = make_member(world.branch_a, "已出党员")
    record.user, record.is_active = struck_off, False
    record.save(update_fields=["user", "is_active"])
    people.append(struck_off)
    workshops = [workshop_start(actor=world.secretary, brand=world.brand)]
    for org in orgs_of(world)[:3] + orgs_of(world)[4:]:
        brand = brand_create(actor=world.committee_admin, org=org, name=f"{org.name}的品牌")
        workshops.append(workshop_start(actor=world.committee_admin, brand=brand))
    for user in people:
        in_sql = set(Workshop.objects.filter(org_member_q(user)).values_list("pk", flat=True))
        in_python = {w.pk for w in workshops if is_org_member(user, w)}
        assert in_sql == in_python, user.username
    # The cases the rule is about: a branch's own people vote on its name and on the names of the
    # committees above it; staff above, experts and those struck off the rolls do not.
    group, branch = workshops[1], workshops[0]
    assert is_org_member(world.member, branch) and is_org_member(world.member, group)
    assert not is_org_member(world.mid_admin, branch) and not is_org_member(world.expert, group)
    assert not is_org_member(struck_off, branch)
