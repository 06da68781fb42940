"""Navigation shown on every page, shaped by what the signed-in user may do."""

from partybrand.orgs.roles import Cap, paths_with


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    superuser = user.is_superuser
    return {
        "nav": {
            "members": superuser or bool(paths_with(user, Cap.VIEW_MEMBERS)),
            "manage_orgs": superuser or bool(paths_with(user, Cap.MANAGE_ORGS)),
            "audit": superuser or bool(paths_with(user, Cap.VIEW_AUDIT)),
            "create_brand": superuser or bool(paths_with(user, Cap.EDIT_BRAND)),
        }
    }
