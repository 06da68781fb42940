"""Reads of supervision scoped to a user: the ticket list and its filters, what a ticket may be
raised on, a ticket's history; the meeting list, the items a meeting carries over, and where the
participation page opens. Lists take the same number of queries however many rows there are."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from partybrand.brands.models import Brand
from partybrand.core.ids import is_id
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, paths_with, scope_q
from partybrand.plans.access import visible_plans, visible_tasks
from partybrand.plans.choices import FINISHED, PlanStatus
from partybrand.plans.models import Plan, Task
from partybrand.supervision.access import (
    NOT_RAISER,
    may_raise,
    visible_items,
    visible_meetings,
    visible_tickets,
)
from partybrand.supervision.choices import OPEN_STATUSES, ItemStatus, TicketStatus
from partybrand.supervision.models import RectificationItem, ReviewMeeting, Ticket

TASK_CHOICES = 200  # tasks offered in the 督办任务 list, nearest deadline first
MY_ITEMS = 50  # open rectification items listed for their owner on the meeting list
PLANS_TO_REVIEW = 20  # plans offered for a new meeting on the meeting list
DONE = (TicketStatus.CLOSED, TicketStatus.ARCHIVED)


def ticket_list(user, which: str = "", *, today: date | None = None):
    """The tickets the user sees, newest first: all of them, or those the user handles
    ("mine"), raised ("raised"), raised and not yet handed to anyone ("to_assign"), still open
    ("open"), overdue on `today` ("overdue"), escalated ("escalated") or done ("done"). The list
    page and the API's list."""
    rows = visible_tickets(user).select_related(
        "org", "assignee", "raised_by", "escalated_to", "task"
    )
    if which == "mine":
        rows = rows.filter(assignee=user)
    elif which == "raised":
        rows = rows.filter(raised_by=user)
    elif which == "to_assign":  # raised by the user and not yet handed to anyone
        rows = rows.filter(raised_by=user, status=TicketStatus.RAISED, assignee=None)
    elif which == "open":
        rows = rows.exclude(status__in=DONE)
    elif which == "overdue":
        rows = rows.filter(status__in=OPEN_STATUSES, deadline__lt=today)
    elif which == "escalated":
        rows = rows.filter(escalation_level__gt=0)
    elif which == "done":
        rows = rows.filter(status__in=DONE)
    return rows.order_by("-created_at", "-id")


@dataclass
class RaiseChoices:
    """What the form raising a ticket offers."""

    orgs: QuerySet  # active organisations the user may supervise
    tasks: QuerySet  # their open tasks: what a chosen task is checked against
    shown: list[Task]  # the TASK_CHOICES nearest, the preset task first if it is further away
    preset: Task | None  # the task the ticket is raised from (its page's 下发督办单)


def raise_choices(user, *, task_pk: str = "") -> RaiseChoices:
    """Where the user may raise a ticket: organisations and open tasks under Cap.MANAGE_ORGS,
    and the task it is raised from (`task_pk`)."""
    orgs = Organization.objects.filter(scope_q(user, Cap.MANAGE_ORGS), is_active=True).order_by(
        "path"
    )
    tasks = (
        visible_tasks(user)
        .filter(scope_q(user, Cap.MANAGE_ORGS, "plan__org__path"))
        .exclude(status__in=FINISHED)
        .select_related("plan__org")
        .order_by("deadline", "id")
    )
    preset = None
    if is_id(task_pk):
        # As on the task's own page: out of reach is a 404, in reach but not one's to
        # supervise a 403; a finished task is offered no more.
        seen = get_object_or_404(visible_tasks(user).select_related("plan__org"), pk=task_pk)
        if not may_raise(user, seen.plan.org):
            raise PermissionDenied(NOT_RAISER)
        preset = get_object_or_404(tasks, pk=task_pk)
    shown = list(tasks[:TASK_CHOICES])
    if preset is not None and preset not in shown:
        shown.insert(0, preset)
    return RaiseChoices(orgs=orgs, tasks=tasks, shown=shown, preset=preset)


def ticket_detail_parts(ticket: Ticket) -> dict:
    """What a ticket's page lists: its history (with who acted and the files of each step)
    and all its files."""
    return {
        "events": ticket.events.select_related("actor").prefetch_related("files"),
        "files": ticket.files.all(),
    }


def meeting_list(user, *, plan: Plan | None = None, brand: Brand | None = None):
    """The 复盘 meetings the user sees (of one plan, or of one brand's plans, if given), latest
    first, each with its number of rectification items and of those still open."""
    rows = (
        visible_meetings(user)
        .select_related("plan__org", "convenor")
        .annotate(
            item_count=Count("items", distinct=True),
            open_count=Count("items", filter=~Q(items__status=ItemStatus.CLOSED), distinct=True),
        )
        .order_by("-held_on", "-id")
    )
    if brand is not None:
        rows = rows.filter(plan__brand=brand)
    return rows if plan is None else rows.filter(plan=plan)


def brand_open_items(user, brand: Brand):
    """The rectification items of the brand's plans not yet closed (销号) that the user sees,
    nearest deadline first: exactly those its health index counts as open."""
    return (
        visible_items(user)
        .filter(meeting__plan__brand=brand)
        .exclude(status=ItemStatus.CLOSED)
        .select_related("meeting__plan", "owner")
        .order_by("deadline", "id")
    )


def my_open_items(user):
    """The first MY_ITEMS rectification items the user owns that are not closed, nearest
    deadline first."""
    return (
        visible_items(user)
        .filter(owner=user)
        .exclude(status=ItemStatus.CLOSED)
        .select_related("meeting__plan")
        .order_by("deadline", "id")[:MY_ITEMS]
    )


def plans_to_review(user):
    """The newest PLANS_TO_REVIEW open plans the user edits: where a new meeting may be held."""
    return (
        visible_plans(user)
        .filter(scope_q(user, Cap.EDIT_BRAND, "org__path"))
        .exclude(status=PlanStatus.CLOSED)
        .select_related("org")
        .order_by("-created_at", "-id")[:PLANS_TO_REVIEW]
    )


def last_meeting(plan: Plan) -> ReviewMeeting | None:
    """The plan's latest meeting, if any."""
    return plan.reviews.order_by("-held_on", "-id").first()


def meeting_count(plan: Plan) -> int:
    return plan.reviews.count()


def visible_meeting(user, pk) -> ReviewMeeting | None:
    """The meeting with this id if the user sees it, else None."""
    return visible_meetings(user).filter(pk=pk).first() if is_id(pk) else None


def meeting_items(meeting: ReviewMeeting) -> list[RectificationItem]:
    """The meeting's own rectification items with their owners, in the order entered."""
    return list(meeting.items.select_related("owner").order_by("id"))


def meeting_attendees(meeting: ReviewMeeting) -> list:
    return list(meeting.attendees.order_by("display_name", "username"))


def carried_over(meeting: ReviewMeeting):
    """Items of the plan's earlier meetings that are still not closed (shown, not copied)."""
    earlier = Q(meeting__held_on__lt=meeting.held_on) | Q(
        meeting__held_on=meeting.held_on, meeting__id__lt=meeting.pk
    )
    return (
        RectificationItem.objects.filter(earlier, meeting__plan_id=meeting.plan_id)
        .exclude(status=ItemStatus.CLOSED)
        .select_related("meeting", "owner")
        .order_by("deadline", "id")
    )


def open_items(plan: Plan):
    """The plan's rectification items that are not closed: what a new meeting starts from."""
    return (
        RectificationItem.objects.filter(meeting__plan=plan)
        .exclude(status=ItemStatus.CLOSED)
        .select_related("meeting", "owner")
        .order_by("deadline", "id")
    )


def participation_org(user) -> Organization | None:
    """Where the participation page opens when no organisation is asked for: the root for a
    superuser, else the first organisation where the user sees members (None: nowhere)."""
    tops = paths_with(user, Cap.VIEW_MEMBERS)
    if user.is_superuser:
        return Organization.objects.filter(parent__isnull=True, is_active=True).first()
    if tops:
        return Organization.objects.filter(path=tops[0]).first()
    return None
