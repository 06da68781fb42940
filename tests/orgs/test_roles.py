"""The role table (orgs/roles.py): which roles hold each capability, and the Python and SQL forms
of "may the user do this over that organisation" giving the same answers."""

import pytest
from django.db.models import Q

from partybrand.orgs.choices import Role
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import (
    Cap,
    can,
    caps_at,
    caps_over,
    has_cap_over,
    has_cap_within,
    roles_with,
    scope_q,
    users_with,
)
from partybrand.orgs.tree import ancestor_paths
from tests.factories import everyone, make_user, orgs_of

STAFF = {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE, Role.MID_ADMIN}

# Who held each capability when it was still a set of roles written beside the code using it.
HOLDERS = {
    Cap.OWN_BRAND: STAFF | {Role.SECRETARY},  # brands/lifecycle.py OWNERS
    Cap.SCREEN_BRANDS: STAFF,  # brands/lifecycle.py REVIEWERS
    Cap.INSPECT_BRANDS: {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE},  # COMMITTEE
    Cap.DECIDE_BRANDS: {Role.COMMITTEE_ADMIN},  # COMMITTEE_DECISION
    Cap.OVERRIDE_GATE: STAFF,  # plans/access.py OVERRIDERS
    Cap.SUPERVISE: STAFF | {Role.SECRETARY},  # plans_panel.py SUPERVISORS
    Cap.TAKE_ESCALATIONS: STAFF,  # supervision/services/tickets.py STAFF_ROLES
    Cap.MANAGE_REVIEWS: STAFF,  # assessments/access.py REVIEW_MANAGERS
    Cap.REVIEW_ASSESSMENTS: STAFF | {Role.EXPERT},  # REVIEW_MANAGERS | {Role.EXPERT}
    Cap.VOTE: {Role.MEMBER, Role.SECRETARY, Role.BRANCH_COMMITTEE},  # themes VOTER_ROLES
    Cap.JUDGE_THEMES: {Role.EXPERT},  # themes: invite only users with the expert role
    # Unchanged since the table was written.
    Cap.VIEW: set(Role),
    Cap.VIEW_BRANDS: STAFF | {Role.SECRETARY, Role.BRANCH_COMMITTEE, Role.MEMBER},
    Cap.REVIEW_BRANDS: {Role.EXPERT},
    Cap.VIEW_MEMBERS: STAFF | {Role.SECRETARY, Role.BRANCH_COMMITTEE, Role.MEMBER},
    Cap.SEE_PERSONAL: STAFF | {Role.SECRETARY},
    Cap.MANAGE_ORGS: STAFF,
    Cap.MANAGE_MEMBERS: STAFF | {Role.SECRETARY},
    Cap.EDIT_BRAND: STAFF | {Role.SECRETARY, Role.BRANCH_COMMITTEE},
    Cap.VIEW_AUDIT: {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE},
    Cap.UNLOCK_LOGINS: {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE},
    Cap.RUN_JOBS: {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE},
    Cap.MANAGE_LIBRARY: {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE},
    Cap.MANAGE_ACCOUNTS: STAFF,  # logins and roles of the subtree (accounts/)
    # 推介: a branch's secretary and 支委 run its carriers; the committees above judge them.
    Cap.RUN_CARRIERS: STAFF | {Role.SECRETARY, Role.BRANCH_COMMITTEE},
    Cap.RECOGNISE_CARRIERS: STAFF,
    # 典型案例: branches write, the committee above forwards or returns, the group publishes.
    Cap.WRITE_CASES: STAFF | {Role.SECRETARY, Role.BRANCH_COMMITTEE},
    Cap.REVIEW_CASES: STAFF,
    Cap.PUBLISH_CASES: {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE},
    Cap.MANAGE_KNOWLEDGE: STAFF,
    # 评选: the group committee's 党建工作部 runs its rounds.
    Cap.RUN_ROUNDS: {Role.COMMITTEE_ADMIN, Role.PARTY_OFFICE},
    # 推介: the launch and the ledger are kept where the carriers are run; the committee an item
    # was reported to records its adoption.
    Cap.PROMOTE_BRANDS: STAFF | {Role.SECRETARY, Role.BRANCH_COMMITTEE},
    Cap.ADOPT_PUBLICITY: STAFF,
    # 驾驶舱: the committee staff see their subtree's cockpit and weigh its health index.
    Cap.VIEW_COCKPIT: STAFF,
    Cap.SET_HEALTH_WEIGHTS: STAFF,
}


def test_every_capability_is_held_by_the_roles_that_held_it_before():
    assert set(HOLDERS) == set(Cap)
    for cap, roles in HOLDERS.items():
        assert set(roles_with(cap)) == roles, cap


def test_the_secretary_owns_the_brand_at_the_branch_and_screens_nothing(world):
    path = world.branch_a.path
    assert Cap.OWN_BRAND in caps_at(world.secretary, path)
    assert Cap.OWN_BRAND not in caps_at(world.secretary, world.group.path)
    assert Cap.SCREEN_BRANDS in caps_over(world.mid_admin, path, strictly_above=True)
    assert Cap.SCREEN_BRANDS not in caps_over(
        world.mid_admin, world.committee_a.path, strictly_above=True
    )
    assert has_cap_within(world.member, Cap.VOTE, world.committee_a.path)
    assert not has_cap_within(world.member, Cap.VOTE, world.branch_b.path)


@pytest.mark.parametrize("strictly_above", [False, True])
def test_can_and_scope_q_agree_for_every_person_capability_and_organisation(world, strictly_above):
    people = everyone(world)
    orgs = orgs_of(world)
    for cap in Cap:
        for user in people:
            in_sql = set(
                Organization.objects.filter(
                    scope_q(user, cap, strictly_above=strictly_above)
                ).values_list("pk", flat=True)
            )
            in_python = {
                org.pk for org in orgs if can(user, cap, org.path, strictly_above=strictly_above)
            }
            assert in_sql == in_python, (cap, user.username)


def test_users_with_agrees_with_has_cap_over(world):
    people = everyone(world)
    for cap in Cap:
        for org in orgs_of(world):
            for strict in (False, True):
                paths = ancestor_paths(org.path) + ([] if strict else [org.path])
                in_sql = set(users_with(cap, paths).values_list("pk", flat=True))
                in_python = {
                    u.pk for u in people if has_cap_over(u, cap, org.path, strictly_above=strict)
                }
                assert in_sql == in_python, (cap, org.name, strict)


def test_a_superusers_scope_still_covers_every_row_when_combined_with_another(world):
    """Q() | Q(x) is only Q(x): the superuser's scope must not vanish in an OR."""
    root = make_user("root-scope", is_superuser=True, is_staff=True)
    everything = Organization.objects.count()
    combined = scope_q(root, Cap.VIEW) | Q(pk__in=[world.branch_b.pk])
    assert Organization.objects.filter(combined).count() == everything
    assert (
        Organization.objects.filter(scope_q(root, Cap.VIEW) & Q(pk=world.branch_a.pk)).count() == 1
    )
