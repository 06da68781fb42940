"""The page a one-time reset link opens: the person sets a new password without signing in."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.shortcuts import redirect

from partybrand.accounts.forms import NewPasswordForm
from partybrand.accounts.services import password_change


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's checks of the link (the token is valid until the password changes or the person
    signs in, PASSWORD_RESET_TIMEOUT at most; it leaves the address bar at once), with the
    password set through the service so it is audited as every other change."""

    template_name = "accounts/reset_confirm.html"
    form_class = NewPasswordForm

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        password_change(
            user=self.user,
            new_password=form.cleaned_data["new_password1"],
            comment="通过重置链接设置",
        )
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, "新密码已设置，请用新密码登录。")
        return redirect("login")
