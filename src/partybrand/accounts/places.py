"""Where an account belongs in the organisation tree."""

from partybrand.orgs.models import Member, RoleAssignment


def account_org_path(user) -> str:
    """The path of the member record's organisation, else of the highest organisation where the
    account holds a role: its audit rows are filed there, so committee staff see them."""
    path = Member.objects.filter(user=user).values_list("org__path", flat=True).first()
    if path:
        return path
    paths = RoleAssignment.objects.filter(user=user).values_list("org__path", flat=True)
    return min(paths, key=len, default="")
