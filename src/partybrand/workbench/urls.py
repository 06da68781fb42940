from django.urls import path

from partybrand.workbench import login_locks, views

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export.xlsx", views.audit_export, name="audit_export"),
    path("security/locks/", login_locks.lock_list, name="login_locks"),
    path("security/locks/<int:pk>/lift/", login_locks.lock_lift, name="login_lock_lift"),
]
