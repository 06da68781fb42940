"""Review fixes: escalation never skips a level, participation counts only work done, forms keep
what was typed, filtered lists keep their filter across pages, reminders in constant queries."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partybrand.core.models import AuditLog
from partybrand.notices.models import Notification
from partybrand.plans import services as plan_services
from partybrand.supervision import participation, review_services, services
from partybrand.supervision.models import RectificationItem, Ticket
from tests.factories import PASSWORD, make_member
from tests.permissions.cases.supervision import (
    make_item,
    make_meeting,
    make_plan,
    make_task,
    make_ticket,
    today,
)


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_ticket_found_weeks_late_climbs_one_level_per_run_telling_each_level(world):
    ticket = make_ticket(world, deadline=today())
    late = today() + timedelta(days=20)  # the daily job did not run for three weeks
    assert services.escalate_overdue(today=late) == [ticket]
    ticket.refresh_from_db()
    assert ticket.escalation_level == 1 and ticket.escalated_to == world.general_branch
    services.escalate_overdue(today=late)  # the same day again: nothing
    assert Ticket.objects.get(pk=ticket.pk).escalation_level == 1
    services.escalate_overdue(today=late + timedelta(days=1))
    services.escalate_overdue(today=late + timedelta(days=2))
    ticket.refresh_from_db()
    assert ticket.escalation_level == 3 and ticket.escalated_to == world.group
    notes = ticket.events.filter(action="escalate").values_list("note", flat=True)
    assert [n.split("（")[1] for n in notes] == ["第 1 级）。", "第 2 级）。", "第 3 级）。"]
    keys = set(Notification.objects.filter(kind="escalated").values_list("key", flat=True))
    assert keys == {f"ticket:{ticket.pk}:escalated:{level}" for level in (1, 2, 3)}


def test_a_meeting_still_to_come_is_not_counted_as_attended(world):
    member = make_member(world.branch_a, "赵支委")
    member.user = world.branch_committee
    member.save(update_fields=["user"])
    plan = make_plan(world)
    make_meeting(world, plan, held_on=today() - timedelta(days=1))
    make_meeting(world, plan, held_on=today() + timedelta(days=7), title="下月复盘会")
    rows = {row.name: row for row in participation.member_rows(world.branch_a)}
    assert rows["赵支委"].meetings == 1
    branch = {r.org.name: r for r in participation.branch_rows(world.group)}["支部A"]
    assert branch.meetings == 2  # two attending members, past meeting only
    later = today() + timedelta(days=8)
    assert {r.name: r for r in participation.member_rows(world.branch_a, today=later)}[
        "赵支委"
    ].meetings == 2


def test_work_of_a_member_who_left_does_not_count_for_the_branch(world):
    member = make_member(world.branch_a, "赵支委")
    member.user = world.branch_committee
    member.save(update_fields=["user"])
    task = make_task(world)
    plan_services.task_report(actor=task.owner, task=task, percent=100, text="已完成")
    plan_services.task_verify(actor=world.secretary, task=task)
    branch = {r.org.name: r for r in participation.branch_rows(world.group)}["支部A"]
    assert branch.tasks == 1
    member.is_active = False  # transferred out: no longer on the branch's roll
    member.save(update_fields=["is_active"])
    branch = {r.org.name: r for r in participation.branch_rows(world.group)}["支部A"]
    assert (branch.members, branch.tasks, branch.score) == (1, 0, branch.meetings)


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


def test_finding_refused_keeps_the_typed_finding(world):
    meeting = make_meeting(world)
    client = client_for(world.secretary)
    finding = "党员示范岗挂牌与实际在岗人员不一致"
    response = client.post(
        reverse("supervision:item_add", args=[meeting.pk]),
        {"finding": finding, "owner": world.branch_committee.pk,
         "deadline": (meeting.held_on - timedelta(days=3)).isoformat()},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400 and finding in html and "整改时限不能早于会议日期" in html
    assert not RectificationItem.objects.exists()


def test_meeting_list_pages_keep_the_plan_filter(world):
    plan = make_plan(world)
    for i in range(31):  # one more than a page
        make_meeting(world, plan, held_on=today() - timedelta(days=i), title=f"第{i}次复盘会")
    client = client_for(world.secretary)
    html = client.get(reverse("supervision:meeting_list") + f"?plan={plan.pk}").content.decode()
    assert f"?plan={plan.pk}&amp;page=2" in html


def test_overdue_item_reminders_take_the_same_queries_for_few_or_many(world):
    meeting = make_meeting(world, held_on=today() - timedelta(days=30))
    make_item(world, meeting, deadline=today() - timedelta(days=2))
    with CaptureQueriesContext(connection) as few:
        assert review_services.remind_overdue_items(today=today()) == 1
    for _ in range(6):
        make_item(world, meeting, deadline=today() - timedelta(days=2))
    with CaptureQueriesContext(connection) as many:
        assert review_services.remind_overdue_items(today=today()) == 6
    assert len(many.captured_queries) == len(few.captured_queries)
    assert review_services.remind_overdue_items(today=today()) == 0  # never twice


def test_api_a_task_out_of_reach_reads_as_an_unknown_id(world):
    task = make_task(world)
    client = client_for(world.outsider)
    url = reverse("api:supervision-ticket-list")
    body = {"org": world.branch_b.pk, "title": "催办", "matter": "请推进。",
            "deadline": (today() + timedelta(days=5)).isoformat()}  # fmt: skip
    hidden = client.post(url, {**body, "task": task.pk}, content_type="application/json")
    unknown = client.post(url, {**body, "task": 999999}, content_type="application/json")
    assert hidden.status_code == unknown.status_code == 400
    assert task.title not in hidden.content.decode()
    assert set(hidden.json()) == set(unknown.json()) and "task" in hidden.json()
    assert not Ticket.objects.exists()


def test_items_carried_into_the_next_meeting_are_closed_off_there(world):
    plan = make_plan(world)
    first = make_meeting(world, plan, held_on=today() - timedelta(days=30))
    item = make_item(world, first)
    second = make_meeting(world, plan, title="第二次复盘会")
    page = reverse("supervision:meeting_detail", args=[second.pk])
    owner = client_for(world.branch_committee)
    html = owner.get(page).content.decode()
    assert 'data-testid="carried-item"' in html and f'id="done-{item.pk}"' in html
    response = owner.post(
        reverse("supervision:item_done", args=[item.pk]),
        {"note": "示范岗标识已统一", "meeting": second.pk},
    )
    assert response["Location"] == f"{page}#item-{item.pk}"
    convenor = client_for(world.secretary)
    assert "核验销号" in convenor.get(page).content.decode()
    convenor.post(
        reverse("supervision:item_verify", args=[item.pk]), {"accept": "1", "meeting": second.pk}
    )
    assert RectificationItem.objects.get(pk=item.pk).status == "closed"
    assert 'data-testid="carried-item"' not in convenor.get(page).content.decode()
    member = client_for(world.member).get(page).content.decode()
    assert "核验销号" not in member and f'id="done-{item.pk}"' not in member


def test_the_daily_run_touches_only_tickets_it_will_move(world):
    tickets = [make_ticket(world, deadline=today()) for _ in range(4)]
    day = today() + timedelta(days=1)  # a day late: first level
    assert len(services.escalate_overdue(today=day)) == 4
    for later in (day, day + timedelta(days=1), day + timedelta(days=6)):
        with CaptureQueriesContext(connection) as queries:
            assert services.escalate_overdue(today=later) == []
        assert len(queries.captured_queries) == 1  # the one SELECT finding nothing due
    assert len(services.escalate_overdue(today=day + timedelta(days=7))) == 4  # a week on
    assert {t.escalation_level for t in Ticket.objects.filter(pk__in=[t.pk for t in tickets])} == {
        2
    }


def test_saving_a_meeting_unchanged_writes_no_audit_row(world):
    meeting = make_meeting(world)
    same = {"title": meeting.title, "attendees": list(meeting.attendees.all()), "guests": "",
            "agenda": meeting.agenda, "minutes": "", "held_on": meeting.held_on}  # fmt: skip
    rows = AuditLog.objects.filter(action="review_update")
    review_services.meeting_update(actor=world.secretary, meeting=meeting, **same)
    assert not rows.exists()
    review_services.meeting_update(
        actor=world.secretary, meeting=meeting, **{**same, "minutes": "查摆问题三条"}
    )
    assert rows.get().changes["minutes"] == ["", "查摆问题三条"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_meeting_pages_and_api_lists_take_the_same_queries_for_few_or_many(world):
    plan = make_plan(world)
    first = make_meeting(world, plan, held_on=today() - timedelta(days=40))
    make_item(world, first)
    notify_url = reverse("api:notification-list")
    urls = [
        reverse("supervision:meeting_list"),
        reverse("supervision:meeting_list") + f"?plan={plan.pk}",
        reverse("api:review-meeting-list"),
        reverse("api:rectification-item-list"),
        reverse("api:supervision-ticket-list"),
        reverse("notices:notice_list"),
        notify_url,
    ]
    last = make_meeting(world, plan, title="最近一次复盘会")
    urls.append(reverse("supervision:meeting_detail", args=[last.pk]))
    make_ticket(world)
    client = client_for(world.secretary)
    few = [_queries(client, url) for url in urls]
    for i in range(5):
        earlier = make_meeting(world, plan, held_on=today() - timedelta(days=30 - i))
        make_item(world, earlier)
        make_item(world, earlier, done=True)
        make_ticket(world)
    assert [_queries(client, url) for url in urls] == few


def test_the_raise_form_lists_a_bounded_number_of_tasks_but_accepts_any_in_reach(
    world, monkeypatch
):
    from partybrand.supervision import views

    monkeypatch.setattr(views, "TASK_CHOICES", 2)
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
        {"task": tasks[3].pk, "title": "督办任务3", "matter": "请推进。",
         "deadline": (today() + timedelta(days=5)).isoformat(), "assign_owner": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Ticket.objects.get().task == tasks[3]


def test_an_attendee_added_later_is_told_once(world):
    meeting = review_services.meeting_create(
        actor=world.secretary, plan=make_plan(world), title="复盘会", held_on=today(),
        attendees=[world.member],
    )  # fmt: skip
    invited = Notification.objects.filter(kind="meeting")
    assert list(invited.values_list("user", flat=True)) == [world.member.pk]
    for _ in range(2):
        review_services.meeting_update(
            actor=world.secretary, meeting=meeting, attendees=[world.member, world.branch_committee]
        )
    assert sorted(invited.values_list("user", flat=True)) == sorted(
        [world.member.pk, world.branch_committee.pk]
    )
