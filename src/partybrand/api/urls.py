"""The REST API: /api/v1/ endpoints, the OpenAPI schema and its browsable docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from partybrand.api.auth import TokenView
from partybrand.api.base import ChineseMessages
from partybrand.api.views import BrandViewSet, MemberViewSet, OrgViewSet

app_name = "api"

# SimpleRouter: no API root view and no format-suffix duplicates of every route.
router = SimpleRouter()
router.register("orgs", OrgViewSet, basename="org")
router.register("members", MemberViewSet, basename="member")
router.register("brands", BrandViewSet, basename="brand")


class SchemaView(ChineseMessages, SpectacularAPIView):
    pass


class DocsView(ChineseMessages, SpectacularSwaggerView):
    url_name = "api:schema"


urlpatterns = [
    path("v1/auth/token/", TokenView.as_view(), name="token"),
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
]
