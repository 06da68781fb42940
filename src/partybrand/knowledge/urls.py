from django.urls import path

from partybrand.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.ask, name="ask"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail"),
    path("history/", views.history, name="history"),
    path("review/", views.review, name="review"),
    path("questions/<int:pk>/review/", views.review_answer, name="review_answer"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/upload/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
]
