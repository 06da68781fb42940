from django.urls import path

from partybrand.themes.views import assistant, candidates, workshops

app_name = "themes"
urlpatterns = [
    path("", workshops.workshop_list, name="workshop_list"),
    path("brand/<int:pk>/start/", workshops.workshop_start, name="workshop_start"),
    path("<int:pk>/", workshops.workshop_detail, name="workshop_detail"),
    path("<int:pk>/propose/", candidates.candidate_propose, name="candidate_propose"),
    path("<int:pk>/import/", workshops.survey_import, name="survey_import"),
    path("<int:pk>/voting/open/", workshops.voting_open, name="voting_open"),
    path("<int:pk>/voting/close/", workshops.voting_close, name="voting_close"),
    path("<int:pk>/vote/", candidates.ballot, name="ballot"),
    path("<int:pk>/decide/", workshops.decision_record, name="decision_record"),
    path("<int:pk>/decide/withdraw/", workshops.decision_withdraw, name="decision_withdraw"),
    path("<int:pk>/objections/", workshops.objection_add, name="objection_add"),
    path("<int:pk>/adopt/", workshops.theme_adopt, name="theme_adopt"),
    path("<int:pk>/experts/", workshops.expert_invite, name="expert_invite"),
    path("<int:pk>/assistant/", assistant.assistant, name="assistant"),
    path("<int:pk>/assistant/accept/", assistant.assistant_accept, name="assistant_accept"),
    path("<int:pk>/assistant/trade/", assistant.assistant_trade, name="assistant_trade"),
    path("candidates/<int:pk>/", candidates.candidate_detail, name="candidate_detail"),
    path("candidates/<int:pk>/edit/", candidates.candidate_edit, name="candidate_edit"),
    path("candidates/<int:pk>/recheck/", candidates.candidate_recheck, name="candidate_recheck"),
    path(
        "candidates/<int:pk>/shortlist/",
        candidates.candidate_shortlist,
        name="candidate_shortlist",
    ),
    path("candidates/<int:pk>/delete/", candidates.candidate_delete, name="candidate_delete"),
    path("candidates/<int:pk>/score/", candidates.score_save, name="score_save"),
    path("candidates/<int:pk>/meaning/", assistant.meaning_accept, name="meaning_accept"),
    path("objections/<int:pk>/answer/", workshops.objection_answer, name="objection_answer"),
]
