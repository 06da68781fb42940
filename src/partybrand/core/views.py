"""Sign-in, the health probe and the error pages (JSON under /api/)."""

from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.http import require_GET

from partybrand.core import throttle
from partybrand.core.rest.errors import (
    BAD_REQUEST,
    FORBIDDEN,
    api_error,
    api_not_found,
    api_server_error,
    is_api,
)


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # Throttling happens inside authentication; here it only changes what the person is told.
        username = self.request.POST.get("username", "")
        if throttle.locked(username, throttle.client_ip(self.request)):
            form = self.get_form_class()(self.request, initial={"username": username})
            context = self.get_context_data(form=form, blocked=throttle.blocked_message())
            return self.render_to_response(context, status=429)
        return super().form_invalid(form)


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bad_request(request, exception):
    # Django's own refusals (too many fields, a body over the limit, a bad Host) reach the
    # API's clients as JSON too
    if is_api(request):
        return api_error(400, BAD_REQUEST)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return api_error(403, str(exception) or FORBIDDEN)
    return defaults.permission_denied(request, exception)


def not_found(request, exception):
    if is_api(request):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return api_server_error(request)
    return defaults.server_error(request)
