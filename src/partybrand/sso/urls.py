from django.urls import path

from partybrand.sso import oidc, views

app_name = "sso"

urlpatterns = [
    path("oidc/login/", oidc.SignInStart.as_view(), name="oidc_start"),
    path("oidc/callback/", oidc.SignInCallback.as_view(), name="oidc_callback"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("totp/", views.totp_settings, name="totp_settings"),
    path("totp/verify/", views.totp_verify, name="totp_verify"),
    path("totp/enrol/", views.totp_enrol, name="totp_enrol"),
    path("totp/reset/<int:member_pk>/", views.totp_reset, name="totp_reset"),
]
