from django.urls import path

from partybrand.indicators import views, views_items, views_xlsx

app_name = "indicators"
urlpatterns = [
    path("", views.system_list, name="system_list"),
    path("new/", views.system_create, name="system_create"),
    path("import/", views_xlsx.system_import, name="system_import"),
    path("template.xlsx", views_xlsx.import_template, name="import_template"),
    path("<int:pk>/", views.system_detail, name="system_detail"),
    path("<int:pk>/edit/", views.system_edit, name="system_edit"),
    path("<int:pk>/publish/", views.system_publish, name="system_publish"),
    path("<int:pk>/new-version/", views.system_new_version, name="system_new_version"),
    path("<int:pk>/copy/", views.system_copy, name="system_copy"),
    path("<int:pk>/retire/", views.system_retire, name="system_retire"),
    path("<int:pk>/delete/", views.system_delete, name="system_delete"),
    path("<int:pk>/export.xlsx", views_xlsx.system_export, name="system_export"),
    path("<int:pk>/import/", views_xlsx.version_import, name="version_import"),
    path("<int:pk>/indicators/", views_items.indicator_add, name="indicator_add"),
    path("items/<int:pk>/edit/", views_items.indicator_edit, name="indicator_edit"),
    path("items/<int:pk>/preview/", views_items.indicator_preview, name="indicator_preview"),
    path("items/<int:pk>/delete/", views_items.indicator_delete, name="indicator_delete"),
    path("items/<int:pk>/move/", views_items.indicator_move, name="indicator_move"),
]
