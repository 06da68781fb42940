"""What the account pages read, scoped through access.py."""

from django.db.models import Prefetch, Q

from partybrand.accounts.access import managed_accounts
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Member, Organization, RoleAssignment
from partybrand.orgs.roles import Cap, paths_with, scope_q
from partybrand.orgs.tree import ancestor_paths, subtree_q


def managed_orgs(user):
    """The active organisations where the user manages accounts."""
    return Organization.objects.filter(scope_q(user, Cap.MANAGE_ACCOUNTS), is_active=True)


def _with_places(accounts):
    return accounts.select_related("member", "member__org").prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("org").order_by("org__path", "role"),
        )
    )


def account_rows(user, *, q: str = "", org: Organization | None = None, role: str = "", active=""):
    """The accounts of the user's subtree, filtered; each with its member record and roles."""
    rows = managed_accounts(user)
    if q:
        rows = rows.filter(
            Q(username__icontains=q) | Q(display_name__icontains=q) | Q(member__name__icontains=q)
        )
    if org is not None:
        inside = RoleAssignment.objects.filter(subtree_q(org.path, "org__path"))
        rows = rows.filter(
            Q(pk__in=Member.objects.filter(subtree_q(org.path, "org__path")).values("user_id"))
            | Q(pk__in=inside.values("user_id"))
        )
    if role:
        rows = rows.filter(pk__in=RoleAssignment.objects.filter(role=role).values("user_id"))
    if active in ("true", "false"):
        rows = rows.filter(is_active=active == "true")
    return _with_places(rows).order_by("username")


def account_with_places(account):
    return _with_places(type(account).objects.filter(pk=account.pk)).get()


def members_without_login(user, *, org: Organization | None = None, q: str = ""):
    """Members on the roll of the user's subtree (or of `org` within it) who have no login."""
    rows = Member.objects.filter(
        scope_q(user, Cap.MANAGE_ACCOUNTS, "org__path"), user__isnull=True, is_active=True
    )
    if org is not None:
        rows = rows.filter(subtree_q(org.path, "org__path"))
    if q:
        rows = rows.filter(name__icontains=q)
    return rows.select_related("org").order_by("org__path", "name", "id")


def role_orgs(actor, account) -> list[Organization]:
    """Where the actor may give the account a role, most likely first: the member's organisation
    and those above it, then the organisations of its roles, within the actor's reach; for an
    account without either (an outside expert), the organisations the actor manages from."""
    paths: list[str] = []
    member = Member.objects.filter(user=account).select_related("org").first()
    if member is not None:
        paths += [member.org.path, *reversed(ancestor_paths(member.org.path))]
    paths += list(account.role_assignments.values_list("org__path", flat=True))
    orgs = {org.path: org for org in managed_orgs(actor).filter(path__in=paths)}
    found = [orgs[path] for path in dict.fromkeys(paths) if path in orgs]
    if not found:
        roots = (
            Q(parent__isnull=True)
            if actor.is_superuser
            else Q(path__in=paths_with(actor, Cap.MANAGE_ACCOUNTS))
        )
        found = list(managed_orgs(actor).filter(roots))
    return found


# The filters offer every organisation (teams and 党小组 aside) while they are few enough for a
# list; a large group gets its committees only (any organisation can still be linked with ?org=).
FILTER_LIMIT = 400
COMMITTEE_KINDS = (OrgKind.GROUP_COMMITTEE, OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH)


def filter_orgs(user) -> list[Organization]:
    """The organisations offered in the account pages' filters, in tree order, each with `indent`
    (its depth below the first one) for the list."""
    orgs = managed_orgs(user).exclude(kind__in=(OrgKind.GROUP, OrgKind.TEAM)).order_by("path")
    found = list(orgs[: FILTER_LIMIT + 1])
    if len(found) > FILTER_LIMIT:
        found = list(orgs.filter(kind__in=COMMITTEE_KINDS)[:FILTER_LIMIT])
    top = min((org.depth for org in found), default=0)
    for org in found:
        org.indent = "　" * (org.depth - top)
    return found
