from django.urls import path

from partybrand.accounts.views import manage, own, reset

app_name = "accounts"
urlpatterns = [
    path("", manage.account_list, name="account_list"),
    path("<int:pk>/", manage.account_detail, name="account_detail"),
    path("<int:pk>/roles/", manage.role_grant_view, name="role_grant"),
    path(
        "<int:pk>/roles/<int:assignment_pk>/withdraw/",
        manage.role_withdraw_view,
        name="role_withdraw",
    ),
    path("<int:pk>/deactivate/", manage.account_deactivate_view, name="account_deactivate"),
    path("<int:pk>/reactivate/", manage.account_reactivate_view, name="account_reactivate"),
    path("<int:pk>/reset-link/", manage.reset_link_view, name="reset_link"),
    path("<int:pk>/temporary-password/", manage.temporary_password_view, name="temporary_password"),
    path("members/", manage.member_logins, name="member_logins"),
    path("members/<int:member_pk>/new/", manage.login_create_view, name="login_create"),
    path("issued/<str:batch>/", manage.issued_view, name="issued"),
    path("issued/<str:batch>/download.xlsx", manage.issued_download, name="issued_download"),
    path("me/", own.my_account, name="my_account"),
    path("me/password/", own.password_change_view, name="password_change"),
    path("me/sessions/<int:pk>/end/", own.session_end, name="session_end"),
    path("me/sessions/end-others/", own.sessions_end_others, name="sessions_end_others"),
    path("reset/<uidb64>/<token>/", reset.ResetConfirmView.as_view(), name="reset_confirm"),
]
