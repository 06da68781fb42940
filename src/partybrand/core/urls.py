from django.contrib.auth import views as auth_views
from django.urls import path

from partybrand.core import token_pages, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tokens/", token_pages.token_list, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", token_pages.token_revoke, name="api_token_revoke"),
    path("tokens/revoke-all/", token_pages.tokens_revoke_all, name="api_tokens_revoke_all"),
]
