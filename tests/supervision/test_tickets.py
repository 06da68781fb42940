"""督办单 services and pages: the lifecycle, the escalation (each level once), scoping."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from partybrand.core.models import AuditLog
from partybrand.notices.models import Notification
from partybrand.supervision import access, services
from partybrand.supervision.models import Ticket
from tests.factories import PASSWORD
from tests.permissions.cases.supervision import make_task, make_ticket, pdf, today


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_lifecycle_on_a_task_with_history_audit_and_notifications(world):
    task = make_task(world)
    ticket = services.ticket_raise(
        actor=world.staff,
        task=task,
        title="台账建设滞后",
        matter="请加快推进。",
        deadline=today() + timedelta(days=5),
        assignee=task.owner,
    )
    assert ticket.org == world.branch_a and ticket.status == "assigned"
    assert Notification.objects.filter(user=world.branch_committee, kind="ticket").count() == 1
    services.ticket_start(actor=world.branch_committee, ticket=ticket)
    ticket = services.ticket_feedback(
        actor=world.branch_committee, ticket=ticket, text="台账已建立。", uploads=[pdf()]
    )
    assert ticket.status == "feedback" and ticket.files.count() == 1
    assert Notification.objects.filter(user=world.staff, title__contains="已反馈").exists()
    ticket = services.ticket_close(actor=world.staff, ticket=ticket, note="同意办结")
    ticket = services.ticket_archive(actor=world.staff, ticket=ticket)
    assert ticket.status == "archived"
    assert list(ticket.events.values_list("action", flat=True)) == [
        "raise", "assign", "start", "feedback", "close", "archive",
    ]  # fmt: skip
    actions = set(
        AuditLog.objects.filter(object_type="supervision.ticket").values_list("action", flat=True)
    )
    assert {"ticket_raise", "ticket_feedback", "ticket_close", "ticket_archive"} <= actions


def test_who_may_do_what(world):
    with pytest.raises(PermissionDenied):  # a secretary is not supervision staff
        services.ticket_raise(
            actor=world.secretary, org=world.branch_a, title="x", matter="y",
            deadline=today(),
        )  # fmt: skip
    with pytest.raises(ValidationError):  # the assignee must be able to see the organisation
        services.ticket_raise(
            actor=world.staff, org=world.branch_a, title="x", matter="y", deadline=today(),
            assignee=world.outsider,
        )  # fmt: skip
    ticket = make_ticket(world)
    with pytest.raises(PermissionDenied):
        services.ticket_feedback(actor=world.mid_admin, ticket=ticket, text="代为反馈")
    with pytest.raises(ValidationError):  # closing needs feedback first
        services.ticket_close(actor=world.staff, ticket=ticket)
    with pytest.raises(PermissionDenied):
        services.ticket_close(actor=world.secretary, ticket=ticket)
    # Scoping: raiser, assignee and staff above see it; a member and another branch do not.
    for user in (world.staff, world.secretary, world.mid_admin, world.committee_admin):
        assert access.visible_tickets(user).filter(pk=ticket.pk).exists()
    for user in (world.member, world.outsider, world.expert):
        assert not access.visible_tickets(user).filter(pk=ticket.pk).exists()


def test_escalation_goes_up_one_level_once_then_further_each_week(world):
    ticket = make_ticket(world, deadline=today() + timedelta(days=1))
    day = ticket.deadline
    assert services.escalate_overdue(today=day) == []  # due today: not late yet
    escalated = services.escalate_overdue(today=day + timedelta(days=1))
    ticket.refresh_from_db()
    assert escalated == [ticket]
    assert ticket.escalation_level == 1 and ticket.escalated_to == world.general_branch
    # Running again (same day, next days of the week) changes nothing and tells no one again.
    count = Notification.objects.filter(kind="escalated").count()
    for extra in (1, 3, 7):
        assert services.escalate_overdue(today=day + timedelta(days=extra)) == []
    assert Notification.objects.filter(kind="escalated").count() == count
    # A week later still open: the level above that (甲公司党委), whose staff is told.
    services.escalate_overdue(today=day + timedelta(days=8))
    ticket.refresh_from_db()
    assert ticket.escalation_level == 2 and ticket.escalated_to == world.committee_a
    assert Notification.objects.filter(
        user=world.mid_admin, kind="escalated", key=f"ticket:{ticket.pk}:escalated:2"
    ).exists()
    assert ticket.events.filter(action="escalate").count() == 2
    assert AuditLog.objects.filter(action="ticket_escalate", object_id=str(ticket.pk)).count() == 2
    # Never above the top of the tree, and a ticket with feedback no longer escalates.
    services.escalate_overdue(today=day + timedelta(days=200))
    ticket.refresh_from_db()
    assert ticket.escalation_level == 3 and ticket.escalated_to == world.group
    answered = make_ticket(world, stage="feedback", deadline=today())
    services.escalate_overdue(today=today() + timedelta(days=30))
    answered.refresh_from_db()
    assert answered.escalation_level == 0


def test_daily_command_escalates_with_today(world, capsys):
    ticket = make_ticket(world, deadline=today())
    call_command("supervision_daily", "--today", (today() + timedelta(days=2)).isoformat())
    call_command("supervision_daily", "--today", (today() + timedelta(days=2)).isoformat())
    out = capsys.readouterr().out
    assert "升级督办单 1 张" in out and "升级督办单 0 张" in out
    assert Ticket.objects.get(pk=ticket.pk).escalated_to == world.general_branch


def test_pages_flow_and_print(world):
    task = make_task(world)
    staff = client_for(world.staff)
    response = staff.get(reverse("supervision:ticket_create") + f"?task={task.pk}")
    assert task.title in response.content.decode()
    response = staff.post(
        reverse("supervision:ticket_create"),
        {
            "task": task.pk,
            "title": "台账督办",
            "matter": "请加快。",
            "deadline": (today() + timedelta(days=3)).isoformat(),
            "assign_owner": "on",
        },
    )
    ticket = Ticket.objects.get(title="台账督办")
    assert response.status_code == 302 and ticket.assignee == world.branch_committee
    owner = client_for(world.branch_committee)
    owner.post(
        reverse("supervision:ticket_feedback", args=[ticket.pk]),
        {"text": "已完成", "files": pdf()},
    )
    staff.post(reverse("supervision:ticket_close", args=[ticket.pk]), {"note": "同意"})
    ticket.refresh_from_db()
    assert ticket.status == "closed"
    page = staff.get(reverse("supervision:ticket_print", args=[ticket.pk])).content.decode()
    assert "督 办 单" in page and 'data-action="print"' in page and "supervision/print.css" in page
    listing = client_for(world.secretary).get(reverse("supervision:ticket_list")).content.decode()
    assert "台账督办" in listing  # the secretary sees the tickets of the branch


def test_list_query_count_is_constant(world, django_assert_max_num_queries):
    client = client_for(world.staff)
    make_ticket(world)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("supervision:ticket_list"))
    for _ in range(6):
        make_ticket(world, stage="feedback")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("supervision:ticket_list"))


def test_api_feedback_with_files_and_scoped_list(world):
    ticket = make_ticket(world)
    client = client_for(world.secretary)
    url = reverse("api:supervision-ticket-feedback", args=[ticket.pk])
    response = client.post(url, {"text": "已办理完毕", "files": [pdf(), pdf("照片说明.pdf")]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "feedback" and len(body["files"]) == 2
    assert [e["action"] for e in body["events"]][-1] == "feedback"
    listed = client_for(world.outsider).get(reverse("api:supervision-ticket-list")).json()
    assert listed["count"] == 0
    bad = client_for(world.staff).post(
        reverse("api:supervision-ticket-close", args=[make_ticket(world).pk]),
        {},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "反馈" in str(bad.json())
