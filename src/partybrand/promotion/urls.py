from django.urls import path

from partybrand.promotion import views

app_name = "promotion"
urlpatterns = [
    path("", views.carrier_list, name="carrier_list"),
    path("brands/<int:brand_pk>/new/", views.carrier_create, name="carrier_create"),
    path("carriers/<int:pk>/", views.carrier_detail, name="carrier_detail"),
    path("carriers/<int:pk>/edit/", views.carrier_edit, name="carrier_edit"),
    path("carriers/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("carriers/<int:pk>/recognise/", views.recognition_create, name="recognition_create"),
    path("photos/<int:pk>/", views.photo_view, name="photo_view"),
]
