"""The REST API: /api/v1/ endpoints, the OpenAPI schema and its browsable docs.

Each app owns its viewsets and serializers in its `api` module, which offers `register(router)`
and `urlpatterns` (paths that are not viewsets); this module only gathers them.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from partybrand.api.auth import ApiTokenViewSet, TokenView
from partybrand.api.jobs import JobViewSet
from partybrand.assessments import api as assessments_api
from partybrand.benchmarks import api as benchmarks_api
from partybrand.brands import api as brands_api
from partybrand.cases import api as cases_api
from partybrand.cockpit import api as cockpit_api
from partybrand.core.ids import ID_IN_PATH
from partybrand.core.rest.base import ChineseMessages
from partybrand.indicators import api as indicators_api
from partybrand.knowledge import api as knowledge_api
from partybrand.notices import api as notices_api
from partybrand.orgs import api as orgs_api
from partybrand.plans import api as plans_api
from partybrand.positioning import api as positioning_api
from partybrand.promotion import api as promotion_api
from partybrand.rounds import api as rounds_api
from partybrand.rounds import panel_api as rounds_panel_api  # panel, roadshow, results
from partybrand.showcase import api as showcase_api
from partybrand.supervision import api as supervision_api
from partybrand.surveys.api import public as surveys_public_api
from partybrand.surveys.api import surveys as surveys_api
from partybrand.themes.api import check as theme_check_api
from partybrand.themes.api import workshops as themes_api

app_name = "api"

APP_APIS = [
    orgs_api,
    brands_api,
    benchmarks_api,
    positioning_api,
    surveys_api,
    surveys_public_api,
    themes_api,
    theme_check_api,
    indicators_api,
    assessments_api,
    plans_api,
    supervision_api,
    promotion_api,
    cases_api,
    knowledge_api,
    rounds_api,
    showcase_api,
    rounds_panel_api,  # panel, roadshow, results
    cockpit_api,
    notices_api,
]


# An id in an address: ASCII digits, short enough for a 64-bit column. Anything else is an
# unknown address (404), not a lookup that fails inside a view or the database (SQLite refuses
# an integer beyond 64 bits in a foreign-key filter).
ID = ID_IN_PATH


class NumericIdRouter(SimpleRouter):
    """SimpleRouter (no API root view, no format-suffix duplicates of every route) whose object
    routes, and the ids in nested prefixes (`brands/(?P<brand_pk>\\d+)/practices`), take ids
    only: /api/v1/plan-tasks/abc/close/ is a 404."""

    def register(self, prefix, viewset, basename=None):
        super().register(prefix.replace(r"\d+", ID), viewset, basename)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if getattr(viewset, "lookup_value_regex", None) is None:
            viewset.lookup_value_regex = ID
        return super().get_lookup_regex(viewset, lookup_prefix)


router = NumericIdRouter()
router.register("auth/tokens", ApiTokenViewSet, basename="auth-token")
router.register("jobs", JobViewSet, basename="job")
for app_api in APP_APIS:
    app_api.register(router)


class SchemaView(ChineseMessages, SpectacularAPIView):
    pass


class DocsView(ChineseMessages, SpectacularSwaggerSplitView):
    url_name = "api:schema"


# The apps' own paths before the router's: none overlaps a router path, and the public survey
# answer among them is then found without trying the router's patterns.
urlpatterns = [
    *(p for app_api in APP_APIS for p in app_api.urlpatterns),
    path("v1/auth/token/", TokenView.as_view(), name="token"),
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
]
