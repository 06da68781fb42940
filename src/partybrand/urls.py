from django.contrib import admin
from django.urls import include, path

# The API first: its anonymous survey answers are the platform's busiest requests, and every
# pattern tried before theirs is paid on each one.
urlpatterns = [
    path("api/", include("partybrand.api.urls")),
    path("", include("partybrand.workbench.urls")),
    path("", include("partybrand.core.urls")),
    path("", include("partybrand.ops.urls")),
    path("orgs/", include("partybrand.orgs.urls")),
    path("accounts/", include("partybrand.accounts.urls")),
    path("brands/", include("partybrand.brands.urls")),
    path("documents/", include("partybrand.documents.urls")),
    path("assistant/", include("partybrand.assistant.urls")),
    path("surveys/", include("partybrand.surveys.urls")),
    path("benchmarks/", include("partybrand.benchmarks.urls")),
    path("positioning/", include("partybrand.positioning.urls")),
    path("themes/", include("partybrand.themes.urls")),
    path("indicators/", include("partybrand.indicators.urls")),
    path("assessments/", include("partybrand.assessments.urls")),
    path("plans/", include("partybrand.plans.urls")),
    path("supervision/", include("partybrand.supervision.urls")),
    path("promotion/", include("partybrand.promotion.urls")),
    path("cases/", include("partybrand.cases.urls")),
    path("knowledge/", include("partybrand.knowledge.urls")),
    path("rounds/", include("partybrand.rounds.urls")),
    path("showcase/", include("partybrand.showcase.urls")),
    path("cockpit/", include("partybrand.cockpit.urls")),
    path("notices/", include("partybrand.notices.urls")),
    path("jobs/", include("partybrand.jobs.urls")),
    path("sso/", include("partybrand.sso.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "partybrand.core.views.bad_request"
handler403 = "partybrand.core.views.permission_denied"
handler404 = "partybrand.core.views.not_found"
handler500 = "partybrand.core.views.server_error"
