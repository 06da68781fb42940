"""Pages of plans: the lists (plans, my tasks, overdue), the plan with its task force and phases.
Task pages are in task_views, the board and exports in board_views."""

from copy import copy  # a detached plan for form validation

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.brands.access import visible_brands
from partybrand.core import clock
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.pagination import paginate
from partybrand.orgs.access import visible_orgs
from partybrand.orgs.roles import Cap, scope_q
from partybrand.orgs.tree import subtree_q
from partybrand.plans import services
from partybrand.plans.access import (
    access_plan,
    can_edit_plan,
    can_override_gate,
    visible_plans,
    visible_tasks,
)
from partybrand.plans.choices import FINISHED, PlanKind, PlanStatus, TaskStatus
from partybrand.plans.colours import (
    COLOUR_HEX,
    COLOUR_LABELS,
    colour_case,
    colour_q,
)
from partybrand.plans.forms import (
    CloseForm,
    ForceForm,
    PhaseForm,
    PlanCreateForm,
    PlanEditForm,
    plan_people,
)
from partybrand.plans.models import Phase, Task, TaskForceMember

S = TaskStatus
ORG_CHOICES = 300  # organisations offered by the overdue list's filter


# ---------------------------------------------------------------- lists


@login_required
@require_GET
def plan_list(request):
    today = clock.today()
    plans = visible_plans(request.user).select_related("org", "brand")
    q = request.GET.get("q", "").strip()
    if q:
        plans = plans.filter(Q(title__icontains=q) | Q(org__name__icontains=q))
    status = request.GET.get("status", "")
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind in PlanKind.values:
        plans = plans.filter(kind=kind)
    # per-row subqueries: computed for the rows of the page only, not for every visible plan
    plans = plans.annotate(
        task_total=_task_count(Q()),
        task_done=_task_count(Q(status__in=FINISHED)),
        task_red=_task_count(colour_q("red", today)),
    ).order_by("-id")  # newest first; ids follow creation
    page = paginate(request, plans)
    return render(
        request,
        "plans/plan_list.html",
        {
            "page_obj": page,
            "q": q,
            "status": status,
            "kind": kind,
            "statuses": PlanStatus.choices,
            "kinds": PlanKind.choices,
            "can_create": _editable_orgs(request.user).exists(),
        },
    )


def _task_count(condition):
    rows = (
        Task.objects.filter(condition, plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _create_plan(user, data):
    if data["template"]:
        return services.plan_from_template(
            actor=user,
            org=data["org"],
            brand=data["brand"],
            code=data["template"],
            start=data["start"],
            owner=data["owner"],
            checker=data["checker"],
            title=data["title"],
            activate=data["activate"],
        )
    return services.plan_create(
        actor=user, org=data["org"], brand=data["brand"], title=data["title"], start=data["start"]
    )


def _editable_orgs(user):
    return visible_orgs(user).filter(scope_q(user, Cap.EDIT_BRAND)).order_by("path")


@login_required
@require_GET
def my_tasks(request):
    today = clock.today()
    role = request.GET.get("role", "owner")
    tasks = visible_tasks(request.user).select_related("plan__org", "owner", "checker", "phase")
    if role == "checker":
        tasks = tasks.filter(checker=request.user)
    else:
        role = "owner"
        tasks = tasks.filter(owner=request.user)
    show = request.GET.get("show", "open")
    if show != "all":
        tasks = tasks.exclude(status=S.CLOSED)
    tasks = tasks.annotate(colour=colour_case(today)).order_by("deadline", "id")
    page = paginate(request, tasks)
    waiting = visible_tasks(request.user).filter(checker=request.user, status=S.REPORTED).count()
    return render(
        request,
        "plans/my_tasks.html",
        {
            "page_obj": page,
            "role": role,
            "show": show,
            "today": today,
            "waiting": waiting,
            "labels": COLOUR_LABELS,
        },
    )


@login_required
@require_GET
def overdue(request):
    """Red tasks of the user's subtree (committees and their staff supervise from here)."""
    today = clock.today()
    tasks = (
        visible_tasks(request.user)
        .filter(colour_q("red", today))
        .exclude(plan__status=PlanStatus.CLOSED)
        .select_related("plan__org", "owner", "checker")
        .order_by("deadline", "id")
    )
    orgs = _supervised_orgs(request.user)
    org_id = request.GET.get("org", "")
    chosen = orgs.filter(pk=org_id).first() if org_id.isdigit() else None
    if chosen is not None:  # the organisation and everything below it
        tasks = tasks.filter(subtree_q(chosen.path, "plan__org__path"))
    page = paginate(request, tasks)
    for task in page:
        task.days_late = (today - task.deadline).days
    choices = list(orgs[:ORG_CHOICES])
    if chosen is not None and chosen not in choices:
        choices.append(chosen)
    top = min((o.depth for o in choices), default=0)
    for o in choices:  # the tree shown by indentation
        o.indent = "\u3000" * (o.depth - top)
    return render(
        request,
        "plans/overdue.html",
        {"page_obj": page, "today": today, "orgs": choices, "chosen": chosen},
    )


def _supervised_orgs(user):
    """Organisations with subordinates whose plans the user sees (the overdue list's filter)."""
    return (
        visible_orgs(user)
        .filter(scope_q(user, Cap.VIEW_BRANDS), child_count__gt=0)
        .order_by("path")
        .only("pk", "name", "depth", "path")
    )


# ---------------------------------------------------------------- plans


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    orgs = _editable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("您没有权限创建计划。")
    brands = visible_brands(request.user).filter(org__in=orgs).order_by("name")
    org_id = request.POST.get("org") or request.GET.get("org")
    chosen = orgs.filter(pk=org_id).first() if str(org_id or "").isdigit() else None
    chosen = chosen or orgs.first()
    people = plan_people(chosen)
    initial = {
        "org": chosen.pk,
        "template": "five_parts",
        "start": clock.today(),
        "activate": True,
    }
    brand_id = request.GET.get("brand")
    if brand_id and str(brand_id).isdigit():
        brand = brands.filter(pk=brand_id).first()
        if brand:
            initial.update(org=brand.org_id, brand=brand.pk)
            people = plan_people(brand.org)
    form = PlanCreateForm(
        request.POST or None, initial=initial, orgs=orgs, brands=brands, people=people
    )
    if request.method == "POST":
        return form_action(
            request,
            form,
            lambda data: _create_plan(request.user, data),
            success=_created,
            done=lambda plan: redirect("plans:plan_detail", pk=plan.pk),
            page=lambda form: _create_page(request, form),
        )
    return _create_page(request, form)


def _create_page(request, form):
    return render(request, "plans/plan_create.html", {"form": form})


def _created(plan) -> str:
    started = "并已启动（执行中）" if plan.status == PlanStatus.ACTIVE else ""
    return f"计划已创建{started}，请完善专班、阶段和任务分工。"


@login_required
@require_GET
def plan_detail(request, pk):
    return _plan_page(request, access_plan(request.user, pk))


PHASE_EDIT_FIELDS = ("name", "goal", "start", "end", "gate_criteria")


def _plan_phases(plan, today, can_edit: bool, bound: dict):
    """The plan's phases, each with its tasks (coloured), its gate, its edit form and its close
    form; `bound` maps (phase id, "form" or "close_form") to a refused form to show again."""
    tasks = list(
        plan.tasks.select_related("plan", "owner", "checker")
        .annotate(colour=colour_case(today))
        .order_by("start", "deadline", "id")
    )
    phases = list(plan.phases.all())
    by_phase = {p.pk: [] for p in phases}
    loose = []
    for task in tasks:
        by_phase.get(task.phase_id, loose).append(task)
    for phase in phases:
        phase.task_list = by_phase[phase.pk]
        phase.gate = services.gate_status(phase, phase.task_list)
        if can_edit:
            phase.form = bound.get((phase.pk, "form")) or PhaseForm(
                initial={f: getattr(phase, f) for f in PHASE_EDIT_FIELDS}, prefix=f"phase{phase.pk}"
            )
        phase.close_form = bound.get((phase.pk, "close_form")) or CloseForm()
    counts = dict.fromkeys(COLOUR_HEX, 0)
    for task in tasks:
        counts[task.colour] += 1
    return phases, loose, counts


def _plan_page(request, plan, *, phase_forms=None, **forms):
    """The plan page; a refused form comes back in `forms` (or, for a phase's own forms, in
    `phase_forms` keyed by (phase id, "form" or "close_form")) with what was typed."""
    today = clock.today()
    can_edit = can_edit_plan(request.user, plan)
    phases, loose, counts = _plan_phases(plan, today, can_edit, phase_forms or {})
    if can_edit:
        forms.setdefault("edit_form", PlanEditForm(instance=plan))
        forms.setdefault("force_form", ForceForm(people=plan_people(plan.org)))
        forms.setdefault("phase_form", PhaseForm())
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "phases": phases,
            "loose": loose,
            "counts": counts,
            "labels": COLOUR_LABELS,
            "hex": COLOUR_HEX,
            "force": plan.task_force.select_related("user"),
            "can_edit": can_edit,
            "can_override": can_override_gate(request.user, plan),
            "today": today,
            **forms,
        },
    )


def _plan_form(request, plan, form, call, *, success: str, slot: str, anchor: str):
    """A form of the plan page: back to it on success, the page with the form kept if not."""
    return form_action(
        request,
        form,
        call,
        success=success,
        done=redirect_to("plans:plan_detail", anchor, pk=plan.pk),
        page=lambda form: _plan_page(request, plan, **{slot: form}),
    )


@login_required
@require_POST
def plan_edit(request, pk):
    plan = access_plan(request.user, pk, for_edit=True)
    return _plan_form(
        request,
        plan,
        PlanEditForm(request.POST, instance=copy(plan)),
        lambda data: services.plan_update(actor=request.user, plan=plan, **data),
        success="计划已保存。",
        slot="edit_form",
        anchor="settings",
    )


@login_required
@require_POST
def plan_start(request, pk):
    plan = access_plan(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.plan_start(actor=request.user, plan=plan),
        success="计划已启动（执行中），可在挂图作战图上督办推进。",
        done=redirect("plans:plan_detail", pk=plan.pk),
    )


@login_required
@require_POST
def force_add(request, pk):
    plan = access_plan(request.user, pk, for_edit=True)
    return _plan_form(
        request,
        plan,
        ForceForm(request.POST, people=plan_people(plan.org)),
        lambda data: services.force_member_add(actor=request.user, plan=plan, **data),
        success="专班成员已添加。",
        slot="force_form",
        anchor="force",
    )


@login_required
@require_POST
def force_remove(request, pk):
    member = get_object_or_404(TaskForceMember.objects.select_related("plan"), pk=pk)
    access_plan(request.user, member.plan_id, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.force_member_remove(actor=request.user, member=member),
        success="专班成员已移除。",
        done=redirect_to("plans:plan_detail", "force", pk=member.plan_id),
    )


@login_required
@require_POST
def phase_add(request, pk):
    plan = access_plan(request.user, pk, for_edit=True)
    return _plan_form(
        request,
        plan,
        PhaseForm(request.POST),
        lambda data: services.phase_create(actor=request.user, plan=plan, **data),
        success="阶段已添加。",
        slot="phase_form",
        anchor="phases",
    )


def _phase(user, pk):
    phase = get_object_or_404(Phase.objects.select_related("plan"), pk=pk)
    access_plan(user, phase.plan_id)  # 404 outside
    return phase


@login_required
@require_POST
def phase_edit(request, pk):
    phase = _phase(request.user, pk)
    plan = access_plan(request.user, phase.plan_id, for_edit=True)
    return form_action(
        request,
        PhaseForm(request.POST, prefix=f"phase{phase.pk}"),
        lambda data: services.phase_update(actor=request.user, phase=phase, **data),
        success="阶段已保存。",
        done=redirect_to("plans:plan_detail", f"phase-{phase.pk}", pk=phase.plan_id),
        page=lambda form: _plan_page(request, plan, phase_forms={(phase.pk, "form"): form}),
    )


@login_required
@require_POST
def phase_gate(request, pk):
    phase = _phase(request.user, pk)
    access_plan(request.user, phase.plan_id, for_edit=True)
    checked = request.POST.getlist("criteria")
    return form_action(
        request,
        None,
        lambda _: services.phase_check_gate(actor=request.user, phase=phase, checked=checked),
        success="关口标准确认情况已保存。",
        done=redirect_to("plans:plan_detail", f"phase-{phase.pk}", pk=phase.plan_id),
    )


@login_required
@require_POST
def phase_close(request, pk):
    phase = _phase(request.user, pk)
    return form_action(
        request,
        CloseForm(request.POST),
        lambda data: services.phase_close(
            actor=request.user, phase=phase, override_reason=data["override_reason"]
        ),
        success=f"阶段“{phase.name}”已关闭。",
        done=redirect_to("plans:plan_detail", f"phase-{phase.pk}", pk=phase.plan_id),
        page=lambda form: _plan_page(
            request, phase.plan, phase_forms={(phase.pk, "close_form"): form}
        ),
    )
