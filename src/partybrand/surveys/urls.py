from django.urls import path

from partybrand.surveys.views import answer, codes, questions, results, surveys

app_name = "surveys"
urlpatterns = [
    path("", surveys.survey_list, name="survey_list"),
    path("new/", surveys.survey_create, name="survey_create"),
    path("<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("<int:pk>/edit/", surveys.survey_edit, name="survey_edit"),
    path("<int:pk>/transition/", surveys.survey_transition, name="survey_transition"),
    path("<int:pk>/delete/", surveys.survey_delete, name="survey_delete"),
    path("<int:pk>/copy/", surveys.survey_copy, name="survey_copy"),
    path("<int:pk>/questions/", questions.question_add, name="question_add"),
    path(
        "<int:pk>/questions/<int:question_pk>/edit/",
        questions.question_edit,
        name="question_edit",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        questions.question_delete,
        name="question_delete",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/move/",
        questions.question_move,
        name="question_move",
    ),
    path("<int:pk>/answer/", answer.named_answer, name="answer"),
    path("<int:pk>/results/", results.survey_results, name="survey_results"),
    path("<int:pk>/results/answers/", results.survey_answers, name="survey_answers"),
    path("<int:pk>/export.xlsx", results.survey_export, name="survey_export"),
    path("<int:pk>/qr/", results.survey_qr, name="survey_qr"),
    path("<int:pk>/codes/", codes.codes_create, name="codes_create"),
    path("<int:pk>/codes/members/", codes.codes_for_members, name="codes_for_members"),
    path("<int:pk>/codes.pdf", codes.codes_sheet, name="codes_sheet"),
    # The one page without login: staff without accounts answer here (link or QR code).
    path("s/<str:token>/", answer.public_answer, name="public_answer"),
]
