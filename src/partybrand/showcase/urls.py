from django.urls import path

from partybrand.showcase import views

app_name = "showcase"
urlpatterns = [
    path("", views.gallery, name="gallery"),
    path("<int:pk>/", views.brand_page, name="brand"),
    path("<int:pk>/logo/", views.logo, name="logo"),
    path("<int:pk>/poster.pdf", views.poster, name="poster"),
]
