from django.urls import path

app_name = ""
urlpatterns: list = []
