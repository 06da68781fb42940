"""The daily digest: task reminders created in batches (`notify_many`: never the same one twice),
then one e-mail per user listing their unread notifications not mailed before (when SMTP is
set up).

Reminder keys (one notification per key and user):
- assigned:  plans:assigned:<pk>:owner:<owner_pk>   (the keys the plans services use, so a
- returned:  plans:returned:<pk>:<return update pk>   reminder they sent is not sent again)
- due soon:  task:<pk>:due_soon:<deadline>   (again only if the deadline moves)
- overdue:   task:<pk>:overdue:<deadline>
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from partybrand.notices.models import Notification
from partybrand.notices.services import build, notify_many
from partybrand.plans.choices import PlanStatus, TaskStatus
from partybrand.plans.models import Plan, ProgressUpdate, Task

T = TaskStatus
PENDING = (T.TODO, T.DOING, T.RETURNED)  # the owner still has to act
CHUNK = 1000  # tasks read, and reminders inserted, per round trip
MAIL_LINES = 30  # notifications listed in one mail; the rest are counted


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
    last_return = ProgressUpdate.objects.filter(task=OuterRef("pk"), kind="return").order_by("-pk")
    return (
        Task.objects.filter(relevant, status__in=PENDING, owner__is_active=True)
        .exclude(plan__status=PlanStatus.CLOSED)  # a finished plan no longer sends reminders
        .annotate(last_return=Subquery(last_return.values("pk")[:1]))
        .values(
            "pk", "title", "status", "deadline", "owner_id", "return_reason", "last_return",
            plan_title=F("plan__title"), near_days=F("plan__near_days"),
            org_path=F("plan__org__path"),
        )
        .order_by("pk")
    )  # fmt: skip


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
        notes.append((
            "assigned", f"plans:assigned:{pk}:owner:{task['owner_id']}",
            f"您被指定为任务“{title}”的责任人",
            f"{task['plan_title']}，完成时限 {deadline:%Y-%m-%d}。",
        ))  # fmt: skip
    if task["status"] == T.RETURNED:
        notes.append((
            "returned", f"plans:returned:{pk}:{task['last_return'] or 0}", f"任务被退回：{title}",
            task["return_reason"] or "验收人退回，请按验收标准补充完善后重新上报。",
        ))  # fmt: skip
    left = (deadline - today).days
    if left < 0:
        notes.append((
            "overdue", f"task:{pk}:overdue:{deadline:%Y-%m-%d}", f"任务已逾期：{title}",
            f"完成时限 {deadline:%Y-%m-%d}，已逾期 {-left} 天。",
        ))  # fmt: skip
    elif left <= task["near_days"]:
        notes.append((
            "due_soon", f"task:{pk}:due_soon:{deadline:%Y-%m-%d}", f"任务即将到期：{title}",
            f"完成时限 {deadline:%Y-%m-%d}，还剩 {left} 天。",
        ))  # fmt: skip
    return notes


def task_reminders(*, today: date) -> dict[str, int]:
    """Create the day's task reminders; returns how many of each kind were new.

    Set-based: a fixed number of queries per CHUNK tasks (read, look up existing keys, one
    INSERT), whatever the number of tasks.
    """
    counts = {"assigned": 0, "returned": 0, "due_soon": 0, "overdue": 0}
    for chunk in _chunks(_reminder_tasks(today)):
        built = [
            build(
                user_id=task["owner_id"], kind=kind, key=key, title=title, body=body,
                url=_task_url(task["pk"]), org_path=task["org_path"],
            )
            for task in chunk
            for kind, key, title, body in _task_notes(task, today)
        ]  # fmt: skip
        for notification in notify_many(built):
            counts[notification.kind] += 1
    return counts


def mail_enabled() -> bool:
    return bool(getattr(settings, "EMAIL_HOST", ""))


def _unmailed():
    return Notification.objects.filter(
        read_at__isnull=True, emailed_at__isnull=True, user__is_active=True
    ).exclude(user__email="")


def _mail_text(user, rows: list, site_url: str) -> str:
    lines = [f"{user}，您好：", "", f"您在党建品牌平台有 {len(rows)} 条未读提醒：", ""]
    for number, row in enumerate(rows[:MAIL_LINES], 1):
        lines.append(f"{number}. {row.title}")
        if row.body:
            lines.append(f"   {row.body}")
        if row.url and site_url:
            lines.append(f"   {site_url.rstrip('/')}{row.url}")
    if len(rows) > MAIL_LINES:
        lines += ["", f"另有 {len(rows) - MAIL_LINES} 条提醒未在此列出。"]
    lines += ["", "请登录平台查看处理。此邮件由系统自动发送，请勿回复。"]
    return "\n".join(lines)


def _mail_user(user_id: int, *, now, site_url: str, connection) -> bool:
    """Mail one user their unmailed notifications; True when a mail went out.

    The rows stay locked from reading to marking, so a digest running at the same time skips
    them (skip_locked) instead of mailing them again; a failed mail leaves them for tomorrow.
    """
    with transaction.atomic():
        rows = list(
            _unmailed()
            .filter(user_id=user_id)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .order_by(F("created_at").asc(), "id")
        )
        if not rows:
            return False
        user = rows[0].user
        delivered = send_mail(
            subject=f"【党建品牌平台】每日提醒（{len(rows)} 条）",
            message=_mail_text(user, rows, site_url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
            connection=connection,
            fail_silently=True,
        )
        if delivered:
            Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=now)
        return bool(delivered)


def send_digests(*, now=None, site_url: str = "") -> int:
    """Mail each user one digest of their unread notifications not mailed yet; returns mails sent.

    A notification is marked `emailed_at` only once its mail went out, so nothing is mailed twice
    and a failed mail is tried again the next day. Users are read CHUNK at a time.
    """
    if not mail_enabled():
        return 0
    now = now or timezone.now()
    users = _unmailed().order_by("user_id").values_list("user_id", flat=True).distinct()
    connection = get_connection()
    sent, last = 0, 0
    while batch := list(users.filter(user_id__gt=last)[:CHUNK]):
        for user_id in batch:
            sent += _mail_user(user_id, now=now, site_url=site_url, connection=connection)
        last = batch[-1]
    return sent


def run_digest(*, today: date, now=None, site_url: str = "") -> dict:
    from partybrand.supervision.review_services import remind_overdue_items

    counts = task_reminders(today=today)
    counts["rectification_overdue"] = remind_overdue_items(today=today)
    counts["mails"] = send_digests(now=now, site_url=site_url)
    return counts
