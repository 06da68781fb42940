"""The workbench's to-do list: what is waiting for this person in every part of the method, each
line a count and a link. Counted in the database, one query a line, whatever the group's size."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from partybrand.assessments.choices import AssignmentStatus
from partybrand.assessments.models import ReviewerAssignment
from partybrand.brands.access import visible_brands
from partybrand.brands.choices import BrandStatus
from partybrand.brands.lifecycle import TRANSITIONS
from partybrand.brands.models import BrandEvent
from partybrand.cases.selectors import cases_returned, cases_to_publish, cases_to_review
from partybrand.orgs.roles import Cap, cap_paths, scope_q
from partybrand.plans.access import visible_tasks
from partybrand.plans.choices import TaskStatus
from partybrand.plans.colours import colour_q
from partybrand.promotion.selectors import adoption_due, recheck_due
from partybrand.rounds import selectors as rounds
from partybrand.supervision.access import visible_items, visible_tickets
from partybrand.supervision.choices import OPEN_STATUSES, ItemStatus, TicketStatus
from partybrand.supervision.selectors import ticket_list
from partybrand.workbench.home import open_ballots


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
            "待我初审的品牌申报",
            _brands_to_screen(user),
            f"{reverse('brands:brand_list')}?status={BrandStatus.SUBMITTED}",
            "inbox",
        ),
        Todo(
            "退回待修改的品牌",
            _own_brands(user, BrandStatus.DRAFT, returned=True),
            f"{reverse('brands:brand_list')}?status={BrandStatus.DRAFT}",
            "arrow-counterclockwise",
            urgent=True,
        ),
        Todo(
            "待我启动培育的品牌",
            _own_brands(user, BrandStatus.APPROVED),
            f"{reverse('brands:brand_list')}?status={BrandStatus.APPROVED}",
            "flag",
        ),
        Todo(
            "退回待修改的参评申报",
            rounds.returned_to_me(user).count(),
            f"{reverse('rounds:my_tasks')}#returned",
            "arrow-counterclockwise",
            urgent=True,
        ),
        Todo(
            "待我推荐的参评申报",
            rounds.to_recommend(user).count(),
            f"{reverse('rounds:my_tasks')}#to-recommend",
            "hand-thumbs-up",
        ),
        Todo(
            "待我预审的参评申报",
            rounds.to_prescreen(user).count(),
            f"{reverse('rounds:my_tasks')}#to-prescreen",
            "clipboard-check",
        ),
        Todo(
            "待我答复的公示异议",
            rounds.objections_to_answer(user).count(),
            f"{reverse('rounds:my_tasks')}#objections",
            "chat-left-dots",
            urgent=True,
        ),
        Todo(
            "公示期满、待印发的命名决定",
            rounds.namings_to_issue(user, today).count(),
            f"{reverse('rounds:my_tasks')}#naming",
            "award",
        ),
        Todo(
            "正在路演、待我评分的项目",
            rounds.roadshow_now(user).count(),
            f"{reverse('rounds:my_tasks')}#roadshow-now",
            "easel",
            urgent=True,
        ),
        Todo(
            "待我评分的参评申报",
            rounds.sheets_to_score(user, today).count(),
            f"{reverse('rounds:my_tasks')}#to-score",
            "clipboard-check",
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
            "退回待修改的典型案例",
            cases_returned(user).count(),
            f"{reverse('cases:case_list')}?todo=returned",
            "arrow-counterclockwise",
            urgent=True,
        ),
        Todo(
            "待我审核的典型案例",
            cases_to_review(user).count(),
            f"{reverse('cases:case_list')}?todo=review",
            "journal-check",
        ),
        Todo(
            "待我审定发布的典型案例",
            cases_to_publish(user).count(),
            f"{reverse('cases:case_list')}?todo=publish",
            "journal-arrow-up",
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


def _own_brands(user, status: str, *, returned: bool = False) -> int:
    """Brands of the organisations where the user makes the owner's moves, waiting in `status`;
    with `returned`, only those whose last move sent them back."""
    rows = visible_brands(user).filter(
        org__path__in=sorted(cap_paths(user, Cap.OWN_BRAND)), status=status
    )
    if returned:
        last = BrandEvent.objects.filter(brand=OuterRef("pk")).order_by("-created_at", "-id")
        rows = rows.annotate(last_move=Subquery(last.values("action")[:1])).filter(
            last_move="return"
        )
    return rows.count()


def _brands_to_screen(user) -> int:
    """Applications waiting for the 初审 of the user: submitted brands strictly below where they
    hold the capability the lifecycle asks for it."""
    cap = TRANSITIONS["start_review"].cap_for(BrandStatus.SUBMITTED)
    return (
        visible_brands(user)
        .filter(scope_q(user, cap, "org__path", strictly_above=True), status=BrandStatus.SUBMITTED)
        .count()
    )


def _open_ballots(user, now) -> int:
    """Workshops whose vote is open now, where the user may vote and has not yet."""
    return open_ballots(user, now).count()
