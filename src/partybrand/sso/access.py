"""Who may do what with the second factor of others: the members' managers."""

from partybrand.orgs.access import access_member
from partybrand.orgs.models import Member
from partybrand.orgs.roles import Cap, can


def access_second_factor_reset(user, member_pk) -> Member:
    """The member whose second factor the user resets: 404 outside the user's reach, 403 for
    those who may see but not manage the member (MANAGE_MEMBERS)."""
    return access_member(user, member_pk, for_edit=True)


def may_reset_second_factor(user, member: Member) -> bool:
    return member.user_id is not None and can(user, Cap.MANAGE_MEMBERS, member.org.path)
