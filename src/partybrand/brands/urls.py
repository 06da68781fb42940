from django.urls import path

from partybrand.brands import record_views, views

app_name = "brands"
urlpatterns = [
    path("", views.brand_list, name="brand_list"),
    path("matrix/", views.brand_matrix, name="brand_matrix"),
    path("new/", views.brand_create_view, name="brand_create"),
    path("<int:pk>/", views.brand_detail, name="brand_detail"),
    path("<int:pk>/edit/", views.brand_edit, name="brand_edit"),
    path("<int:pk>/transition/", views.brand_transition_view, name="brand_transition"),
    path("<int:pk>/logo/", record_views.logo_view, name="logo"),
    path("<int:pk>/logo/upload/", record_views.logo_upload, name="logo_upload"),
    path("<int:pk>/kpis/", record_views.kpi_add, name="kpi_add"),
    path("<int:pk>/kpis/<int:kpi_pk>/values/", record_views.kpi_value_add, name="kpi_value_add"),
    path("<int:pk>/kpis/<int:kpi_pk>/delete/", record_views.kpi_delete, name="kpi_delete"),
    path("<int:pk>/honours/", record_views.honour_add, name="honour_add"),
    path(
        "<int:pk>/honours/<int:honour_pk>/delete/",
        record_views.honour_delete,
        name="honour_delete",
    ),
    path("<int:pk>/attachments/", record_views.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        record_views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        record_views.attachment_delete,
        name="attachment_delete",
    ),
]
