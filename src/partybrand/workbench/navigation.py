"""What every page's frame needs of the signed-in user: the main menu (workbench/menu.py) and
`may`, the capabilities they hold somewhere (`{% if may.edit_brand %}`)."""

from django.utils.functional import SimpleLazyObject

from partybrand.orgs.roles import Cap, holds_anywhere
from partybrand.sso.second_factor import OWED
from partybrand.workbench.menu import menu_for, user_menu_for


class Holdings:
    """`may.<capability>` in a template: whether the user holds it over some organisation."""

    def __init__(self, user):
        self.user = user

    def __getitem__(self, name: str) -> bool:
        try:
            cap = Cap(name)
        except ValueError:
            raise KeyError(name) from None
        return holds_anywhere(self.user, cap)


def navigation(request):
    # A request refused before the authentication middleware ran (a bad Host header) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if getattr(request, "session", {}).get(
        OWED
    ):  # signed in with the password, the one-time code still owed
        return {"menu": [], "may": Holdings(user)}
    # Built when a template first reads it, once per rendering (htmx fragments never do).
    return {
        "menu": SimpleLazyObject(lambda: menu_for(user)),
        "user_menu": SimpleLazyObject(lambda: user_menu_for(user)),
        "may": Holdings(user),
    }
