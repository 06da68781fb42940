from django.urls import path

from partybrand.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/draft/", views.case_draft, name="case_draft"),
    path("<int:pk>/photos/", views.case_photos, name="case_photos"),
    path("<int:pk>/report/", views.case_report, name="case_report"),
    path("<int:pk>/adopt/", views.case_adopt, name="case_adopt"),
    path("<int:pk>/step/<slug:action>/", views.case_step, name="case_step"),
    path("photos/<int:pk>/", views.photo_view, name="photo_view"),
    path("photos/<int:pk>/caption/", views.photo_caption, name="photo_caption"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("limit/<int:org_pk>/", views.case_limit, name="case_limit"),
    path("compilations/", views.compilation_list, name="compilation_list"),
    path("compilations/new/", views.compilation_create, name="compilation_create"),
    path("compilations/<int:pk>/", views.compilation_detail, name="compilation_detail"),
    path("compilations/<int:pk>/edit/", views.compilation_edit, name="compilation_edit"),
    path("news/", views.news_list, name="news_list"),
    path("news/brands/<int:brand_pk>/new/", views.news_create, name="news_create"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
]
