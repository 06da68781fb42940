"""Notifications: never the same reminder twice, the daily digest, e-mail once, the bell."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partybrand.notices import digest
from partybrand.notices.models import Notification
from partybrand.notices.services import notify
from partybrand.plans import reminders
from partybrand.plans import services as plan_services
from tests.helpers import assert_queries_flat, client_for
from tests.permissions.cases.supervision import make_plan, make_task, today


def test_notify_is_idempotent_per_user_and_key(world):
    first = notify(user=world.member, kind="assigned", key="task:1:assigned:2", title="新任务")
    again = notify(user=world.member, kind="assigned", key="task:1:assigned:2", title="新任务")
    other = notify(user=world.secretary, kind="assigned", key="task:1:assigned:2", title="新任务")
    assert first is not None and again is None and other is not None
    assert Notification.objects.filter(key="task:1:assigned:2").count() == 2


def test_notify_survives_a_race(world, monkeypatch):
    """Two processes passing the exists() check at once: the second insert loses quietly."""
    notify(user=world.member, kind="x", key="race", title="一")
    monkeypatch.setattr(Notification.objects.__class__, "exists", lambda self: False, raising=False)
    assert notify(user=world.member, kind="x", key="race", title="二") is None
    assert Notification.objects.filter(key="race").count() == 1


def test_digest_creates_each_reminder_once(world):
    plan = make_plan(world)
    plan.near_days = 5
    plan.save(update_fields=["near_days"])
    soon = make_task(world, plan, title="即将到期", deadline=today() + timedelta(days=3))
    late = make_task(world, plan, title="已逾期", deadline=today() + timedelta(days=1))
    far = make_task(world, plan, title="远期任务", deadline=today() + timedelta(days=60))
    back = make_task(world, plan, title="被退回", deadline=today() + timedelta(days=30))
    plan_services.task_report(actor=back.owner, task=back, percent=100, text="完成")
    plan_services.task_return(actor=world.secretary, task=back, reason="佐证不足")
    before = Notification.objects.count()
    day = today() + timedelta(days=2)
    counts = reminders.task_reminders(today=day)
    assert counts["due_soon"] == 1 and counts["overdue"] == 1
    assert counts["assigned"] == 0 and counts["returned"] == 0  # the plans app already told them
    owner = world.branch_committee
    assert Notification.objects.filter(user=owner, kind="due_soon", title__contains=soon.title)
    assert Notification.objects.filter(user=owner, kind="overdue", title__contains=late.title)
    assert not Notification.objects.filter(title__contains=far.title, kind="due_soon").exists()
    # The same day again: nothing new.
    assert Notification.objects.count() == before + 2
    assert sum(reminders.task_reminders(today=day).values()) == 0
    # Later the due-soon task is overdue: that is a new reminder, sent once; then silence.
    assert reminders.task_reminders(today=day + timedelta(days=2))["overdue"] == 1
    for extra in (2, 3, 10):
        assert sum(reminders.task_reminders(today=day + timedelta(days=extra)).values()) == 0
    assert Notification.objects.count() == before + 3
    keys = list(Notification.objects.values_list("user_id", "key"))
    assert len(keys) == len(set(keys))


def test_digest_mails_each_user_once(world, settings):
    settings.EMAIL_HOST = "smtp.example.com"
    world.branch_committee.email = "zhao@example.com"
    world.branch_committee.save(update_fields=["email"])
    make_task(world, title="即将到期", deadline=today() + timedelta(days=2))
    call_command("send_digest", "--today", today().isoformat())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhao@example.com"] and "即将到期" in message.body
    assert "每日提醒" in message.subject
    assert not Notification.objects.filter(user=world.branch_committee, emailed_at=None).exists()
    call_command("send_digest", "--today", today().isoformat())
    assert len(mail.outbox) == 1  # nothing new: no second mail
    notify(user=world.branch_committee, kind="ticket", key="new", title="新督办单")
    call_command("send_digest", "--today", today().isoformat())
    assert len(mail.outbox) == 2 and "新督办单" in mail.outbox[1].body
    assert "即将到期" not in mail.outbox[1].body


def test_no_mail_without_smtp(world, settings):
    settings.EMAIL_HOST = ""
    world.member.email = "li@example.com"
    world.member.save(update_fields=["email"])
    notify(user=world.member, kind="x", key="k", title="提醒")
    call_command("send_digest", "--today", today().isoformat())
    assert mail.outbox == [] and Notification.objects.get(key="k").emailed_at is None


def test_bell_count_list_and_mark_read(world):
    for i in range(3):
        notify(user=world.member, kind="x", key=f"k{i}", title=f"提醒{i}", url="/supervision/")
    notify(user=world.secretary, kind="x", key="s", title="书记的提醒")
    client = client_for(world.member)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("notices:notice_list")).content.decode()
    counting = [
        q
        for q in queries.captured_queries
        if "COUNT" in q["sql"].upper()
        and "notices_notification" in q["sql"]
        and "read_at" in q["sql"]
    ]
    assert len(counting) == 1  # the bell's count, once per page
    assert 'data-testid="bell-count">3<' in html and "书记的提醒" not in html
    first = Notification.objects.get(key="k0")
    response = client.post(reverse("notices:notice_read", args=[first.pk]), {"go": "1"})
    assert response["Location"] == "/supervision/"
    assert 'data-testid="bell-count">2<' in client.get("/").content.decode()
    client.post(reverse("notices:notice_read_all"))
    assert 'data-testid="bell-count"' not in client.get("/").content.decode()
    other = Notification.objects.get(key="s")
    assert client.post(reverse("notices:notice_read", args=[other.pk])).status_code == 404
    assert Notification.objects.get(key="s").read_at is None


def test_unread_first_in_the_list_and_api(world):
    old = notify(user=world.member, kind="x", key="old", title="已读的")
    notify(user=world.member, kind="x", key="new", title="未读的")
    old.read_at = old.created_at
    old.save(update_fields=["read_at"])
    client = client_for(world.member)
    html = client.get(reverse("notices:notice_list")).content.decode()
    assert html.index("未读的") < html.index("已读的")
    rows = client.get(reverse("api:notification-list")).json()["results"]
    assert [r["title"] for r in rows] == ["未读的", "已读的"]


def test_digest_reminders_take_the_same_queries_for_few_or_many_tasks(world):
    """Set-based: tasks read and reminders inserted in chunks, not one notify() per task."""
    plan = make_plan(world)
    make_task(world, plan, title="任务0", deadline=today() + timedelta(days=1))
    day = today() + timedelta(days=3)
    overdue = []

    def eight_more():
        for i in range(1, 9):
            make_task(world, plan, title=f"任务{i}", deadline=today() + timedelta(days=1))

    assert_queries_flat(
        eight_more, lambda: overdue.append(reminders.task_reminders(today=day)["overdue"])
    )
    assert overdue == [1, 8]
    assert sum(reminders.task_reminders(today=day).values()) == 0  # never twice


def test_digest_reads_tasks_a_chunk_at_a_time(world, monkeypatch):
    plan = make_plan(world)
    for i in range(5):
        make_task(world, plan, title=f"任务{i}", deadline=today() + timedelta(days=1))
    monkeypatch.setattr(reminders, "CHUNK", 2)
    with CaptureQueriesContext(connection) as queries:
        counts = reminders.task_reminders(today=today() + timedelta(days=3))
    assert counts["overdue"] == 5
    reads = [q for q in queries.captured_queries if 'FROM "plans_task"' in q["sql"]]
    assert len(reads) == 4  # 2 + 2 + 1 tasks, then an empty chunk
    assert Notification.objects.filter(kind="overdue").count() == 5


def test_unread_filter_is_kept_on_the_next_page(world):
    for i in range(31):
        notify(user=world.member, kind="x", key=f"k{i}", title=f"提醒{i}")
    html = client_for(world.member).get(reverse("notices:notice_list") + "?f=unread").content
    assert "?f=unread&amp;page=2" in html.decode()


def test_a_long_digest_lists_thirty_and_counts_the_rest_mailing_all_once(world, settings):
    settings.EMAIL_HOST = "smtp.example.com"
    world.member.email = "li@example.com"
    world.member.save(update_fields=["email"])
    for i in range(35):
        notify(user=world.member, kind="x", key=f"k{i}", title=f"提醒{i}")
    assert digest.send_digests() == 1
    body = mail.outbox[0].body
    assert "35 条未读提醒" in body and "另有 5 条提醒未在此列出" in body
    assert not Notification.objects.filter(user=world.member, emailed_at=None).exists()
    assert digest.send_digests() == 0 and len(mail.outbox) == 1


def test_a_closed_plan_sends_no_more_reminders(world):
    from partybrand.plans.choices import PlanStatus
    from partybrand.plans.models import Plan

    plan = make_plan(world)
    make_task(world, plan, title="已逾期", deadline=today() + timedelta(days=1))
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.CLOSED)
    call_command("send_digest", "--today", (today() + timedelta(days=5)).isoformat())
    assert not Notification.objects.filter(kind__in=["overdue", "due_soon"]).exists()
