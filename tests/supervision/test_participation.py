"""Participation equals the work entered (tasks verified or closed, items closed, meetings
attended, named survey answers), aggregated with a constant number of queries; a meeting still
to come is not counted as attended, nor the work of a member who left the branch."""

from datetime import timedelta

from django.urls import reverse

from partybrand.plans import services as plan_services
from partybrand.supervision import participation
from partybrand.supervision.services import reviews as review_services
from tests.factories import make_member
from tests.helpers import assert_queries_flat, client_for
from tests.permissions.cases.supervision import (
    make_item,
    make_meeting,
    make_plan,
    make_task,
    today,
)


def finish(world, task):
    plan_services.task_report(actor=task.owner, task=task, percent=100, text="已完成")
    plan_services.task_verify(actor=world.secretary, task=task)


def committee_member(world):
    member = make_member(world.branch_a, "赵支委")
    member.user = world.branch_committee
    member.save(update_fields=["user"])
    return member


def test_numbers_equal_the_work_entered(world):
    committee_member(world)
    plan = make_plan(world)
    done = [make_task(world, plan, title=f"任务{i}") for i in range(3)]
    make_task(world, plan, title="未完成的任务")
    for task in done[:2]:
        finish(world, task)
    meeting = make_meeting(world, plan)  # attendees: secretary, branch_committee, member
    item = make_item(world, meeting, done=True)
    review_services.item_verify(actor=world.secretary, item=item)
    make_item(world, meeting)  # open: does not count
    rows = {row.name: row for row in participation.member_rows(world.branch_a)}
    zhao, li = rows["赵支委"], rows["李党员"]
    assert (zhao.tasks, zhao.items, zhao.meetings) == (2, 1, 1)
    assert (li.tasks, li.items, li.meetings) == (0, 0, 1)
    assert zhao.score == 2 * 3 + 1 * 2 + 1
    branches = {row.org.name: row for row in participation.branch_rows(world.group)}
    a, b = branches["支部A"], branches["支部B"]
    assert (a.members, a.active, a.tasks, a.items, a.meetings) == (2, 2, 2, 1, 2)
    assert (b.members, b.tasks, b.score) == (0, 0, 0)
    assert list(branches)[0] == "支部A"


def test_page_queries_constant_and_members_see_only_their_branch(world):
    committee_member(world)
    client = client_for(world.staff)

    def work_done():
        plan = make_plan(world)
        for i in range(4):
            finish(world, make_task(world, plan, title=f"任务{i}"))
            make_meeting(world, plan, held_on=today() - timedelta(days=i))

    page = lambda: client.get(reverse("supervision:participation"))  # noqa: E731
    assert assert_queries_flat(work_done, page) <= 14
    html = page().content.decode()
    assert "支部A" in html and "支部B" in html
    member = client_for(world.member)
    page = member.get(reverse("supervision:participation")).content.decode()
    assert "赵支委" in page and "支部B" not in page and "13812345678" not in page
    url = reverse("supervision:participation") + f"?org={world.branch_b.pk}"
    assert member.get(url).status_code == 404


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
