"""Per request, for a signed-in browser: sign out a session left idle too long, keep the session
registry's last_seen current, and lead an account holding a temporary password to the page where
it chooses its own. Also remembers the request for the signals (context.py)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from partybrand.accounts import registry
from partybrand.accounts.context import current_request

IDLE_MESSAGE = "长时间未操作，已自动退出，请重新登录。"
# Pages an account with a temporary password may still open.
OPEN_WHILE_TEMPORARY = ("accounts:password_change", "logout")
# /sso/: the one-time code pages, which a session owing a code must reach first.
OPEN_PREFIXES = ("/static/", "/api/", "/healthz", "/accounts/reset/", "/sso/")


class AccountSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self._answer(request)
        finally:
            current_request.reset(token)

    def _answer(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        signed_in = session is not None and user is not None and user.is_authenticated
        key_before = session.session_key if signed_in else None
        if signed_in:
            if registry.is_idle(request):
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)  # answered as anonymous: 401/403
                messages.info(request, IDLE_MESSAGE)
                return self._go(request, redirect_to_login(request.get_full_path()))
            registry.touch(request)
            if user.must_change_password and not self._open_while_temporary(request):
                return self._go(request, redirect("accounts:password_change"))  # the page says why
        response = self.get_response(request)
        if signed_in and session.session_key != key_before:
            registry.rekey(key_before, session.session_key)  # kept signed in with a new key
        return response

    @staticmethod
    def _go(request, response):
        """A redirect; for an htmx request the whole page goes there, not the fragment."""
        if request.headers.get("HX-Request"):
            answer = HttpResponse(status=204)
            answer["HX-Redirect"] = response["Location"]
            return answer
        return response

    @staticmethod
    def _open_while_temporary(request) -> bool:
        if request.path.startswith(OPEN_PREFIXES):
            return True
        return request.path in {reverse(name) for name in OPEN_WHILE_TEMPORARY}
