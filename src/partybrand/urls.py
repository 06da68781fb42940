from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("partybrand.core.urls")),
    path("orgs/", include("partybrand.orgs.urls")),
    path("brands/", include("partybrand.brands.urls")),
    path("surveys/", include("partybrand.surveys.urls")),
    path("benchmarks/", include("partybrand.benchmarks.urls")),
    path("positioning/", include("partybrand.positioning.urls")),
    path("api/", include("partybrand.api.urls")),
    path("admin/", admin.site.urls),
]
