"""The reads of plans on their own: what each persona gets from the plan list, my tasks, the API's
task list, the overdue list and its filter, the new-plan choices and a plan's phases; an outsider
gets nothing of another branch."""

import datetime

from partybrand.plans import selectors, services
from partybrand.plans.models import Task
from tests.plans.helpers import START, add_task

DAY = START + datetime.timedelta(days=25)  # the `plan` fixture's day: 问卷调查 is red


def test_plan_list_counts_tasks_per_row_and_an_outsider_gets_nothing(world, plan):
    rows = list(selectors.plan_list(world.member, today=DAY))
    assert rows == [plan]
    assert (rows[0].task_total, rows[0].task_done, rows[0].task_red) == (17, 0, 1)
    assert list(selectors.plan_list(world.staff, q="支部A", today=DAY)) == [plan]
    assert list(selectors.plan_list(world.staff, q="无此计划", today=DAY)) == []
    assert list(selectors.plan_list(world.staff, status="closed", today=DAY)) == []
    assert list(selectors.plan_list(world.staff, status="bogus", kind="bogus", today=DAY)) == [plan]
    assert list(selectors.plan_list(world.outsider, today=DAY)) == []
    assert list(selectors.plan_list(world.expert, today=DAY)) == []


def test_my_tasks_are_owned_or_checked_and_closed_ones_only_when_asked(world, plan):
    owned = list(selectors.my_tasks(world.member, role="owner", show_all=False, today=DAY))
    assert len(owned) == 17 and all(t.owner == world.member for t in owned)
    assert [t.deadline for t in owned] == sorted(t.deadline for t in owned)
    assert owned[0].colour == "red"
    checked = selectors.my_tasks(world.branch_committee, role="checker", show_all=False, today=DAY)
    assert checked.count() == 17
    assert not selectors.my_tasks(world.branch_committee, role="owner", show_all=True, today=DAY)
    Task.objects.filter(pk=owned[0].pk).update(status="closed")
    assert selectors.my_tasks(world.member, role="owner", show_all=False, today=DAY).count() == 16
    assert selectors.my_tasks(world.member, role="owner", show_all=True, today=DAY).count() == 17


def test_waiting_checks_counts_reported_tasks_of_the_checker(world, plan):
    task = plan.tasks.order_by("start", "id").first()
    assert selectors.waiting_checks(world.branch_committee) == 0
    services.task_report(actor=world.member, task=task, percent=100, text="已完成", today=DAY)
    assert selectors.waiting_checks(world.branch_committee) == 1
    assert selectors.waiting_checks(world.member) == 0  # the owner is not the checker


def test_task_list_of_the_api_narrows_by_plan_colour_and_mine(world, plan):
    assert selectors.task_list(world.staff, today=DAY).count() == 17
    red = list(selectors.task_list(world.staff, today=DAY, colour="red"))
    assert [t.title for t in red] == ["开展党员群众问卷调查"]
    assert selectors.task_list(world.staff, today=DAY, colour="purple").count() == 17
    assert selectors.task_list(world.staff, today=DAY, plan=plan.pk + 1).count() == 0
    assert selectors.task_list(world.member, today=DAY, mine="owner").count() == 17
    assert selectors.task_list(world.member, today=DAY, mine="checker").count() == 0
    assert selectors.task_list(world.outsider, today=DAY).count() == 0


def test_overdue_tasks_follow_scope_and_the_chosen_subtree(world, plan):
    other = services.plan_create(actor=world.outsider, org=world.branch_b, title="支部B计划")
    add_task(other, world.outsider, "支部B台账", owner=world.outsider, checker=world.staff, days=5)
    admin = world.committee_admin
    titles = {t.title for t in selectors.overdue_tasks(admin, org=None, today=DAY)}
    assert titles == {"开展党员群众问卷调查", "支部B台账"}
    a_only = selectors.overdue_tasks(admin, org=world.committee_a, today=DAY)
    assert [t.title for t in a_only] == ["开展党员群众问卷调查"]
    outsider = selectors.overdue_tasks(world.outsider, org=None, today=DAY)
    assert [t.title for t in outsider] == ["支部B台账"]


def test_the_overdue_filter_offers_only_supervised_organisations(world, plan):
    assert selectors.supervised_org(world.staff, str(world.committee_a.pk)) == world.committee_a
    assert selectors.supervised_org(world.mid_admin, world.committee_b.pk) is None
    assert selectors.supervised_org(world.staff, "abc") is None
    choices = selectors.overdue_org_choices(world.mid_admin, None)
    assert [(o.name, o.indent) for o in choices] == [
        ("甲公司党委", ""),
        ("甲公司机关党总支", "\u3000"),
    ]
    assert selectors.overdue_org_choices(world.outsider, None) == []  # 支部B has no subordinates


def test_new_plan_choices_offer_what_the_user_may_create_for(world, plan):
    assert selectors.new_plan_choices(world.member) is None
    assert selectors.new_plan_choices(world.expert) is None
    mine = selectors.new_plan_choices(world.secretary, brand_id=str(world.brand.pk))
    assert list(mine.orgs) == [world.branch_a] and mine.org == world.branch_a
    assert mine.brand == world.brand and world.secretary in mine.people
    outsider = selectors.new_plan_choices(
        world.outsider, org_id=world.branch_a.pk, brand_id=world.brand.pk
    )
    assert outsider.org == world.branch_b and outsider.brand is None  # 支部A's out of reach
    assert list(outsider.brands) == [] and world.secretary not in outsider.people


def test_plan_phases_put_every_task_in_its_phase_with_colour_counts(world, plan):
    phases, loose, counts = selectors.plan_phases(plan, today=DAY)
    assert [p.name for p in phases][:1] == ["找准品牌定位"]
    assert loose == [] and sum(len(p.task_list) for p in phases) == 17
    assert counts["red"] == 1 and sum(counts.values()) == 17
    assert all(t.phase_id == p.pk for p in phases for t in p.task_list)


def test_board_plans_put_plans_in_execution_first_and_leave_closed_ones_out(world, plan):
    services.plan_start(actor=world.secretary, plan=plan)
    draft = services.plan_create(actor=world.secretary, org=world.branch_a, title="新计划")
    assert list(selectors.board_plans(world.secretary)) == [plan, draft]
    services.plan_update(actor=world.secretary, plan=draft, status="closed")
    assert list(selectors.board_plans(world.secretary)) == [plan]
    assert list(selectors.board_plans(world.outsider)) == []
