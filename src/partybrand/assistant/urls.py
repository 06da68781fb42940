from django.urls import path

from partybrand.assistant import views

app_name = "assistant"

SECTION = "draft/<slug:subject>/<int:pk>/<slug:kind>/<slug:section>/"

urlpatterns = [
    path(SECTION, views.section_draft, name="section_draft"),
    path(SECTION + "start/", views.section_draft_start, name="section_draft_start"),
    path(SECTION + "accept/", views.section_draft_accept, name="section_draft_accept"),
]
