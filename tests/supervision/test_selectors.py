"""The reads of supervision on their own: what each persona gets from the ticket list and its
filters, what a ticket may be raised on, the meeting list with its counts, the items carried
over, and where the participation page opens; an outsider gets nothing of another branch."""

from datetime import timedelta

import pytest
from django.http import Http404

from partybrand.supervision import selectors
from partybrand.supervision.services import reviews as review_services
from tests.factories import make_user
from tests.permissions.cases.supervision import (
    make_item,
    make_meeting,
    make_plan,
    make_task,
    make_ticket,
    today,
)


def test_ticket_list_is_scoped_and_filtered(world):
    open_ticket = make_ticket(world, stage="assigned")  # handled by the secretary
    archived = make_ticket(world, stage="archived")
    both = [archived, open_ticket]  # newest first
    assert list(selectors.ticket_list(world.staff)) == both
    assert list(selectors.ticket_list(world.secretary, "mine")) == both
    assert list(selectors.ticket_list(world.staff, "mine")) == []
    assert list(selectors.ticket_list(world.staff, "raised")) == both
    assert list(selectors.ticket_list(world.staff, "open")) == [open_ticket]
    assert list(selectors.ticket_list(world.staff, "done")) == [archived]
    assert list(selectors.ticket_list(world.staff, "escalated")) == []
    assert list(selectors.ticket_list(world.staff, "overdue", today=today())) == []
    later = today() + timedelta(days=30)
    assert list(selectors.ticket_list(world.staff, "overdue", today=later)) == [open_ticket]
    assert list(selectors.ticket_list(world.staff, "bogus")) == both
    assert list(selectors.ticket_list(world.outsider)) == []
    assert list(selectors.ticket_list(world.member)) == []


def test_raise_choices_offer_what_the_user_supervises(world):
    task = make_task(world)
    staff = selectors.raise_choices(world.staff)
    assert world.branch_a in staff.orgs and world.branch_b in staff.orgs
    assert list(staff.tasks) == [task] and staff.shown == [task] and staff.preset is None
    assert selectors.raise_choices(world.staff, task_pk=str(task.pk)).preset == task
    outsider = selectors.raise_choices(world.outsider)
    assert list(outsider.orgs) == [] and outsider.shown == []
    with pytest.raises(Http404):  # 支部A's task is out of the outsider's reach
        selectors.raise_choices(world.outsider, task_pk=str(task.pk))


def test_meeting_list_counts_items_and_follows_the_plan(world):
    plan = make_plan(world)
    meeting = make_meeting(world, plan, held_on=today() - timedelta(days=7))
    make_item(world, meeting)
    closed = make_item(world, meeting, done=True)
    review_services.item_verify(actor=world.secretary, item=closed)
    rows = list(selectors.meeting_list(world.member))
    assert rows == [meeting] and (rows[0].item_count, rows[0].open_count) == (2, 1)
    assert list(selectors.meeting_list(world.staff, plan=plan)) == [meeting]
    assert list(selectors.meeting_list(world.staff, plan=make_plan(world, "另一计划"))) == []
    assert list(selectors.meeting_list(world.outsider)) == []
    assert selectors.visible_meeting(world.member, str(meeting.pk)) == meeting
    assert selectors.visible_meeting(world.outsider, str(meeting.pk)) is None
    assert selectors.visible_meeting(world.member, "") is None


def test_open_items_are_listed_for_their_owner_and_carried_into_the_next_meeting(world):
    plan = make_plan(world)
    first = make_meeting(world, plan, held_on=today() - timedelta(days=30))
    still_open = make_item(world, first)
    closed = make_item(world, first, done=True)
    review_services.item_verify(actor=world.secretary, item=closed)
    second = make_meeting(world, plan, held_on=today(), title="第二次复盘会")
    assert list(selectors.my_open_items(world.branch_committee)) == [still_open]
    assert list(selectors.my_open_items(world.secretary)) == []
    assert list(selectors.carried_over(second)) == [still_open]
    assert list(selectors.carried_over(first)) == []
    assert list(selectors.open_items(plan)) == [still_open]
    assert selectors.last_meeting(plan) == second and selectors.meeting_count(plan) == 2
    assert selectors.meeting_items(first) == [still_open, closed]


def test_plans_to_review_are_the_open_plans_the_user_edits(world):
    plan = make_plan(world)
    assert list(selectors.plans_to_review(world.secretary)) == [plan]
    assert list(selectors.plans_to_review(world.member)) == []
    assert list(selectors.plans_to_review(world.outsider)) == []


def test_participation_opens_where_the_user_sees_members(world):
    assert selectors.participation_org(world.mid_admin) == world.committee_a
    assert selectors.participation_org(world.staff) == world.group
    assert selectors.participation_org(world.outsider) == world.branch_b
    assert selectors.participation_org(world.expert) is None
    root = make_user("root", is_superuser=True)
    assert selectors.participation_org(root) == world.group
