from django.urls import path

from partybrand.themes import views, views_assistant, views_candidates

app_name = "themes"
urlpatterns = [
    path("", views.workshop_list, name="workshop_list"),
    path("brand/<int:pk>/start/", views.workshop_start, name="workshop_start"),
    path("<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("<int:pk>/propose/", views_candidates.candidate_propose, name="candidate_propose"),
    path("<int:pk>/import/", views.survey_import, name="survey_import"),
    path("<int:pk>/voting/open/", views.voting_open, name="voting_open"),
    path("<int:pk>/voting/close/", views.voting_close, name="voting_close"),
    path("<int:pk>/vote/", views_candidates.ballot, name="ballot"),
    path("<int:pk>/decide/", views.decision_record, name="decision_record"),
    path("<int:pk>/decide/withdraw/", views.decision_withdraw, name="decision_withdraw"),
    path("<int:pk>/objections/", views.objection_add, name="objection_add"),
    path("<int:pk>/adopt/", views.theme_adopt, name="theme_adopt"),
    path("<int:pk>/experts/", views.expert_invite, name="expert_invite"),
    path("<int:pk>/assistant/", views_assistant.assistant, name="assistant"),
    path("<int:pk>/assistant/accept/", views_assistant.assistant_accept, name="assistant_accept"),
    path("candidates/<int:pk>/", views_candidates.candidate_detail, name="candidate_detail"),
    path("candidates/<int:pk>/edit/", views_candidates.candidate_edit, name="candidate_edit"),
    path(
        "candidates/<int:pk>/recheck/", views_candidates.candidate_recheck, name="candidate_recheck"
    ),
    path(
        "candidates/<int:pk>/shortlist/",
        views_candidates.candidate_shortlist,
        name="candidate_shortlist",
    ),
    path("candidates/<int:pk>/delete/", views_candidates.candidate_delete, name="candidate_delete"),
    path("candidates/<int:pk>/score/", views_candidates.score_save, name="score_save"),
    path("candidates/<int:pk>/meaning/", views_assistant.meaning_accept, name="meaning_accept"),
    path("objections/<int:pk>/answer/", views.objection_answer, name="objection_answer"),
]
