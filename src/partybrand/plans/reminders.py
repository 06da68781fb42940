"""The daily task reminders: new assignments, sent-back tasks, tasks due soon and overdue, created
in batches through `notify_many` (never the same one twice). Registered with the notification
centre in PlansConfig.ready().

Reminder keys (one notification per key and user):
- assigned:  plans:assigned:<pk>:owner:<owner_pk>   (the keys the plans services use, so a
- returned:  plans:returned:<pk>:<return update pk>   reminder they sent is not sent again)
- due soon:  task:<pk>:due_soon:<deadline>   (again only if the deadline moves)
- overdue:   task:<pk>:overdue:<deadline>
"""

from datetime import date, timedelta

from django.db.models import F, Max, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse

from partybrand.notices.services import build, notify_many
from partybrand.plans.choices import PlanNotice, PlanStatus, ProgressKind, TaskStatus
from partybrand.plans.models import Plan, ProgressUpdate, Task

T = TaskStatus
PENDING = (T.TODO, T.DOING, T.RETURNED)  # the owner still has to act
CHUNK = 1000  # tasks read, and reminders inserted, per round trip


def _task_url(pk: int) -> str:
    try:
        return reverse("plans:task", args=[pk])
    except NoReverseMatch:
        return ""


def _reminder_tasks(today: date):
    """Pending tasks that may need a reminder today, as plain rows (no model instances)."""
    # Only tasks that can need a reminder: new, sent back, or due within the widest near_days.
    widest = Plan.objects.aggregate(n=Max("near_days"))["n"] or 0
    relevant = Q(status__in=(T.TODO, T.RETURNED)) | Q(deadline__lte=today + timedelta(days=widest))
    last_return = ProgressUpdate.objects.filter(
        task=OuterRef("pk"), kind=ProgressKind.RETURN
    ).order_by("-pk")
    return (
        Task.objects.filter(relevant, status__in=PENDING, owner__is_active=True)
        .exclude(plan__status=PlanStatus.CLOSED)  # a finished plan no longer sends reminders
        .annotate(last_return=Subquery(last_return.values("pk")[:1]))
        .values(
            "pk",
            "title",
            "status",
            "deadline",
            "owner_id",
            "return_reason",
            "last_return",
            plan_title=F("plan__title"),
            near_days=F("plan__near_days"),
            org_path=F("plan__org__path"),
        )
        .order_by("pk")
    )


def _chunks(rows):
    """`rows` (ordered by pk) CHUNK at a time, so memory stays flat at any number of tasks."""
    last = 0
    while True:
        chunk = list(rows.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]["pk"]


def _task_notes(task: dict, today: date) -> list:
    """The reminders one task calls for today: (kind, key, title, body)."""
    pk, title, deadline = task["pk"], task["title"], task["deadline"]
    notes = []
    if task["status"] == T.TODO:
        notes.append(
            (
                PlanNotice.ASSIGNED,
                f"plans:assigned:{pk}:owner:{task['owner_id']}",
                f"您被指定为任务“{title}”的责任人",
                f"{task['plan_title']}，完成时限 {deadline:%Y-%m-%d}。",
            )
        )
    if task["status"] == T.RETURNED:
        notes.append(
            (
                PlanNotice.RETURNED,
                f"plans:returned:{pk}:{task['last_return'] or 0}",
                f"任务被退回：{title}",
                task["return_reason"] or "验收人退回，请按验收标准补充完善后重新上报。",
            )
        )
    left = (deadline - today).days
    if left < 0:
        notes.append(
            (
                PlanNotice.OVERDUE,
                f"task:{pk}:overdue:{deadline:%Y-%m-%d}",
                f"任务已逾期：{title}",
                f"完成时限 {deadline:%Y-%m-%d}，已逾期 {-left} 天。",
            )
        )
    elif left <= task["near_days"]:
        notes.append(
            (
                PlanNotice.DUE_SOON,
                f"task:{pk}:due_soon:{deadline:%Y-%m-%d}",
                f"任务即将到期：{title}",
                f"完成时限 {deadline:%Y-%m-%d}，还剩 {left} 天。",
            )
        )
    return notes


def task_reminders(today: date) -> dict[str, int]:
    """Create the day's task reminders; returns how many of each kind were new.

    Set-based: a fixed number of queries per CHUNK tasks (read, look up existing keys, one
    INSERT), whatever the number of tasks.
    """
    counts = dict.fromkeys(
        (PlanNotice.ASSIGNED, PlanNotice.RETURNED, PlanNotice.DUE_SOON, PlanNotice.OVERDUE), 0
    )
    for chunk in _chunks(_reminder_tasks(today)):
        built = [
            build(
                user_id=task["owner_id"],
                kind=kind,
                key=key,
                title=title,
                body=body,
                url=_task_url(task["pk"]),
                org_path=task["org_path"],
            )
            for task in chunk
            for kind, key, title, body in _task_notes(task, today)
        ]
        for notification in notify_many(built):
            counts[notification.kind] += 1
    return counts
