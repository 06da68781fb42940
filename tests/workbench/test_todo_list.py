"""The workbench's to-do list: what waits for each person across tasks, tickets and reviews."""

import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partybrand.plans import services as plan_services
from tests.factories import PASSWORD
from tests.helpers import assert_queries_flat, client_for
from tests.permissions.cases.supervision import make_task, make_ticket


def home(user) -> str:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_person_sees_what_waits_for_them_and_the_link_to_it(world):
    today = timezone.localdate()
    late = make_task(world, deadline=today - timedelta(days=2), title="逾期的任务")
    make_task(world, plan=late.plan, title="按期的任务")
    make_ticket(world, assignee="secretary")
    committee_page = home(world.branch_committee)
    assert "逾期未完成的任务" in committee_page and "我负责的进行中任务" in committee_page
    assert reverse("plans:my_tasks") in committee_page
    assert "待我验收的任务" not in committee_page
    secretary_page = home(world.secretary)
    assert "待我办理的督办单" in secretary_page and "逾期未完成的任务" not in secretary_page

    plan_services.task_report(
        actor=world.branch_committee, task=late, percent=100, text="台账已建立并上墙。"
    )
    assert "待我验收的任务" in home(world.secretary)
    assert "目前没有等待您处理" in home(world.outsider)


def test_the_to_do_list_costs_the_same_queries_with_more_work(world):
    make_task(world)
    client = Client()
    assert client.login(username=world.branch_committee.username, password=PASSWORD)

    def more_work():
        for i in range(5):
            make_task(world, title=f"任务{i}")
            make_ticket(world, assignee="branch_committee")

    assert_queries_flat(more_work, lambda: client.get(reverse("home")))


def test_a_task_page_offers_a_supervision_ticket_to_those_above_and_a_plan_its_reviews(world):
    task = make_task(world)

    def page(user, name, pk) -> str:
        client = Client()
        assert client.login(username=user.username, password=PASSWORD)
        return client.get(reverse(name, args=[pk])).content.decode()

    ticket_link = f"{reverse('supervision:ticket_create')}?task={task.pk}"
    assert ticket_link in page(world.staff, "plans:task", task.pk)
    assert ticket_link not in page(world.member, "plans:task", task.pk)
    reviews = f"{reverse('supervision:meeting_list')}?plan={task.plan.pk}"
    assert reviews in page(world.member, "plans:plan_detail", task.plan.pk)


def test_those_who_raise_tickets_see_what_waits_for_them_and_escalations_reach_the_level_above(
    world,
):
    from django.core.management import call_command

    make_ticket(world, assignee=None)
    assert "待我交办的督办单" in home(world.staff)
    make_ticket(world, stage="feedback")
    assert "待我审核反馈的督办单" in home(world.staff)
    assert "逾期升级到本级的督办单" not in home(world.mid_admin)
    make_ticket(world, deadline=timezone.localdate() + timedelta(days=2))
    later = timezone.localdate() + timedelta(days=5)
    call_command("supervision_daily", "--today", later.isoformat())
    assert "逾期升级到本级的督办单" in home(world.mid_admin)


def test_tickets_waiting_to_be_handed_over_open_the_list_of_exactly_those(world):
    waiting = make_ticket(world, stage="raised", assignee=None)
    handed = make_ticket(world, stage="assigned")
    client = client_for(world.staff)
    home = client.get(reverse("home")).content.decode()
    line = re.search(
        r'href="([^"]*f=to_assign)"[^>]*>.*?待我交办的督办单.*?(\d+)</span>', home, re.S
    )
    assert line is not None and line.group(2) == "1"
    listed = client.get(line.group(1).replace("&amp;", "&")).content.decode()
    assert reverse("supervision:ticket_detail", args=[waiting.pk]) in listed
    assert reverse("supervision:ticket_detail", args=[handed.pk]) not in listed
