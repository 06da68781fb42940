from django.urls import path

from partybrand.brands.views import brands, record

app_name = "brands"
urlpatterns = [
    path("", brands.brand_list, name="brand_list"),
    path("matrix/", brands.brand_matrix, name="brand_matrix"),
    path("new/", brands.brand_create_view, name="brand_create"),
    path("<int:pk>/", brands.brand_detail, name="brand_detail"),
    path("<int:pk>/edit/", brands.brand_edit, name="brand_edit"),
    path("<int:pk>/transition/", brands.brand_transition_view, name="brand_transition"),
    path("<int:pk>/logo/", record.logo_view, name="logo"),
    path("<int:pk>/logo/upload/", record.logo_upload, name="logo_upload"),
    path("<int:pk>/kpis/", record.kpi_add, name="kpi_add"),
    path("<int:pk>/kpis/<int:kpi_pk>/values/", record.kpi_value_add, name="kpi_value_add"),
    path("<int:pk>/kpis/<int:kpi_pk>/delete/", record.kpi_delete, name="kpi_delete"),
    path("<int:pk>/honours/", record.honour_add, name="honour_add"),
    path(
        "<int:pk>/honours/<int:honour_pk>/delete/",
        record.honour_delete,
        name="honour_delete",
    ),
    path("<int:pk>/attachments/", record.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        record.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        record.attachment_delete,
        name="attachment_delete",
    ),
]
