"""What every page's frame needs of the signed-in user: the main menu (workbench/menu.py) and
`may`, the capabilities they hold somewhere (`{% if may.edit_brand %}`).

The main menu depends only on the capabilities held anywhere and on where the URLs point
(menu.menu_key), so it is drawn once per process for each such combination and its HTML kept:
a page then pays a dictionary lookup for it, not the rendering of some fifty entries."""

from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString

from partybrand.orgs.roles import Cap, holds_anywhere
from partybrand.sso.second_factor import OWED
from partybrand.workbench.menu import menu_for, menu_key, user_menu_for

_DRAWN: dict[tuple, SafeString] = {}
_DRAWN_MAX = 512


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


def main_menu(user) -> SafeString:
    """The `<li>` items of the main menu for `user`, as HTML."""
    key = menu_key(user)
    drawn = _DRAWN.get(key)
    if drawn is None:
        drawn = render_to_string("workbench/_main_menu.html", {"menu": menu_for(user)})
        if len(_DRAWN) < _DRAWN_MAX:
            _DRAWN[key] = drawn
    return drawn


def navigation(request):
    # A request refused before the authentication middleware ran (a bad Host header) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if getattr(request, "session", {}).get(
        OWED
    ):  # signed in with the password, the one-time code still owed
        return {"main_menu": "", "may": Holdings(user)}
    # Built when a template first reads it, once per rendering (htmx fragments never do).
    return {
        "main_menu": SimpleLazyObject(lambda: main_menu(user)),
        "user_menu": SimpleLazyObject(lambda: user_menu_for(user)),
        "may": Holdings(user),
    }
