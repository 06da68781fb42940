"""The second factor and single sign-out, around every request."""

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode

from partybrand.sso import second_factor
from partybrand.sso.conf import oidc_enabled
from partybrand.sso.oidc import end_session_url

OWED_MESSAGE = "请先输入动态口令完成登录。"
END_SESSION = "sso_end_session"  # kept in the fresh session after sign-out


class SecondFactorMiddleware:
    """A session that owes a one-time code (second_factor.OWED, set at sign-in) reaches nothing
    but the code pages and sign-out until the code is given; the API answers 403."""

    OPEN = ("sso:totp_verify", "sso:totp_enrol", "logout", "sso:signed_out")

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: set[str] | None = None

    def __call__(self, request):
        if request.session.get(second_factor.OWED) and request.user.is_authenticated:
            if request.user.is_verified():  # django-otp: a device confirmed this session
                del request.session[second_factor.OWED]
            elif request.path not in self.open_paths():
                return self._ask_for_code(request)
        return self.get_response(request)

    def open_paths(self) -> set[str]:
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in self.OPEN}
        return self._open_paths

    def _ask_for_code(self, request):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": OWED_MESSAGE}, status=403)
        has_device = second_factor.confirmed_device(request.user) is not None
        target = reverse("sso:totp_verify" if has_device else "sso:totp_enrol")
        if request.method == "GET" and request.path != "/":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)


class SingleSignOutMiddleware:
    """Signing out of a session begun at the single sign-on provider also ends the provider's
    session where it offers that: the sign-out lands on a page that forwards there (a form post
    may not redirect to another site under the page's Content-Security-Policy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        id_token = None
        if request.method == "POST" and request.path == reverse("logout"):
            id_token = request.session.get("oidc_id_token")
        response = self.get_response(request)
        signed_out = response.status_code in (301, 302, 303) and not request.user.is_authenticated
        target = end_session_url(request, id_token) if id_token and signed_out else ""
        if target and oidc_enabled():
            request.session[END_SESSION] = target
            return HttpResponseRedirect(reverse("sso:signed_out"))
        return response
