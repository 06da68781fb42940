from django.urls import path

from partybrand.cockpit import views

app_name = "cockpit"
urlpatterns = [
    path("", views.home, name="home"),
    path("orgs/<int:pk>/", views.org_cockpit, name="org"),
    path("orgs/<int:pk>/screen/", views.screen, name="screen"),
    path("orgs/<int:pk>/cockpit.xlsx", views.export_xlsx, name="export_xlsx"),
    path("orgs/<int:pk>/health/", views.health_list, name="health_list"),
    path("orgs/<int:pk>/branches/", views.branch_list, name="branch_list"),
    path("orgs/<int:pk>/entries/", views.entry_list, name="entry_list"),
    path("orgs/<int:pk>/weights/", views.weights, name="weights"),
    path("brands/<int:pk>/", views.brand_health, name="brand_health"),
]
