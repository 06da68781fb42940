"""The REST API: /api/v1/ endpoints, the OpenAPI schema and its browsable docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from partybrand.api.auth import TokenView
from partybrand.api.base import ChineseMessages
from partybrand.api.views import BrandViewSet, MemberViewSet, OrgViewSet
from partybrand.assessments import api as assessments_api
from partybrand.benchmarks.api import BenchmarkViewSet, BrandComparisonViewSet
from partybrand.indicators import api as indicators_api
from partybrand.notices import api as notices_api
from partybrand.plans import api as plans_api
from partybrand.positioning.api import PositioningSummaryView, PracticeViewSet, SwotItemViewSet
from partybrand.supervision import api as supervision_api
from partybrand.surveys.api import SurveyQuestionViewSet, SurveyResponseViewSet, SurveyViewSet
from partybrand.surveys.api_public import PublicSurveyView
from partybrand.themes import api as themes_api
from partybrand.themes import api_check as theme_check_api

app_name = "api"

# SimpleRouter: no API root view and no format-suffix duplicates of every route.
router = SimpleRouter()
router.register("orgs", OrgViewSet, basename="org")
router.register("members", MemberViewSet, basename="member")
router.register("brands", BrandViewSet, basename="brand")
router.register("benchmarks", BenchmarkViewSet, basename="benchmark")
router.register(
    r"brands/(?P<brand_pk>\d+)/comparisons", BrandComparisonViewSet, basename="brand-comparison"
)
router.register(r"brands/(?P<brand_pk>\d+)/practices", PracticeViewSet, basename="brand-practice")
router.register(r"brands/(?P<brand_pk>\d+)/swot-items", SwotItemViewSet, basename="brand-swot-item")
router.register("surveys", SurveyViewSet, basename="survey")
router.register(
    r"surveys/(?P<survey_pk>\d+)/questions", SurveyQuestionViewSet, basename="survey-question"
)
router.register(
    r"surveys/(?P<survey_pk>\d+)/responses", SurveyResponseViewSet, basename="survey-response"
)

# Apps added with the method's later parts register their own routes.
APP_APIS = [
    themes_api,
    theme_check_api,
    indicators_api,
    assessments_api,
    plans_api,
    supervision_api,
    notices_api,
]
for app_api in APP_APIS:
    app_api.register(router)


class SchemaView(ChineseMessages, SpectacularAPIView):
    pass


class DocsView(ChineseMessages, SpectacularSwaggerSplitView):
    url_name = "api:schema"


urlpatterns = [
    path("v1/auth/token/", TokenView.as_view(), name="token"),
    path("v1/", include(router.urls)),
    path("v1/public/surveys/<str:token>/", PublicSurveyView.as_view(), name="public-survey"),
    path(
        "v1/brands/<int:brand_pk>/positioning/",
        PositioningSummaryView.as_view(),
        name="brand-positioning",
    ),
    *(p for app_api in APP_APIS for p in app_api.urlpatterns),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
]
