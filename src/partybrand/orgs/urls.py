from django.urls import path

from partybrand.orgs import member_views, views

app_name = "orgs"
urlpatterns = [
    path("", views.org_tree, name="org_tree"),
    path("import/", views.org_import, name="org_import"),
    path("import/template.xlsx", views.org_template, name="org_template"),
    path("<int:pk>/", views.org_detail, name="org_detail"),
    path("<int:pk>/children/", views.org_children, name="org_children"),
    path("<int:pk>/edit/", views.org_edit, name="org_edit"),
    path("<int:parent_pk>/new/", views.org_create_view, name="org_create"),
    path("<int:pk>/export.xlsx", views.org_export, name="org_export"),
    path("members/", member_views.member_list, name="member_list"),
    path("members/export.xlsx", member_views.member_export, name="member_export"),
    path("members/import/", member_views.member_import, name="member_import"),
    path("members/import/template.xlsx", member_views.member_template, name="member_template"),
    path("members/<int:pk>/", member_views.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", member_views.member_edit, name="member_edit"),
    path("<int:org_pk>/members/new/", member_views.member_create_view, name="member_create"),
]
