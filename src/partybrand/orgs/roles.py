"""What each role may do. A role held in an organisation applies to that organisation's subtree."""

from enum import StrEnum

from django.db.models import Q

from partybrand.orgs.choices import Role
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.tree import subtree_q


class Cap(StrEnum):
    VIEW = "view"  # the organisation tree
    VIEW_BRANDS = "view_brands"  # every brand of the subtree, drafts included
    REVIEW_BRANDS = "review_brands"  # only brands under review or already public (experts)
    VIEW_MEMBERS = "view_members"  # member lists, with personal data masked
    SEE_PERSONAL = "see_personal"  # phone and ID number unmasked
    MANAGE_ORGS = "manage_orgs"  # create, edit and import organisations below
    MANAGE_MEMBERS = "manage_members"  # create, edit and import members
    EDIT_BRAND = "edit_brand"  # brand identity, KPIs, honours, attachments
    VIEW_AUDIT = "view_audit"
    MANAGE_LIBRARY = "manage_library"  # the group's shared benchmark library


_STAFF = {
    Cap.VIEW,
    Cap.VIEW_BRANDS,
    Cap.VIEW_MEMBERS,
    Cap.SEE_PERSONAL,
    Cap.MANAGE_ORGS,
    Cap.MANAGE_MEMBERS,
    Cap.EDIT_BRAND,
    Cap.VIEW_AUDIT,
    Cap.MANAGE_LIBRARY,
}
ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.COMMITTEE_ADMIN: frozenset(_STAFF),
    Role.PARTY_OFFICE: frozenset(_STAFF),
    Role.MID_ADMIN: frozenset(_STAFF - {Cap.VIEW_AUDIT, Cap.MANAGE_LIBRARY}),
    Role.SECRETARY: frozenset(
        {
            Cap.VIEW,
            Cap.VIEW_BRANDS,
            Cap.VIEW_MEMBERS,
            Cap.SEE_PERSONAL,
            Cap.MANAGE_MEMBERS,
            Cap.EDIT_BRAND,
        }
    ),
    Role.BRANCH_COMMITTEE: frozenset({Cap.VIEW, Cap.VIEW_BRANDS, Cap.VIEW_MEMBERS, Cap.EDIT_BRAND}),
    Role.MEMBER: frozenset({Cap.VIEW, Cap.VIEW_BRANDS, Cap.VIEW_MEMBERS}),
    # Experts score what is put before them, not a branch's drafts or its member rolls.
    Role.EXPERT: frozenset({Cap.VIEW, Cap.REVIEW_BRANDS}),
}


def role_paths(user) -> list[tuple[str, str]]:
    """(role, organisation path) pairs of the user, loaded once per request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_pb_role_paths", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user, org__is_active=True).values_list(
                "role", "org__path"
            )
        )
        user._pb_role_paths = cached
    return cached


def paths_with(user, cap: Cap) -> list[str]:
    """The outermost organisation paths under which the user has `cap`."""
    paths = sorted({path for role, path in role_paths(user) if cap in ROLE_CAPS.get(role, ())})
    outermost: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in outermost):
            outermost.append(path)
    return outermost


def scope_q(user, cap: Cap, field: str = "path") -> Q:
    """A filter for the rows whose organisation path lies where the user has `cap`."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    for path in paths_with(user, cap):
        query |= subtree_q(path, field)
    return query


def can(user, cap: Cap, org_path: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(org_path.startswith(path) for path in paths_with(user, cap))


def roles_over(user, org_path: str, *, strictly_above: bool = False) -> set[str]:
    """Roles the user holds at the organisation or its ancestors (only ancestors if strict)."""
    found = set()
    for role, path in role_paths(user):
        if org_path.startswith(path) and not (strictly_above and path == org_path):
            found.add(role)
    return found


def roles_at(user, org_path: str) -> set[str]:
    """Roles the user holds at exactly this organisation."""
    return {role for role, path in role_paths(user) if path == org_path}
