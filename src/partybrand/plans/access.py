"""Who may see and change plans and tasks.

A plan follows its organisation: whoever sees the organisation's brands (Cap.VIEW_BRANDS over its
subtree) sees the plan and its tasks (404 otherwise); plan editors hold Cap.EDIT_BRAND over the
plan's organisation (403 otherwise). Per-task moves (report, verify, return, close) are decided in
services by the task's owner and checker.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partybrand.orgs.roles import Cap, can, scope_q
from partybrand.plans.models import Milestone, Phase, Plan, ProgressEvidence, Task, TaskForceMember

NOT_EDITOR = "您没有权限修改该计划。"


def visible_plans(user):
    return Plan.objects.filter(scope_q(user, Cap.VIEW_BRANDS, "org__path"))


def visible_tasks(user):
    return Task.objects.filter(scope_q(user, Cap.VIEW_BRANDS, "plan__org__path"))


def can_edit_plan(user, plan: Plan) -> bool:
    return can(user, Cap.EDIT_BRAND, plan.org.path)


def can_see_plan(user, plan: Plan) -> bool:
    return can(user, Cap.VIEW_BRANDS, plan.org.path)


def can_override_gate(user, plan: Plan) -> bool:
    """Who may close a phase whose gate is not met: committee staff strictly above the plan's
    organisation (pages, API and the service all ask here)."""
    return can(user, Cap.OVERRIDE_GATE, plan.org.path, strictly_above=True)


def access_plan(user, pk, *, for_edit: bool = False) -> Plan:
    plan = get_object_or_404(visible_plans(user).select_related("org", "brand"), pk=pk)
    if for_edit and not can_edit_plan(user, plan):
        raise PermissionDenied(NOT_EDITOR)
    return plan


def access_task(user, pk, *, for_edit: bool = False) -> Task:
    task = get_object_or_404(
        visible_tasks(user).select_related("plan__org", "plan__brand", "phase", "owner", "checker"),
        pk=pk,
    )
    if for_edit and not can_edit_plan(user, task.plan):
        raise PermissionDenied(NOT_EDITOR)
    return task


def access_phase(user, pk) -> Phase:
    """The phase (with its plan) if the user sees its plan, else 404."""
    phase = get_object_or_404(Phase.objects.select_related("plan"), pk=pk)
    access_plan(user, phase.plan_id)
    return phase


def access_force_member(user, pk, *, for_edit: bool = False) -> TaskForceMember:
    """A member of a plan's task force (with the plan) if the user sees the plan (else 404);
    with `for_edit`, 403 unless they may change the plan."""
    member = get_object_or_404(TaskForceMember.objects.select_related("plan"), pk=pk)
    access_plan(user, member.plan_id, for_edit=for_edit)
    return member


def access_milestone(user, pk) -> Milestone:
    """A task's milestone (with the task, its plan and organisation) if the user sees the task."""
    return get_object_or_404(
        Milestone.objects.filter(task__in=visible_tasks(user)).select_related("task__plan__org"),
        pk=pk,
    )


def access_evidence(user, pk) -> ProgressEvidence:
    """A file proving progress if the user sees its task, else 404."""
    return get_object_or_404(
        ProgressEvidence.objects.filter(update__task__in=visible_tasks(user)), pk=pk
    )
