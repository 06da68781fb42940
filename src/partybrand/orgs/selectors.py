"""Reads of the organisation tree and the member rolls scoped to a user: the tree's roots, one
level below a node, the search, an organisation's page (its subtree counted by kind, its
ancestors, its members), the export rows and the member list. Pages load the tree one level at
a time and count in SQL, so no read loads a whole subtree into Python."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import HttpRequest, QueryDict

from partybrand.orgs.access import visible_members, visible_orgs
from partybrand.orgs.choices import OrgKind, Role
from partybrand.orgs.filters import MemberFilter
from partybrand.orgs.models import Member, Organization, RoleAssignment
from partybrand.orgs.roles import Cap, paths_with
from partybrand.orgs.tree import ancestor_paths, subtree_q

CHILDREN_SHOWN = 200  # children listed when a node of the tree is opened


def org_roots(user) -> QuerySet[Organization]:
    """Where the user's tree starts: the outermost organisations where they see the tree (the
    top of the group for a superuser), in the tree's order."""
    if user.is_superuser:
        rows = Organization.objects.filter(parent__isnull=True, is_active=True)
    else:
        rows = Organization.objects.filter(path__in=paths_with(user, Cap.VIEW), is_active=True)
    return rows.order_by("sort_order", "path")


def org_search(user, query: str):
    """Organisations the user sees whose name contains `query`, with their parent, by path."""
    return (
        visible_orgs(user).filter(name__icontains=query).select_related("parent").order_by("path")
    )


def org_children(user, org: Organization):
    """The active organisations right below `org` that the user sees, by path: the list on
    the organisation's page and the API's children."""
    return visible_orgs(user).filter(parent=org).order_by("path")


def tree_level(user, org: Organization) -> tuple[QuerySet[Organization], int]:
    """One level of the tree below `org`: its first CHILDREN_SHOWN children in the tree's
    order, and how many more there are."""
    children = org_children(user, org).order_by("sort_order", "path")[:CHILDREN_SHOWN]
    return children, max(org.child_count - CHILDREN_SHOWN, 0)


def kind_counts(org: Organization) -> list[tuple[str, int]]:
    """How many active organisations of each kind `org`'s subtree holds (itself included),
    as (kind's label, count) in the order of the kinds' values."""
    subtree = Organization.objects.filter(subtree_q(org.path), is_active=True)
    counts = dict(subtree.values_list("kind").annotate(n=Count("id")).order_by())
    return [(OrgKind(k).label, n) for k, n in sorted(counts.items())]


def org_ancestors(user, org: Organization) -> QuerySet[Organization]:
    """The organisations above `org` that the user sees, from the top down."""
    return (
        Organization.objects.filter(path__in=ancestor_paths(org.path))
        .filter(pk__in=visible_orgs(user).values("pk"))
        .order_by("path")
    )


def member_count(user, org: Organization) -> int:
    """How many members of `org`'s subtree the user sees."""
    return visible_members(user).filter(subtree_q(org.path, "org__path")).count()


def subtree_orgs(user, org: Organization):
    """`org` and every organisation below it that the user sees, with their parent, by path:
    the rows of the export."""
    return visible_orgs(user).filter(subtree_q(org.path)).select_related("parent").order_by("path")


def org_for_edit(org: Organization) -> Organization:
    """The organisation read again, for an edit form to validate into: the one the service
    compares against keeps its saved values."""
    return Organization.objects.get(pk=org.pk)


def members(user):
    """The members the user sees, with their organisation: what the member list filters (the
    page's and the API's)."""
    return visible_members(user).select_related("org")


@dataclass
class MemberSearch:
    """The member list as asked by its query string."""

    rows: QuerySet[Member]  # by organisation path, then name (the roll's order)
    status: str  # the status asked for, as understood ("" for any)
    query: str  # the words of the name asked for


def member_search(user, params: QueryDict, *, request: HttpRequest | None = None) -> MemberSearch:
    """The members the user sees, filtered by the list's query string (the API's MemberFilter:
    `org` means that organisation's subtree)."""
    found = MemberFilter(params, queryset=members(user), request=request)
    found.is_valid()
    valid = found.form.cleaned_data
    return MemberSearch(
        rows=found.qs.order_by("org__path", "name", "id"),
        status=valid.get("status") or "",
        query=(valid.get("q") or "").strip(),
    )


def member_teams(member: Member):
    """The 专项团队 the member serves on."""
    return member.teams.all()


def member_for_edit(member: Member) -> Member:
    """The member read again, for an edit form to validate into (see org_for_edit)."""
    return Member.objects.get(pk=member.pk)


def user_org_path(user) -> str:
    """The organisation a user's own audit rows (signing in and out) belong to: their place on
    the rolls, else the outermost organisation where they hold a role; "" for neither."""
    path = Member.objects.filter(user=user).values_list("org__path", flat=True).first()
    if path is None:
        roles = RoleAssignment.objects.filter(user=user).order_by("org__path")
        path = roles.values_list("org__path", flat=True).first()
    return path or ""


def secretary_name(org: Organization) -> str:
    """The organisation's 书记 as the platform knows it (the first secretary's account), or ""."""
    role = (
        RoleAssignment.objects.filter(org=org, role=Role.SECRETARY)
        .select_related("user")
        .order_by("created_at", "id")
        .first()
    )
    return role.user.display_name if role else ""
