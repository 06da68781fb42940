"""Pages of 三定 tasks: assign, edit, report progress, verify, return, close, milestones and
evidence downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core import clock
from partybrand.core.files import stored_download
from partybrand.core.forms import error_text, form_action, form_error_text
from partybrand.plans import services
from partybrand.plans.access import (
    access_plan,
    access_task,
    can_edit_plan,
    visible_tasks,
)
from partybrand.plans.choices import FINISHED, TaskStatus
from partybrand.plans.colours import (
    COLOUR_LABELS,
    expected_progress,
    task_colour,
)
from partybrand.plans.forms import (
    MilestoneForm,
    ReportForm,
    ReturnForm,
    TaskForm,
    VerifyForm,
)
from partybrand.plans.models import Milestone, ProgressEvidence
from partybrand.plans.views.plans import saved

S = TaskStatus


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request, pk):
    plan = access_plan(request.user, pk, for_edit=True)
    initial = {"start": plan.start or clock.today(), "phase": request.GET.get("phase")}
    form = TaskForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, "未保存：" + form_error_text(form))
        else:
            try:
                task = services.task_create(actor=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, "未保存：" + error_text(exc))
            else:
                messages.success(request, "任务已分派，已通知责任人和验收人。")
                return redirect("plans:task", pk=task.pk)
    return render(request, "plans/task_form.html", {"form": form, "plan": plan, "task": None})


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    task = access_task(request.user, pk, for_edit=True)
    plan = task.plan
    fields = ("title", "phase", "parent", "duty", "standard", "owner", "post", "checker")
    initial = {name: getattr(task, name) for name in fields}
    initial.update(start=task.start, deadline=task.deadline)
    form = TaskForm(request.POST or None, plan=plan, task=task, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, "未保存：" + form_error_text(form))
        else:
            try:
                services.task_update(
                    actor=request.user, task=task, today=clock.today(), **form.cleaned_data
                )
            except ValidationError as exc:
                messages.error(request, "未保存：" + error_text(exc))
            else:
                messages.success(request, "任务已保存。")
                return redirect("plans:task", pk=task.pk)
    return render(request, "plans/task_form.html", {"form": form, "plan": plan, "task": task})


@login_required
@require_GET
def task_detail(request, pk):
    return _task_page(request, access_task(request.user, pk))


def _task_page(request, task, *, report_form=None, return_form=None, status=200):
    """The task page; a refused report or return comes back here with what was typed."""
    today = clock.today()
    colour = task_colour(task, today)
    user = request.user
    can_edit = can_edit_plan(user, task.plan)
    is_owner, is_checker = user.pk == task.owner_id, user.pk == task.checker_id
    updates = (
        task.updates.select_related("author")
        .prefetch_related("evidence")
        .order_by("-created_at", "-id")
    )
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "colour": colour,
            "colour_label": COLOUR_LABELS[colour],
            "expected": expected_progress(task, today),
            "today": today,
            "updates": updates,
            "milestones": task.milestones.all(),
            "subtasks": task.subtasks.select_related("owner"),
            "can_edit": can_edit,
            "is_owner": is_owner,
            "is_checker": is_checker,
            "can_report": is_owner and task.status not in (S.REPORTED, *FINISHED),
            "can_check": is_checker and task.status == S.REPORTED,
            "can_close": task.status == S.VERIFIED and (is_checker or can_edit),
            "report_form": report_form or ReportForm(initial={"percent": task.progress}),
            "return_form": return_form or ReturnForm(),
            "verify_form": VerifyForm(),
            "milestone_form": MilestoneForm(),
        },
        status=status,
    )


@login_required
@require_POST
def task_report(request, pk):
    task = access_task(request.user, pk)
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_report(
                actor=request.user,
                task=task,
                percent=data["percent"],
                text=data["text"],
                files=data["files"],
                today=clock.today(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            done = data["percent"] == 100
            messages.success(request, "已上报完成，等待验收人验收。" if done else "进度已填报。")
            if request.POST.get("next") == "mine":
                return redirect("plans:my_tasks")
            return redirect("plans:task", pk=task.pk)
    # refused: the page again with the typed text (files must be chosen again)
    messages.error(request, "未保存：" + form_error_text(form))
    return _task_page(request, access_task(request.user, pk), report_form=form, status=400)


@login_required
@require_POST
def task_verify(request, pk):
    task = access_task(request.user, pk)
    comment = request.POST.get("comment", "")
    saved(
        request,
        lambda: services.task_verify(actor=request.user, task=task, comment=comment),
        "任务已验收通过。",
    )
    return redirect("plans:task", pk=task.pk)


@login_required
@require_POST
def task_return(request, pk):
    task = access_task(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.task_return(actor=request.user, task=task, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "任务已退回，已通知责任人。")
            return redirect("plans:task", pk=task.pk)
    messages.error(request, "未退回：" + form_error_text(form))
    return _task_page(request, access_task(request.user, pk), return_form=form, status=400)


@login_required
@require_POST
def task_close(request, pk):
    task = access_task(request.user, pk)
    saved(request, lambda: services.task_close(actor=request.user, task=task), "任务已销号。")
    return redirect("plans:task", pk=task.pk)


@login_required
@require_POST
def milestone_add(request, pk):
    task = access_task(request.user, pk, for_edit=True)
    return form_action(
        request,
        MilestoneForm(request.POST),
        lambda data: services.milestone_add(actor=request.user, task=task, **data),
        success="节点已添加。",
        back=redirect("plans:task", pk=task.pk),
    )


@login_required
@require_POST
def milestone_done(request, pk):
    milestone = get_object_or_404(
        Milestone.objects.filter(task__in=visible_tasks(request.user)).select_related(
            "task__plan__org"
        ),
        pk=pk,
    )
    saved(
        request,
        lambda: services.milestone_done(
            actor=request.user, milestone=milestone, today=clock.today()
        ),
        "节点已完成。",
    )
    return redirect("plans:task", pk=milestone.task_id)


@login_required
@require_GET
def evidence(request, pk):
    item = get_object_or_404(
        ProgressEvidence.objects.filter(update__task__in=visible_tasks(request.user)), pk=pk
    )
    return stored_download(
        item.file, title=item.name.rsplit(".", 1)[0], content_type=item.content_type
    )
