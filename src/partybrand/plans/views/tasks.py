"""Pages of 三定 tasks: assign, edit, report progress, verify, return, close, milestones and
evidence downloads."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core import clock
from partybrand.core.files import stored_download
from partybrand.core.forms import form_action
from partybrand.plans import selectors, services
from partybrand.plans.access import (
    access_evidence,
    access_milestone,
    access_plan,
    access_task,
    can_edit_plan,
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

S = TaskStatus


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request, pk):
    plan = access_plan(request.user, pk, for_edit=True)
    initial = {"start": plan.start or clock.today(), "phase": request.GET.get("phase")}
    form = TaskForm(request.POST or None, plan=plan, initial=initial)
    return form_action(
        request,
        form,
        lambda data: services.task_create(actor=request.user, plan=plan, **data),
        success="任务已分派，已通知责任人和验收人。",
        done=lambda task: redirect("plans:task", pk=task.pk),
        page=lambda form: _task_form_page(request, form, plan, None),
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    task = access_task(request.user, pk, for_edit=True)
    plan = task.plan
    fields = ("title", "phase", "parent", "duty", "standard", "owner", "post", "checker")
    initial = {name: getattr(task, name) for name in fields}
    initial.update(start=task.start, deadline=task.deadline)
    form = TaskForm(
        request.POST or None, plan=plan, task=task, initial=initial, version=task.version
    )
    return form_action(
        request,
        form,
        lambda data: services.task_update(
            actor=request.user, task=task, today=clock.today(), **data
        ),
        success="任务已保存。",
        done=redirect("plans:task", pk=task.pk),
        page=lambda form: _task_form_page(request, form, plan, task),
    )


def _task_form_page(request, form, plan, task):
    return render(request, "plans/task_form.html", {"form": form, "plan": plan, "task": task})


@login_required
@require_GET
def task_detail(request, pk):
    return _task_page(request, access_task(request.user, pk))


def _task_page(request, task, **forms):
    """The task page; a refused form (report_form, return_form, verify_form, milestone_form)
    comes back in `forms` with what was typed."""
    today = clock.today()
    colour = task_colour(task, today)
    user = request.user
    can_edit = can_edit_plan(user, task.plan)
    is_owner, is_checker = user.pk == task.owner_id, user.pk == task.checker_id
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
            **selectors.task_detail_parts(task),
            "can_edit": can_edit,
            "is_owner": is_owner,
            "is_checker": is_checker,
            "can_report": is_owner and task.status not in (S.REPORTED, *FINISHED),
            "can_check": is_checker and task.status == S.REPORTED,
            "can_close": task.status == S.VERIFIED and (is_checker or can_edit),
            "report_form": ReportForm(initial={"percent": task.progress}),
            "return_form": ReturnForm(),
            "verify_form": VerifyForm(),
            "milestone_form": MilestoneForm(),
            **forms,
        },
    )


def _task_form(request, task, form, call, *, success, slot: str, done=None, failed="未保存："):
    """A form of the task page: back to the task on success, the page with the form (in `slot`)
    kept as typed if refused (files must be chosen again)."""
    return form_action(
        request,
        form,
        call,
        success=success,
        done=done or redirect("plans:task", pk=task.pk),
        page=lambda form: _task_page(request, access_task(request.user, task.pk), **{slot: form}),
        failed=failed,
    )


@login_required
@require_POST
def task_report(request, pk):
    task = access_task(request.user, pk)
    form = ReportForm(request.POST, request.FILES)
    done = redirect("plans:my_tasks") if request.POST.get("next") == "mine" else None
    return _task_form(
        request,
        task,
        form,
        lambda data: services.task_report(
            actor=request.user,
            task=task,
            percent=data["percent"],
            text=data["text"],
            files=data["files"],
            today=clock.today(),
        ),
        success=lambda _: (
            "已上报完成，等待验收人验收。"
            if form.cleaned_data["percent"] == 100
            else "进度已填报。"
        ),
        slot="report_form",
        done=done,
    )


@login_required
@require_POST
def task_verify(request, pk):
    task = access_task(request.user, pk)
    return _task_form(
        request,
        task,
        VerifyForm(request.POST),
        lambda data: services.task_verify(actor=request.user, task=task, comment=data["comment"]),
        success="任务已验收通过。",
        slot="verify_form",
    )


@login_required
@require_POST
def task_return(request, pk):
    task = access_task(request.user, pk)
    return _task_form(
        request,
        task,
        ReturnForm(request.POST),
        lambda data: services.task_return(actor=request.user, task=task, reason=data["reason"]),
        success="任务已退回，已通知责任人。",
        slot="return_form",
        failed="未退回：",
    )


@login_required
@require_POST
def task_close(request, pk):
    task = access_task(request.user, pk)
    return form_action(
        request,
        None,
        lambda _: services.task_close(actor=request.user, task=task),
        success="任务已销号。",
        done=redirect("plans:task", pk=task.pk),
    )


@login_required
@require_POST
def milestone_add(request, pk):
    task = access_task(request.user, pk, for_edit=True)
    return _task_form(
        request,
        task,
        MilestoneForm(request.POST),
        lambda data: services.milestone_add(actor=request.user, task=task, **data),
        success="节点已添加。",
        slot="milestone_form",
    )


@login_required
@require_POST
def milestone_done(request, pk):
    milestone = access_milestone(request.user, pk)
    return form_action(
        request,
        None,
        lambda _: services.milestone_done(
            actor=request.user, milestone=milestone, today=clock.today()
        ),
        success="节点已完成。",
        done=redirect("plans:task", pk=milestone.task_id),
    )


@login_required
@require_GET
def evidence(request, pk):
    item = access_evidence(request.user, pk)
    return stored_download(
        item.file, title=item.name.rsplit(".", 1)[0], content_type=item.content_type
    )
