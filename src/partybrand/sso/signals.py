"""At sign-in, note in the session whether a one-time code is still owed."""

from partybrand.sso import second_factor


def note_second_factor(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    backend = getattr(user, "backend", "") or ""
    if second_factor.owed_at_sign_in(user, backend):
        request.session[second_factor.OWED] = True
    else:
        request.session.pop(second_factor.OWED, None)
