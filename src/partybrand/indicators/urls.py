from django.urls import path

from partybrand.indicators.views import items, systems, xlsx

app_name = "indicators"
urlpatterns = [
    path("", systems.system_list, name="system_list"),
    path("new/", systems.system_create, name="system_create"),
    path("import/", xlsx.system_import, name="system_import"),
    path("template.xlsx", xlsx.import_template, name="import_template"),
    path("<int:pk>/", systems.system_detail, name="system_detail"),
    path("<int:pk>/edit/", systems.system_edit, name="system_edit"),
    path("<int:pk>/publish/", systems.system_publish, name="system_publish"),
    path("<int:pk>/new-version/", systems.system_new_version, name="system_new_version"),
    path("<int:pk>/copy/", systems.system_copy, name="system_copy"),
    path("<int:pk>/retire/", systems.system_retire, name="system_retire"),
    path("<int:pk>/delete/", systems.system_delete, name="system_delete"),
    path("<int:pk>/export.xlsx", xlsx.system_export, name="system_export"),
    path("<int:pk>/import/", xlsx.version_import, name="version_import"),
    path("<int:pk>/indicators/", items.indicator_add, name="indicator_add"),
    path("items/<int:pk>/edit/", items.indicator_edit, name="indicator_edit"),
    path("items/<int:pk>/preview/", items.indicator_preview, name="indicator_preview"),
    path("items/<int:pk>/delete/", items.indicator_delete, name="indicator_delete"),
    path("items/<int:pk>/move/", items.indicator_move, name="indicator_move"),
]
