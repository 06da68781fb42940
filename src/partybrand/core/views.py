"""Sign-in and the error pages (JSON under /api/)."""

from django.contrib.auth import views as auth_views
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

from partybrand.core import throttle
from partybrand.core.rest.errors import (
    FORBIDDEN,
    api_error,
    api_not_found,
    api_server_error,
    is_api,
)

BAD_REQUEST = "请求无法处理：网址或请求内容不符合要求。请从平台首页重新进入。"
BAD_HOST = "请求的网站地址不是本平台的地址，已拒绝。请使用系统管理员公布的平台地址访问。"
TOO_MUCH = "提交的内容过多或过大，未处理。"


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # Throttling happens inside authentication; here it only changes what the person is told.
        refusal = throttle.refusal_of(self.request)
        if refusal is not None:
            username = self.request.POST.get("username", "")
            form = self.get_form_class()(self.request, initial={"username": username})
            context = self.get_context_data(form=form, blocked=refusal.message)
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(refusal.seconds)
            return response
        return super().form_invalid(form)


@requires_csrf_token
def bad_request(request, exception):
    """A request Django refuses itself (a Host header the platform does not serve, a body too
    large): told in Chinese, as JSON under /api/. The page is drawn without a signed-in user:
    a bad Host is refused before the authentication middleware runs."""
    if isinstance(exception, DisallowedHost):
        message = BAD_HOST
    elif isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        message = TOO_MUCH
    else:
        message = BAD_REQUEST
    if is_api(request):
        return api_error(400, message)
    page = render_to_string("400.html", {"message": message}, request=request)
    return HttpResponseBadRequest(page)


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
