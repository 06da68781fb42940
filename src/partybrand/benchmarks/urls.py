from django.urls import path

from partybrand.benchmarks import comparison_views, views

app_name = "benchmarks"
urlpatterns = [
    path("", views.benchmark_list, name="benchmark_list"),
    path("pick/", views.benchmark_pick, name="benchmark_pick"),
    path("new/", views.benchmark_create, name="benchmark_create"),
    path("import/", views.benchmark_import, name="benchmark_import"),
    path("import/template/", views.benchmark_template, name="benchmark_template"),
    path("<int:pk>/", views.benchmark_detail, name="benchmark_detail"),
    path("<int:pk>/edit/", views.benchmark_edit, name="benchmark_edit"),
    path("<int:pk>/delete/", views.benchmark_delete, name="benchmark_delete"),
    path("<int:pk>/logo/", views.benchmark_logo, name="benchmark_logo"),
    path("<int:pk>/logo/upload/", views.benchmark_logo_upload, name="benchmark_logo_upload"),
    path("brand/<int:brand_pk>/", comparison_views.brand_comparisons, name="brand_comparisons"),
    path("comparison/<int:pk>/edit/", comparison_views.comparison_edit, name="comparison_edit"),
    path(
        "comparison/<int:pk>/delete/", comparison_views.comparison_delete, name="comparison_delete"
    ),
]
