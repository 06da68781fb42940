from django.urls import path

from partybrand.assessments.views import assessments, results, review, self_assessment

app_name = "assessments"
urlpatterns = [
    path("", assessments.my_list, name="my_list"),
    path("start/", assessments.start, name="start"),
    path("<int:pk>/", assessments.detail, name="detail"),
    path("<int:pk>/self/", self_assessment.self_save, name="self_save"),
    path("<int:pk>/submit/", self_assessment.submit, name="submit"),
    path("<int:pk>/assign/", review.assign, name="assign"),
    path("reviewers/<int:pk>/remove/", review.reviewer_remove, name="reviewer_remove"),
    path("<int:pk>/return/", review.return_for_correction, name="return"),
    path("<int:pk>/finalise/", review.finalise, name="finalise"),
    path("<int:pk>/scores.xlsx", assessments.export_xlsx, name="export_xlsx"),
    path("<int:pk>/report.docx", assessments.export_docx, name="export_docx"),
    path("evidence/<int:pk>/", self_assessment.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", self_assessment.evidence_delete, name="evidence_delete"),
    path("reviews/", review.review_list, name="review_list"),
    path("reviews/<int:pk>/", review.review, name="review"),
    path("reviews/<int:pk>/scores/", review.review_save, name="review_save"),
    path("reviews/<int:pk>/done/", review.review_done, name="review_done"),
    path("results/", results.results_home, name="results_home"),
    path("results/org/<int:pk>/", results.org_results, name="org_results"),
    path("results/committee/<int:pk>/", results.committee_results, name="committee_results"),
    path("results/committee/<int:pk>/policy/", results.policy_save, name="policy_save"),
]
