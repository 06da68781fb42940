from django.urls import path

from partybrand.positioning import item_views, views

app_name = "positioning"
urlpatterns = [
    path("brand/<int:pk>/", views.summary, name="summary"),
    path("brand/<int:pk>/conclusion/", views.conclusion_save, name="conclusion_save"),
    path("brand/<int:pk>/summary.docx", views.summary_export, name="summary_export"),
    path("brand/<int:pk>/inventory/", views.inventory, name="inventory"),
    path("brand/<int:pk>/practices/", item_views.practice_add, name="practice_add"),
    path("brand/<int:pk>/swot/", item_views.swot_add, name="swot_add"),
    path("practices/<int:pk>/edit/", item_views.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/delete/", item_views.practice_delete, name="practice_delete"),
    path("practices/<int:pk>/evidence/", item_views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", item_views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", item_views.evidence_delete, name="evidence_delete"),
    path("swot/<int:pk>/edit/", item_views.swot_edit, name="swot_edit"),
    path("swot/<int:pk>/delete/", item_views.swot_delete, name="swot_delete"),
]
