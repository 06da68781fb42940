"""Pages of supervision tickets (督办单)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.core import clock
from partybrand.core.files import stored_download
from partybrand.core.forms import form_action
from partybrand.core.pagination import paginate
from partybrand.orgs.roles import Cap
from partybrand.supervision import access, selectors
from partybrand.supervision.forms import AssignForm, FeedbackForm, NoteForm, TicketForm
from partybrand.supervision.services import tickets as services

FILTERS = {
    "": "全部",
    "mine": "我承办的",
    "raised": "我督办的",
    "to_assign": "待我交办",
    "open": "未办结",
    "overdue": "已逾期",
    "escalated": "已升级",
    "done": "已办结",
}


@login_required
@require_GET
def ticket_list(request):
    today = clock.today()
    which = request.GET.get("f", "")
    which = which if which in FILTERS else ""
    page = paginate(request, selectors.ticket_list(request.user, which, today=today))
    for ticket in page:
        ticket.overdue = ticket.is_overdue(today)
    return render(
        request,
        "supervision/ticket_list.html",
        {
            "page": page,
            "filters": FILTERS,
            "which": which,
            "may_raise": access.may_raise_somewhere(request.user),
            "today": today,
        },
    )


@login_required
def ticket_create(request):
    # What it would be raised on first: out of reach is a 404 for everyone.
    access.require_in_reach(
        request.user, org_pk=request.POST.get("org", ""), task_pk=request.POST.get("task", "")
    )
    choices = selectors.raise_choices(request.user, task_pk=request.GET.get("task", ""))
    if not access.may_raise_somewhere(request.user):
        raise PermissionDenied("只有党建工作部门（组织管理员）可以下发督办单。")
    task = choices.preset
    initial = {}
    if task is not None:
        initial = {
            "task": task,
            "title": f"关于“{task.title}”的督办",
            "matter": f"请抓紧推进“{task.title}”，按验收标准完成：{task.standard}",
            "deadline": task.deadline,
        }
    form = TicketForm(
        request.POST or None,
        initial=initial,
        orgs=choices.orgs,
        tasks=choices.tasks,
        shown_tasks=choices.shown,
    )
    return form_action(
        request,
        form,
        lambda data: services.ticket_raise(
            actor=request.user,
            org=data.get("org"),
            task=data.get("task"),
            title=data["title"],
            matter=data["matter"],
            deadline=data["deadline"],
            assignee=_owner_if_asked(data),
        ),
        success=lambda ticket: f"已下发督办单 {ticket.number}。",
        done=lambda ticket: redirect("supervision:ticket_detail", pk=ticket.pk),
        page=lambda form: render(request, "supervision/ticket_form.html", {"form": form}),
        failed="未下发：",
    )


def _owner_if_asked(data):
    task = data.get("task")
    return task.owner if task is not None and data["assign_owner"] else None


def assignees(ticket):
    """People who may be handed the ticket: they see the organisation's work (not experts)."""
    return access.people_over(ticket.org.path, Cap.VIEW_BRANDS)


def _detail_context(request, ticket, **forms):
    """The ticket page; `forms` are bound forms to show again with what the user typed."""
    user = request.user
    today = clock.today()
    manage = access.may_manage(user, ticket)
    handle = access.may_handle(user, ticket)
    context = {
        "ticket": ticket,
        **selectors.ticket_detail_parts(ticket),
        "overdue": ticket.is_overdue(today),
        "today": today,
        "may_manage": manage,
        "may_handle": handle,
        "assign_form": AssignForm(users=assignees(ticket), version=ticket.version)
        if manage
        else None,
        "feedback_form": FeedbackForm() if handle else None,
        "close_form": NoteForm() if manage else None,
        "return_form": NoteForm() if manage else None,
    }
    context.update(forms)
    return context


@login_required
@require_GET
def ticket_detail(request, pk):
    ticket = access.access_ticket(request.user, pk)
    return render(request, "supervision/ticket_detail.html", _detail_context(request, ticket))


@login_required
@require_GET
def ticket_print(request, pk):
    ticket = access.access_ticket(request.user, pk)
    context = _detail_context(request, ticket)
    return render(request, "supervision/ticket_print.html", context)


def _ticket_form(request, ticket, form, call, *, success, failed: str, slot: str):
    """A form of the ticket page: back to the ticket on success; on any refusal the ticket again
    with the form as typed (a phone user must not lose a long answer)."""
    return form_action(
        request,
        form,
        call,
        success=success,
        done=redirect("supervision:ticket_detail", pk=ticket.pk),
        page=lambda form: render(
            request,
            "supervision/ticket_detail.html",
            _detail_context(request, ticket, **{slot: form}),
        ),
        failed=failed,
    )


@login_required
@require_POST
def ticket_assign(request, pk):
    ticket = access.access_ticket(request.user, pk, manage=True)
    form = AssignForm(request.POST, users=assignees(ticket), version=ticket.version)
    return _ticket_form(
        request,
        ticket,
        form,
        lambda data: services.ticket_assign(
            actor=request.user,
            ticket=ticket,
            assignee=data["assignee"],
            note=data["note"],
            version=data["version"],
        ),
        success=lambda _: f"已交办给{form.cleaned_data['assignee']}。",
        failed="未交办：",
        slot="assign_form",
    )


@login_required
@require_POST
def ticket_start(request, pk):
    ticket = access.access_ticket(request.user, pk, handle=True)
    return _ticket_button(
        request,
        ticket,
        lambda _: services.ticket_start(actor=request.user, ticket=ticket),
        "已开始办理。",
    )


def _ticket_button(request, ticket, call, success: str):
    return form_action(
        request,
        None,
        call,
        success=success,
        done=redirect("supervision:ticket_detail", pk=ticket.pk),
        failed="未完成：",
    )


@login_required
@require_POST
def ticket_feedback(request, pk):
    ticket = access.access_ticket(request.user, pk, handle=True)
    return _ticket_form(
        request,
        ticket,
        FeedbackForm(request.POST, request.FILES),
        lambda data: services.ticket_feedback(
            actor=request.user, ticket=ticket, text=data["text"], uploads=data["files"]
        ),
        success="已反馈办理情况，等待督办人办结。",
        failed="未反馈：",
        slot="feedback_form",
    )


def _with_note(request, pk, service, success: str, slot: str):
    """Return or close: the raiser's decision on the feedback, with an optional note."""
    ticket = access.access_ticket(request.user, pk, manage=True)
    return _ticket_form(
        request,
        ticket,
        NoteForm(request.POST),
        lambda data: service(actor=request.user, ticket=ticket, note=data["note"]),
        success=success,
        failed="未完成：",
        slot=slot,
    )


@login_required
@require_POST
def ticket_return(request, pk):
    return _with_note(
        request, pk, services.ticket_return, "已退回承办人重新办理。", slot="return_form"
    )


@login_required
@require_POST
def ticket_close(request, pk):
    return _with_note(request, pk, services.ticket_close, "督办单已办结。", slot="close_form")


@login_required
@require_POST
def ticket_archive(request, pk):
    ticket = access.access_ticket(request.user, pk, manage=True)
    return _ticket_button(
        request,
        ticket,
        lambda _: services.ticket_archive(actor=request.user, ticket=ticket),
        "督办单已归档。",
    )


@login_required
@require_GET
def file_download(request, pk):
    file = access.access_ticket_file(request.user, pk)
    return stored_download(file.file, title=file.title, content_type=file.content_type)
