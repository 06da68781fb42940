from django.urls import path

from partybrand.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.my_documents, name="my_documents"),
    path("org/<int:pk>/issuer-code/", views.issuer_code, name="issuer_code"),
    path("<slug:subject>/<int:pk>/", views.subject_documents, name="subject_documents"),
    path("<slug:subject>/<int:pk>/<slug:kind>/", views.document_detail, name="document_detail"),
    path("<slug:subject>/<int:pk>/<slug:kind>/edit/", views.document_edit, name="document_edit"),
    path(
        "<slug:subject>/<int:pk>/<slug:kind>/number/",
        views.document_number,
        name="document_number",
    ),
    path("<slug:subject>/<int:pk>/<slug:kind>/docx/", views.document_docx, name="document_docx"),
    path("<slug:subject>/<int:pk>/<slug:kind>/pdf/", views.document_pdf, name="document_pdf"),
]
