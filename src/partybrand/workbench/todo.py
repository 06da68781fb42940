"""The workbench's to-do list: what is waiting for this person in every part of the method, each
line a count and a link. Counted in the database, one query a line, whatever the group's size."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse

from partybrand.assessments.choices import AssignmentStatus
from partybrand.assessments.models import ReviewerAssignment
from partybrand.orgs.roles import Cap, scope_q
from partybrand.plans.access import visible_tasks
from partybrand.plans.choices import TaskStatus
from partybrand.plans.colours import colour_q
from partybrand.promotion.selectors import adoption_due, recheck_due
from partybrand.supervision.access import visible_items, visible_tickets
from partybrand.supervision.choices import OPEN_STATUSES, ItemStatus, TicketStatus
from partybrand.supervision.selectors import ticket_list
from partybrand.themes.access import org_member_q, visible_workshops
from partybrand.themes.choices import WorkshopStage
from partybrand.themes.models import Vote


@dataclass(frozen=True)
class Todo:
    label: str
    count: int
    url: str
    icon: str
    urgent: bool = False


def todo_list(user, *, today, now) -> list[Todo]:
    """The lines with something waiting, most pressing first."""
    tasks = visible_tasks(user)
    mine = tasks.filter(owner=user).exclude(status__in=[TaskStatus.VERIFIED, TaskStatus.CLOSED])
    my_tasks = reverse("plans:my_tasks")
    tickets = visible_tickets(user)
    lines = [
        Todo(
            "逾期未完成的任务",
            mine.filter(colour_q("red", today)).count(),
            my_tasks,
            "exclamation-octagon",
            urgent=True,
        ),
        Todo(
            "退回待重新办理的任务",
            mine.filter(status=TaskStatus.RETURNED).count(),
            my_tasks,
            "arrow-counterclockwise",
            urgent=True,
        ),
        Todo(
            "我负责的进行中任务",
            mine.exclude(status=TaskStatus.REPORTED).count(),
            my_tasks,
            "list-check",
        ),
        Todo(
            "待我验收的任务",
            tasks.filter(checker=user, status=TaskStatus.REPORTED).count(),
            f"{my_tasks}?role=checker",
            "patch-check",
        ),
        Todo(
            "待我评审的测评",
            ReviewerAssignment.objects.filter(
                reviewer=user, status=AssignmentStatus.ASSIGNED
            ).count(),
            reverse("assessments:review_list"),
            "clipboard-data",
        ),
        Todo(
            "待我办理的督办单",
            tickets.filter(assignee=user, status__in=OPEN_STATUSES).count(),
            f"{reverse('supervision:ticket_list')}?f=mine",
            "megaphone",
            urgent=True,
        ),
        Todo(
            "待我审核反馈的督办单",
            tickets.filter(raised_by=user, status=TicketStatus.FEEDBACK).count(),
            f"{reverse('supervision:ticket_list')}?f=raised",
            "clipboard2-check",
        ),
        Todo(
            "待我交办的督办单",
            ticket_list(user, "to_assign").count(),
            f"{reverse('supervision:ticket_list')}?f=to_assign",
            "send",
        ),
        Todo(
            "逾期升级到本级的督办单",
            tickets.filter(
                scope_q(user, Cap.TAKE_ESCALATIONS, "escalated_to__path"),
                status__in=OPEN_STATUSES,
            ).count(),
            f"{reverse('supervision:ticket_list')}?f=escalated",
            "arrow-up-circle",
            urgent=True,
        ),
        Todo(
            "我的整改事项",
            visible_items(user).filter(owner=user, status=ItemStatus.OPEN).count(),
            reverse("supervision:meeting_list"),
            "tools",
        ),
        Todo(
            "到期待复核的活动载体",
            recheck_due(user, today).count(),
            f"{reverse('promotion:carrier_list')}?recheck=due",
            "award",
        ),
        Todo(
            "待记录采用情况的报送材料",
            adoption_due(user).count(),
            f"{reverse('promotion:publicity_list')}?direction=upward",
            "inbox",
        ),
        Todo(
            "等待我投票的品牌主题",
            _open_ballots(user, now),
            f"{reverse('themes:workshop_list')}?stage=voting",
            "check2-square",
        ),
    ]
    return sorted((line for line in lines if line.count), key=lambda line: not line.urgent)


def _open_ballots(user, now) -> int:
    """Workshops whose vote is open now, where the user may vote and has not yet."""
    voted = Vote.objects.filter(workshop=OuterRef("pk"), round=OuterRef("vote_round"), voter=user)
    return (
        visible_workshops(user)
        .filter(org_member_q(user), stage=WorkshopStage.VOTING)
        .filter(vote_opens_at__lte=now, vote_closes_at__gt=now)
        .exclude(Exists(voted))
        .count()
    )
