from django.urls import path

from partybrand.orgs.views import members, orgs

app_name = "orgs"
urlpatterns = [
    path("", orgs.org_tree, name="org_tree"),
    path("import/", orgs.org_import, name="org_import"),
    path("import/template.xlsx", orgs.org_template, name="org_template"),
    path("<int:pk>/", orgs.org_detail, name="org_detail"),
    path("<int:pk>/children/", orgs.org_children, name="org_children"),
    path("<int:pk>/edit/", orgs.org_edit, name="org_edit"),
    path("<int:parent_pk>/new/", orgs.org_create_view, name="org_create"),
    path("<int:pk>/export.xlsx", orgs.org_export, name="org_export"),
    path("members/", members.member_list, name="member_list"),
    path("members/export.xlsx", members.member_export, name="member_export"),
    path("members/import/", members.member_import, name="member_import"),
    path("members/import/template.xlsx", members.member_template, name="member_template"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("<int:org_pk>/members/new/", members.member_create_view, name="member_create"),
]
