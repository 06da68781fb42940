from django.urls import path

from partybrand.surveys import views, views_answer, views_questions, views_results

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("new/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/transition/", views.survey_transition, name="survey_transition"),
    path("<int:pk>/delete/", views.survey_delete, name="survey_delete"),
    path("<int:pk>/copy/", views.survey_copy, name="survey_copy"),
    path("<int:pk>/questions/", views_questions.question_add, name="question_add"),
    path(
        "<int:pk>/questions/<int:question_pk>/edit/",
        views_questions.question_edit,
        name="question_edit",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        views_questions.question_delete,
        name="question_delete",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/move/",
        views_questions.question_move,
        name="question_move",
    ),
    path("<int:pk>/answer/", views_answer.named_answer, name="answer"),
    path("<int:pk>/results/", views_results.survey_results, name="survey_results"),
    path("<int:pk>/results/answers/", views_results.survey_answers, name="survey_answers"),
    path("<int:pk>/export.xlsx", views_results.survey_export, name="survey_export"),
    path("<int:pk>/qr/", views_results.survey_qr, name="survey_qr"),
    # The one page without login: staff without accounts answer here (link or QR code).
    path("s/<str:token>/", views_answer.public_answer, name="public_answer"),
]
