"""The reads of the organisation tree and the member rolls on their own: where each persona's
tree starts, one level below a node, search, an organisation's counts by kind, its ancestors and
members, the export rows and the member list's filter; an outsider gets nothing of another
branch."""

from django.http import QueryDict

from partybrand.orgs import selectors
from partybrand.orgs.models import Organization
from tests.factories import make_member, make_org, make_user


def test_the_tree_starts_at_the_users_outermost_organisations(world):
    assert list(selectors.org_roots(world.staff)) == [world.group]
    assert list(selectors.org_roots(world.mid_admin)) == [world.committee_a]
    assert list(selectors.org_roots(world.outsider)) == [world.branch_b]
    assert list(selectors.org_roots(make_user("root", is_superuser=True))) == [world.group]
    assert list(selectors.org_roots(make_user("nobody"))) == []


def test_children_are_the_active_ones_the_user_sees(world):
    both = [world.committee_a, world.committee_b]
    assert list(selectors.org_children(world.staff, world.group)) == both
    assert list(selectors.org_children(world.outsider, world.group)) == []
    Organization.objects.filter(pk=world.committee_b.pk).update(is_active=False)
    assert list(selectors.org_children(world.staff, world.group)) == [world.committee_a]


def test_one_level_of_the_tree_is_cut_and_tells_how_many_more(world, monkeypatch):
    monkeypatch.setattr(selectors, "CHILDREN_SHOWN", 1)
    world.group.refresh_from_db()  # its child_count, kept by the services
    children, more = selectors.tree_level(world.staff, world.group)
    assert list(children) == [world.committee_a] and more == 1
    children, more = selectors.tree_level(world.outsider, world.branch_b)
    assert list(children) == [] and more == 0


def test_search_stays_in_the_users_scope(world):
    assert list(selectors.org_search(world.staff, "支部")) == [world.branch_a, world.branch_b]
    assert list(selectors.org_search(world.outsider, "支部")) == [world.branch_b]
    assert list(selectors.org_search(world.secretary, "乙公司")) == []


def test_an_organisations_page_counts_its_subtree_and_shows_what_is_above(world):
    team = make_org(world.branch_a, "第一党小组", "group", "T1111")
    assert selectors.kind_counts(world.group) == [
        ("党支部", 2),
        ("二级党委", 2),
        ("党总支", 1),
        ("党小组", 1),
        ("集团党委", 1),
    ]
    assert selectors.kind_counts(world.branch_b) == [("党支部", 1)]
    above = [world.group, world.committee_a, world.general_branch]
    assert list(selectors.org_ancestors(world.staff, world.branch_a)) == above
    assert list(selectors.org_ancestors(world.mid_admin, world.branch_a)) == above[1:]
    assert list(selectors.org_ancestors(world.secretary, world.branch_a)) == []
    assert selectors.member_count(world.staff, world.group) == 1
    assert selectors.member_count(world.outsider, world.group) == 0
    rows = list(selectors.subtree_orgs(world.mid_admin, world.committee_a))
    assert rows == [world.committee_a, world.general_branch, world.branch_a, team]
    assert list(selectors.subtree_orgs(world.outsider, world.committee_a)) == []


def test_the_member_list_filters_what_the_user_sees(world, rf):
    other = make_member(world.branch_b, "李乙")
    request = rf.get("/")
    request.user = world.staff
    found = selectors.member_search(world.staff, QueryDict("q= 李 "), request=request)
    assert list(found.rows) == [world.member_a, other] and found.query == "李"
    a_only = QueryDict(f"org={world.branch_a.pk}&status=full")
    found = selectors.member_search(world.staff, a_only, request=request)
    assert list(found.rows) == [world.member_a] and found.status == "full"
    request.user = world.outsider
    found = selectors.member_search(world.outsider, QueryDict(""), request=request)
    assert list(found.rows) == [other]
    found = selectors.member_search(world.outsider, a_only, request=request)
    assert list(found.rows) == []  # 支部A is out of reach: nothing, not everything
    assert list(selectors.members(world.secretary)) == [world.member_a]
    assert list(selectors.members(world.expert)) == []
