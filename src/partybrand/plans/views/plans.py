"""Pages of plans: the lists (plans, my tasks, overdue), the plan with its task force and phases.
Task pages are in task_views, the board and exports in board_views."""

from copy import copy  # a detached plan for form validation

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.brands.access import access_brand
from partybrand.core import clock
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.plans import selectors, services
from partybrand.plans.access import (
    access_force_member,
    access_phase,
    access_plan,
    can_edit_plan,
    can_override_gate,
)
from partybrand.plans.choices import PlanKind, PlanStatus
from partybrand.plans.colours import COLOUR_HEX, COLOUR_LABELS
from partybrand.plans.forms import (
    CloseForm,
    ForceForm,
    PhaseForm,
    PlanCreateForm,
    PlanEditForm,
)

# ---------------------------------------------------------------- lists


@login_required
@require_GET
def plan_list(request):
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    brand_pk = request.GET.get("brand", "")
    brand = access_brand(request.user, brand_pk) if is_id(brand_pk) else None
    plans = selectors.plan_list(
        request.user, q=q, status=status, kind=kind, brand=brand, today=clock.today()
    )
    return render(
        request,
        "plans/plan_list.html",
        {
            "page_obj": paginate(request, plans),
            "q": q,
            "status": status,
            "kind": kind,
            "brand": brand,
            "statuses": PlanStatus.choices,
            "kinds": PlanKind.choices,
            "can_create": selectors.editable_orgs(request.user).exists(),
        },
    )


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


@login_required
@require_GET
def my_tasks(request):
    today = clock.today()
    role = "checker" if request.GET.get("role", "owner") == "checker" else "owner"
    show = request.GET.get("show", "open")
    tasks = selectors.my_tasks(request.user, role=role, show_all=show == "all", today=today)
    page = paginate(request, tasks)
    return render(
        request,
        "plans/my_tasks.html",
        {
            "page_obj": page,
            "role": role,
            "show": show,
            "today": today,
            "waiting": selectors.waiting_checks(request.user),
            "labels": COLOUR_LABELS,
        },
    )


@login_required
@require_GET
def overdue(request):
    """Red tasks of the user's subtree (committees and their staff supervise from here); with
    `brand`, that brand's tasks past their deadline and not yet verified, which its health index
    counts (404 for a brand the user does not see)."""
    today = clock.today()
    brand_pk = request.GET.get("brand", "")
    brand = access_brand(request.user, brand_pk) if is_id(brand_pk) else None
    chosen = None
    if brand is not None:
        tasks = selectors.brand_late_tasks(request.user, brand, today=today)
    else:
        chosen = selectors.supervised_org(request.user, request.GET.get("org", ""))
        tasks = selectors.overdue_tasks(request.user, org=chosen, today=today)
    page = paginate(request, tasks)
    for task in page:
        task.days_late = (today - task.deadline).days
    return render(
        request,
        "plans/overdue.html",
        {
            "page_obj": page,
            "today": today,
            "orgs": selectors.overdue_org_choices(request.user, chosen) if brand is None else [],
            "chosen": chosen,
            "brand": brand,
        },
    )


# ---------------------------------------------------------------- plans


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    choices = selectors.new_plan_choices(
        request.user,
        org_id=request.POST.get("org") or request.GET.get("org"),
        brand_id=request.GET.get("brand"),
    )
    if choices is None:
        raise PermissionDenied("您没有权限创建计划。")
    initial = {
        "org": choices.org.pk,
        "template": "five_parts",
        "start": clock.today(),
        "activate": True,
    }
    if choices.brand:
        initial.update(org=choices.brand.org_id, brand=choices.brand.pk)
    form = PlanCreateForm(
        request.POST or None,
        initial=initial,
        orgs=choices.orgs,
        brands=choices.brands,
        people=choices.people,
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
    phases, loose, counts = selectors.plan_phases(plan, today=today)
    for phase in phases:
        phase.gate = services.gate_status(phase, phase.task_list)
        if can_edit:
            phase.form = bound.get((phase.pk, "form")) or PhaseForm(
                initial={f: getattr(phase, f) for f in PHASE_EDIT_FIELDS},
                prefix=f"phase{phase.pk}",
                version=phase.version,
            )
        phase.close_form = bound.get((phase.pk, "close_form")) or CloseForm()
    return phases, loose, counts


def _plan_page(request, plan, *, phase_forms=None, **forms):
    """The plan page; a refused form comes back in `forms` (or, for a phase's own forms, in
    `phase_forms` keyed by (phase id, "form" or "close_form")) with what was typed."""
    today = clock.today()
    can_edit = can_edit_plan(request.user, plan)
    phases, loose, counts = _plan_phases(plan, today, can_edit, phase_forms or {})
    if can_edit:
        forms.setdefault("edit_form", PlanEditForm(instance=plan))
        forms.setdefault("force_form", ForceForm(people=selectors.plan_people(plan.org)))
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
            "force": selectors.task_force(plan),
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
        ForceForm(request.POST, people=selectors.plan_people(plan.org)),
        lambda data: services.force_member_add(actor=request.user, plan=plan, **data),
        success="专班成员已添加。",
        slot="force_form",
        anchor="force",
    )


@login_required
@require_POST
def force_remove(request, pk):
    member = access_force_member(request.user, pk, for_edit=True)
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


@login_required
@require_POST
def phase_edit(request, pk):
    phase = access_phase(request.user, pk)
    plan = access_plan(request.user, phase.plan_id, for_edit=True)
    return form_action(
        request,
        PhaseForm(request.POST, prefix=f"phase{phase.pk}", version=phase.version),
        lambda data: services.phase_update(actor=request.user, phase=phase, **data),
        success="阶段已保存。",
        done=redirect_to("plans:plan_detail", f"phase-{phase.pk}", pk=phase.plan_id),
        page=lambda form: _plan_page(request, plan, phase_forms={(phase.pk, "form"): form}),
    )


@login_required
@require_POST
def phase_gate(request, pk):
    phase = access_phase(request.user, pk)
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
    phase = access_phase(request.user, pk)
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
