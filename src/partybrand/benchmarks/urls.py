from django.urls import path

from partybrand.benchmarks.views import benchmarks, comparisons

app_name = "benchmarks"
urlpatterns = [
    path("", benchmarks.benchmark_list, name="benchmark_list"),
    path("pick/", benchmarks.benchmark_pick, name="benchmark_pick"),
    path("new/", benchmarks.benchmark_create, name="benchmark_create"),
    path("import/", benchmarks.benchmark_import, name="benchmark_import"),
    path("import/template/", benchmarks.benchmark_template, name="benchmark_template"),
    path("<int:pk>/", benchmarks.benchmark_detail, name="benchmark_detail"),
    path("<int:pk>/edit/", benchmarks.benchmark_edit, name="benchmark_edit"),
    path("<int:pk>/delete/", benchmarks.benchmark_delete, name="benchmark_delete"),
    path("<int:pk>/logo/", benchmarks.benchmark_logo, name="benchmark_logo"),
    path("<int:pk>/logo/upload/", benchmarks.benchmark_logo_upload, name="benchmark_logo_upload"),
    path("brand/<int:brand_pk>/", comparisons.brand_comparisons, name="brand_comparisons"),
    path("comparison/<int:pk>/edit/", comparisons.comparison_edit, name="comparison_edit"),
    path("comparison/<int:pk>/delete/", comparisons.comparison_delete, name="comparison_delete"),
]
