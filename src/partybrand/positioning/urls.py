from django.urls import path

from partybrand.positioning.views import items, positioning

app_name = "positioning"
urlpatterns = [
    path("brand/<int:pk>/", positioning.summary, name="summary"),
    path("brand/<int:pk>/conclusion/", positioning.conclusion_save, name="conclusion_save"),
    path("brand/<int:pk>/summary.docx", positioning.summary_export, name="summary_export"),
    path("brand/<int:pk>/inventory/", positioning.inventory, name="inventory"),
    path("brand/<int:pk>/practices/", items.practice_add, name="practice_add"),
    path("brand/<int:pk>/swot/", items.swot_add, name="swot_add"),
    path("practices/<int:pk>/edit/", items.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/delete/", items.practice_delete, name="practice_delete"),
    path("practices/<int:pk>/evidence/", items.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", items.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", items.evidence_delete, name="evidence_delete"),
    path("swot/<int:pk>/edit/", items.swot_edit, name="swot_edit"),
    path("swot/<int:pk>/delete/", items.swot_delete, name="swot_delete"),
]
