"""督办单 services and pages: the lifecycle, who may do what, the pages and print, the API and
its scoping; the raise form lists a bounded number of tasks but takes any in reach, a refused
feedback keeps what was typed, and a task out of reach reads as an unknown id."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.core.models import AuditLog
from partybrand.notices.models import Notification
from partybrand.supervision import access, selectors
from partybrand.supervision.models import Ticket
from partybrand.supervision.services import tickets as services
from tests.helpers import assert_queries_flat, client_for
from tests.permissions.cases.supervision import (
    make_plan,
    make_task,
    make_ticket,
    pdf,
    today,
)


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
        "raise",
        "assign",
        "start",
        "feedback",
        "close",
        "archive",
    ]
    actions = set(
        AuditLog.objects.filter(object_type="supervision.ticket").values_list("action", flat=True)
    )
    assert {"ticket_raise", "ticket_feedback", "ticket_close", "ticket_archive"} <= actions


def test_who_may_do_what(world):
    with pytest.raises(PermissionDenied):  # a secretary is not supervision staff
        services.ticket_raise(
            actor=world.secretary,
            org=world.branch_a,
            title="x",
            matter="y",
            deadline=today(),
        )
    with pytest.raises(ValidationError):  # the assignee must be able to see the organisation
        services.ticket_raise(
            actor=world.staff,
            org=world.branch_a,
            title="x",
            matter="y",
            deadline=today(),
            assignee=world.outsider,
        )
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


def test_list_query_count_is_constant(world):
    client = client_for(world.staff)
    make_ticket(world)

    def six_more():
        for _ in range(6):
            make_ticket(world, stage="feedback")

    assert (
        assert_queries_flat(six_more, lambda: client.get(reverse("supervision:ticket_list"))) <= 12
    )


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
    unanswered = make_ticket(world)
    bad = client_for(world.staff).post(
        reverse("api:supervision-ticket-close", args=[unanswered.pk]),
        {},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "反馈" in str(bad.json())
    assert Ticket.objects.get(pk=unanswered.pk).status == unanswered.status


def test_feedback_refused_keeps_the_typed_answer_on_the_page(world):
    ticket = make_ticket(world, assignee="secretary")
    client = client_for(world.secretary)
    answer = "已完成责任区划分，共划分责任区十二个，并上墙公示。"
    bad = SimpleUploadedFile("病毒.exe", b"MZ\x90\x00binary", content_type="application/pdf")
    response = client.post(
        reverse("supervision:ticket_feedback", args=[ticket.pk]), {"text": answer, "files": [bad]}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert answer in html and "未反馈" in html
    assert Ticket.objects.get(pk=ticket.pk).status == "assigned"


def test_api_a_task_or_organisation_out_of_reach_is_not_found_like_an_unknown_id(world):
    task = make_task(world)
    client = client_for(world.outsider)
    url = reverse("api:supervision-ticket-list")
    body = {
        "org": world.branch_b.pk,
        "title": "催办",
        "matter": "请推进。",
        "deadline": (today() + timedelta(days=5)).isoformat(),
    }
    for field, hidden_pk in (("task", task.pk), ("org", world.branch_a.pk)):
        hidden = client.post(url, {**body, field: hidden_pk}, content_type="application/json")
        unknown = client.post(url, {**body, field: 999999}, content_type="application/json")
        assert hidden.status_code == unknown.status_code == 404, field
        assert hidden.json() == unknown.json() == {"detail": "对象不存在或您无权访问。"}
    assert not Ticket.objects.exists()


def test_a_ticket_on_an_organisation_in_reach_but_not_supervised_is_forbidden(world):
    # 支部A's secretary sees 支部A but supervises nothing there: refused, not hidden.
    response = client_for(world.secretary).post(
        reverse("api:supervision-ticket-list"),
        {
            "org": world.branch_a.pk,
            "title": "催办",
            "matter": "请推进。",
            "deadline": (today() + timedelta(days=5)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "您没有权限对该组织下发督办单。"}
    assert not Ticket.objects.exists()


def test_the_raise_form_lists_a_bounded_number_of_tasks_but_accepts_any_in_reach(
    world, monkeypatch
):
    monkeypatch.setattr(selectors, "TASK_CHOICES", 2)
    plan = make_plan(world)
    tasks = [
        make_task(world, plan, title=f"任务{i}", deadline=today() + timedelta(days=i + 1))
        for i in range(4)
    ]
    client = client_for(world.staff)
    url = reverse("supervision:ticket_create")
    html = client.get(url).content.decode()
    assert "任务0" in html and "任务1" in html and "任务3" not in html
    assert "任务3" in client.get(url + f"?task={tasks[3].pk}").content.decode()
    response = client.post(
        url,
        {
            "task": tasks[3].pk,
            "title": "督办任务3",
            "matter": "请推进。",
            "deadline": (today() + timedelta(days=5)).isoformat(),
            "assign_owner": "on",
        },
    )
    assert response.status_code == 302
    assert Ticket.objects.get().task == tasks[3]
