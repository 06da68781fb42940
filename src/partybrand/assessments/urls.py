from django.urls import path

from partybrand.assessments import views, views_results, views_review, views_self

app_name = "assessments"
urlpatterns = [
    path("", views.my_list, name="my_list"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/self/", views_self.self_save, name="self_save"),
    path("<int:pk>/submit/", views_self.submit, name="submit"),
    path("<int:pk>/assign/", views_review.assign, name="assign"),
    path("reviewers/<int:pk>/remove/", views_review.reviewer_remove, name="reviewer_remove"),
    path("<int:pk>/return/", views_review.return_for_correction, name="return"),
    path("<int:pk>/finalise/", views_review.finalise, name="finalise"),
    path("<int:pk>/scores.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/report.docx", views.export_docx, name="export_docx"),
    path("evidence/<int:pk>/", views_self.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views_self.evidence_delete, name="evidence_delete"),
    path("reviews/", views_review.review_list, name="review_list"),
    path("reviews/<int:pk>/", views_review.review, name="review"),
    path("reviews/<int:pk>/scores/", views_review.review_save, name="review_save"),
    path("reviews/<int:pk>/done/", views_review.review_done, name="review_done"),
    path("results/", views_results.results_home, name="results_home"),
    path("results/org/<int:pk>/", views_results.org_results, name="org_results"),
    path("results/committee/<int:pk>/", views_results.committee_results, name="committee_results"),
    path("results/committee/<int:pk>/policy/", views_results.policy_save, name="policy_save"),
]
