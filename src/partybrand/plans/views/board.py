"""The 挂图作战 board, the Gantt view, their A3 PDF and the task list exports."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from partybrand.core import clock
from partybrand.core.files import DOCX, download, xlsx_download
from partybrand.core.pagination import paginate
from partybrand.documents.layout import render_docx
from partybrand.plans import board as boards
from partybrand.plans import pdf, selectors
from partybrand.plans.access import access_plan
from partybrand.plans.colours import (
    COLOUR_HEX,
    COLOUR_LABELS,
)
from partybrand.plans.documents import tasks_xlsx
from partybrand.plans.forms import (
    BoardFilterForm,
)
from partybrand.plans.report import tasks_spec


def _board(request, plan, mode):
    form = BoardFilterForm(request.GET or None, plan=plan)
    data = form.cleaned_data if form.is_valid() else {}
    phase, owner = data.get("phase"), data.get("owner")
    return form, boards.build(
        plan,
        today=clock.today(),
        mode=mode,
        scale=data.get("scale") or "",
        phase=phase.pk if phase else None,
        owner=owner.pk if owner else None,
        colour=data.get("colour") or None,
    )


def _board_page(request, pk, mode):
    plan = access_plan(request.user, pk)
    form, data = _board(request, plan, mode)
    return render(
        request,
        "plans/board.html",
        {
            "plan": plan,
            "form": form,
            "board": data,
            "mode": mode,
            "labels": COLOUR_LABELS,
            "hex": COLOUR_HEX,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def board(request, pk):
    return _board_page(request, pk, "board")


@login_required
@require_GET
def gantt(request, pk):
    return _board_page(request, pk, "gantt")


@login_required
@require_GET
def board_home(request):
    """The menu's 挂图作战: straight to the board when the user sees one plan, else a chooser
    (plans in execution first, then drafts, newest first)."""
    plans = selectors.board_plans(request.user)
    top = list(plans[:2])
    if len(top) == 1:
        return redirect("plans:board", pk=top[0].pk)
    return render(request, "plans/board_home.html", {"page_obj": paginate(request, plans)})


@login_required
@require_GET
def board_pdf(request, pk):
    plan = access_plan(request.user, pk)
    mode = "gantt" if request.GET.get("mode") == "gantt" else "board"
    _form, data = _board(request, plan, mode)
    title = f"{plan.title}{'挂图作战图' if mode == 'board' else '阶段甘特图'}"
    subtitle = f"{plan.org.name}，截至{clock.chinese_date(data.today)}，共{data.task_count}项任务"
    content = pdf.render(data, title=title, subtitle=subtitle)
    name = f"{plan.title}-{'挂图作战' if mode == 'board' else '甘特图'}.pdf"
    return download(content, name, "application/pdf")


@login_required
@require_GET
def export_xlsx(request, pk):
    plan = access_plan(request.user, pk)
    return xlsx_download(tasks_xlsx(plan, today=clock.today()), f"{plan.title}-三定任务清单.xlsx")


@login_required
@require_GET
def export_docx(request, pk):
    plan = access_plan(request.user, pk)
    content = render_docx(tasks_spec(plan, today=clock.today()))
    return download(content, f"{plan.title}-目标与三定任务.docx", DOCX)
