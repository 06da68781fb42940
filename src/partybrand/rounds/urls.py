from django.urls import path

from partybrand.rounds import panel_views, views

app_name = "rounds"
urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("new/", views.round_create, name="round_create"),
    path("mine/", views.my_round_tasks, name="my_tasks"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("<int:pk>/stages/", views.round_stages, name="round_stages"),
    path("<int:pk>/tiers/", views.round_tiers, name="round_tiers"),
    path("<int:pk>/notice/", views.round_notice, name="round_notice"),
    path("<int:pk>/advance/", views.round_advance, name="round_advance"),
    path("<int:pk>/enter/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/submit/", views.entry_submit, name="entry_submit"),
    path("entries/<int:pk>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("entries/<int:pk>/recommend/", views.entry_recommend, name="entry_recommend"),
    path("entries/<int:pk>/prescreen/", views.entry_prescreen, name="entry_prescreen"),
]

# panel, roadshow, results
urlpatterns += [
    path("<int:pk>/panel/", panel_views.panel_page, name="panel"),
    path("<int:pk>/sheets/", panel_views.my_sheets, name="my_sheets"),
    path("sheets/<int:pk>/", panel_views.sheet_page, name="sheet"),
    path("<int:pk>/roadshow/", panel_views.roadshow_console, name="roadshow"),
    path("<int:pk>/screen/", panel_views.roadshow_screen, name="roadshow_screen"),
    path("<int:pk>/results/", panel_views.results_page, name="results"),
    path("<int:pk>/results/matrix.xlsx", panel_views.score_matrix, name="score_matrix"),
    path("<int:pk>/vote/", panel_views.vote_page, name="vote"),
    path("<int:pk>/publicity/", panel_views.publicity_page, name="publicity"),
    path("objections/<int:pk>/answer/", panel_views.objection_answer, name="objection_answer"),
]
