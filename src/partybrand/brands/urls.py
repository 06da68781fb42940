from django.urls import path

app_name = "brands"
urlpatterns: list = []
