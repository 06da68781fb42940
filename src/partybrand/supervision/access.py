"""Who may see and act on tickets (督办单) and review meetings (复盘).

Tickets: the raiser and the assignee see their tickets; staff and secretaries (Cap.MANAGE_MEMBERS)
see the tickets of their subtree (the level above an escalated ticket is always above its
organisation, so it sees it too). Raising needs Cap.MANAGE_ORGS (staff) over the supervised
organisation; assigning, closing and archiving belong to the raiser or such staff; starting and
feedback to the assignee only.

Meetings follow their plan (plans.access): whoever sees the plan reads its meetings; editors of the
plan create them; a rectification item is closed by its owner and verified by the convenor.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.orgs.access import visible_orgs
from partybrand.orgs.roles import Cap, can, paths_with, scope_q, users_with
from partybrand.orgs.tree import STEP_LEN
from partybrand.plans.access import can_edit_plan, visible_plans, visible_tasks
from partybrand.supervision.models import RectificationItem, ReviewMeeting, Ticket, TicketFile

NOT_MANAGER = "只有督办人或上级党建工作部门可以执行此操作。"
NOT_ASSIGNEE = "只有承办人可以办理并反馈该督办单。"
NOT_RAISER = "您没有权限对该组织下发督办单。"


def visible_tickets(user):
    if not user.is_authenticated:
        return Ticket.objects.none()
    if user.is_superuser:
        return Ticket.objects.all()
    return Ticket.objects.filter(
        Q(raised_by=user) | Q(assignee=user) | scope_q(user, Cap.MANAGE_MEMBERS, "org__path")
    )


def may_raise(user, org) -> bool:
    return can(user, Cap.MANAGE_ORGS, org.path)


def may_raise_somewhere(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(paths_with(user, Cap.MANAGE_ORGS)))


def require_in_reach(user, *, org_pk: str = "", task_pk: str = "") -> None:
    """A ticket raised on an organisation or a task the user cannot see is a 404, as their own
    pages are; whether the user may raise tickets at all is asked after (403)."""
    if org_pk.isdigit():
        get_object_or_404(visible_orgs(user), pk=org_pk)
    if task_pk.isdigit():
        get_object_or_404(visible_tasks(user), pk=task_pk)


def may_manage(user, ticket: Ticket) -> bool:
    return ticket.raised_by_id == user.pk or can(user, Cap.MANAGE_ORGS, ticket.org.path)


def may_handle(user, ticket: Ticket) -> bool:
    return ticket.assignee_id is not None and ticket.assignee_id == user.pk


def access_ticket(user, pk, *, manage: bool = False, handle: bool = False) -> Ticket:
    ticket = get_object_or_404(
        visible_tickets(user).select_related(
            "org", "task__plan", "raised_by", "assignee", "escalated_to"
        ),
        pk=pk,
    )
    if manage and not may_manage(user, ticket):
        raise PermissionDenied(NOT_MANAGER)
    if handle and not may_handle(user, ticket):
        raise PermissionDenied(NOT_ASSIGNEE)
    return ticket


def access_ticket_file(user, pk) -> TicketFile:
    """A proof attached to a ticket if the user sees the ticket, else 404."""
    return get_object_or_404(TicketFile.objects.filter(ticket__in=visible_tickets(user)), pk=pk)


def visible_meetings(user):
    return ReviewMeeting.objects.filter(plan__in=visible_plans(user))


def visible_items(user):
    return RectificationItem.objects.filter(meeting__plan__in=visible_plans(user))


def access_meeting(user, pk, *, for_edit: bool = False) -> ReviewMeeting:
    meeting = get_object_or_404(
        visible_meetings(user).select_related("plan__org", "plan__brand", "convenor"), pk=pk
    )
    if for_edit and not (meeting.convenor_id == user.pk or can_edit_plan(user, meeting.plan)):
        raise PermissionDenied("您没有权限修改该复盘会议。")
    return meeting


def may_verify(user, meeting: ReviewMeeting) -> bool:
    """The convenor verifies the meeting's items; an editor of the plan when there is none."""
    return meeting.convenor_id == user.pk or (
        meeting.convenor_id is None and can_edit_plan(user, meeting.plan)
    )


def may_verify_item(user, item: RectificationItem) -> bool:
    return may_verify(user, item.meeting)


def access_item(user, pk, *, owner: bool = False, verify: bool = False) -> RectificationItem:
    item = get_object_or_404(
        visible_items(user).select_related("meeting__plan__org", "meeting__convenor", "owner"),
        pk=pk,
    )
    if owner and item.owner_id != user.pk:
        raise PermissionDenied("只有整改责任人可以填报整改情况。")
    if verify and not may_verify_item(user, item):
        raise PermissionDenied("只有会议召集人可以核验销号。")
    return item


def people_over(org_path: str, cap: Cap = Cap.VIEW):
    """Active users holding a role with `cap` at this organisation or above (they can see it)."""

    paths = [org_path[:end] for end in range(len(org_path), 0, -STEP_LEN)]
    return users_with(cap, paths).filter(is_active=True).order_by("display_name", "username")
