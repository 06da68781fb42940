from django.urls import path

from partybrand.plans.views import board, plans, tasks

app_name = "plans"
urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("mine/", plans.my_tasks, name="my_tasks"),
    path("overdue/", plans.overdue, name="overdue"),
    path("boards/", board.board_home, name="board_home"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("<int:pk>/start/", plans.plan_start, name="plan_start"),
    path("<int:pk>/force/", plans.force_add, name="force_add"),
    path("force/<int:pk>/remove/", plans.force_remove, name="force_remove"),
    path("<int:pk>/phases/", plans.phase_add, name="phase_add"),
    path("phases/<int:pk>/edit/", plans.phase_edit, name="phase_edit"),
    path("phases/<int:pk>/gate/", plans.phase_gate, name="phase_gate"),
    path("phases/<int:pk>/close/", plans.phase_close, name="phase_close"),
    path("<int:pk>/tasks/new/", tasks.task_add, name="task_add"),
    path("<int:pk>/board/", board.board, name="board"),
    path("<int:pk>/gantt/", board.gantt, name="gantt"),
    path("<int:pk>/board.pdf", board.board_pdf, name="board_pdf"),
    path("<int:pk>/tasks.xlsx", board.export_xlsx, name="export_xlsx"),
    path("<int:pk>/tasks.docx", board.export_docx, name="export_docx"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/report/", tasks.task_report, name="task_report"),
    path("tasks/<int:pk>/verify/", tasks.task_verify, name="task_verify"),
    path("tasks/<int:pk>/return/", tasks.task_return, name="task_return"),
    path("tasks/<int:pk>/close/", tasks.task_close, name="task_close"),
    path("tasks/<int:pk>/milestones/", tasks.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/done/", tasks.milestone_done, name="milestone_done"),
    path("evidence/<int:pk>/", tasks.evidence, name="evidence"),
]
