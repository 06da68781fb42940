from django.urls import path

from partybrand.ops import failed_jobs, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", views.metrics, name="metrics"),
    path("ops/jobs/failed/", failed_jobs.failed_job_list, name="ops_failed_jobs"),
    path(
        "ops/theme-index/rebuild/", failed_jobs.theme_index_rebuild, name="ops_theme_index_rebuild"
    ),
    path("ops/jobs/<int:pk>/rerun/", failed_jobs.failed_job_rerun, name="ops_failed_job_rerun"),
]
