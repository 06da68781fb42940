from django.urls import path

from partybrand.plans import board_views, task_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("mine/", views.my_tasks, name="my_tasks"),
    path("overdue/", views.overdue, name="overdue"),
    path("boards/", board_views.board_home, name="board_home"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/start/", views.plan_start, name="plan_start"),
    path("<int:pk>/force/", views.force_add, name="force_add"),
    path("force/<int:pk>/remove/", views.force_remove, name="force_remove"),
    path("<int:pk>/phases/", views.phase_add, name="phase_add"),
    path("phases/<int:pk>/edit/", views.phase_edit, name="phase_edit"),
    path("phases/<int:pk>/gate/", views.phase_gate, name="phase_gate"),
    path("phases/<int:pk>/close/", views.phase_close, name="phase_close"),
    path("<int:pk>/tasks/new/", task_views.task_add, name="task_add"),
    path("<int:pk>/board/", board_views.board, name="board"),
    path("<int:pk>/gantt/", board_views.gantt, name="gantt"),
    path("<int:pk>/board.pdf", board_views.board_pdf, name="board_pdf"),
    path("<int:pk>/tasks.xlsx", board_views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/tasks.docx", board_views.export_docx, name="export_docx"),
    path("tasks/<int:pk>/", task_views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", task_views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/report/", task_views.task_report, name="task_report"),
    path("tasks/<int:pk>/verify/", task_views.task_verify, name="task_verify"),
    path("tasks/<int:pk>/return/", task_views.task_return, name="task_return"),
    path("tasks/<int:pk>/close/", task_views.task_close, name="task_close"),
    path("tasks/<int:pk>/milestones/", task_views.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/done/", task_views.milestone_done, name="milestone_done"),
    path("evidence/<int:pk>/", task_views.evidence, name="evidence"),
]
