"""Escalation of overdue 督办单: one level at a time, each level told, even when the daily job
ran late; each level once, then further each week; the daily run touches only the tickets it
will move, and the command takes today's date."""

from datetime import timedelta

from django.core.management import call_command

from partybrand.core.models import AuditLog
from partybrand.notices.models import Notification
from partybrand.supervision.models import Ticket
from partybrand.supervision.services import tickets as services
from tests.helpers import count_queries
from tests.permissions.cases.supervision import (
    make_ticket,
    today,
)


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


def test_the_daily_run_touches_only_tickets_it_will_move(world):
    tickets = [make_ticket(world, deadline=today()) for _ in range(4)]
    day = today() + timedelta(days=1)  # a day late: first level
    assert len(services.escalate_overdue(today=day)) == 4
    for later in (day, day + timedelta(days=1), day + timedelta(days=6)):
        moved = []

        def run(later=later, moved=moved):
            moved.extend(services.escalate_overdue(today=later))

        assert count_queries(run) == 1  # the one SELECT finding nothing due
        assert moved == []
    assert len(services.escalate_overdue(today=day + timedelta(days=7))) == 4  # a week on
    assert {t.escalation_level for t in Ticket.objects.filter(pk__in=[t.pk for t in tickets])} == {
        2
    }
