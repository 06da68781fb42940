"""Tasks and their milestones: subtasks cannot form a cycle, a done milestone keeps its date, and
a task reported complete is not behind once its deadline passes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partybrand.core import clock
from partybrand.core.models import AuditLog
from partybrand.plans import services
from partybrand.plans.models import Milestone, Task
from tests.helpers import client_for
from tests.plans.helpers import START, first_task

D = datetime.timedelta


def test_subtasks_cannot_form_a_cycle(world, plan):
    a, b, c = plan.tasks.order_by("start", "id")[:3]
    services.task_update(actor=world.secretary, task=b, parent=a)
    services.task_update(actor=world.secretary, task=c, parent=b)
    with pytest.raises(ValidationError, match="上级任务不能是任务本身或其子任务"):
        services.task_update(actor=world.secretary, task=a, parent=c)


def test_a_done_milestone_keeps_its_date(world, plan, monkeypatch):
    milestone = first_task(plan).milestones.order_by("due").first()
    client = client_for(world.member)
    url = reverse("plans:milestone_done", args=[milestone.pk])
    client.post(url)
    milestone.refresh_from_db()
    first = milestone.done_on
    assert first == START + D(days=25)
    monkeypatch.setattr(clock, "today", lambda: START + D(days=40))
    page = client.post(url, follow=True).content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on == first and "该节点已确认完成" in page


def test_a_milestone_confirmed_by_two_requests_at_once_is_confirmed_once(world, plan):
    # Both requests loaded the node before either confirmed it (a double click).
    milestone = first_task(plan).milestones.order_by("due").first()
    loaded_twice = [Milestone.objects.get(pk=milestone.pk) for _ in range(2)]
    services.milestone_done(actor=world.member, milestone=loaded_twice[0])
    with pytest.raises(ValidationError, match="该节点已确认完成"):
        services.milestone_done(actor=world.member, milestone=loaded_twice[1])
    rows = AuditLog.objects.filter(action="task_milestone_done", object_id=str(milestone.task_id))
    assert rows.count() == 1


def test_a_task_reported_complete_is_not_behind_after_its_deadline(world, plan):
    from partybrand.plans.colours import colour_case, task_colour

    task = first_task(plan)  # 03-02 → 03-22, margin 10
    services.task_report(actor=world.member, task=task, percent=100, text="完成", today=START)
    task = Task.objects.select_related("plan").get(pk=task.pk)
    for offset in (21, 25, 60):  # waiting for the checker after the deadline
        today = START + D(days=offset)
        sql = Task.objects.annotate(c=colour_case(today)).get(pk=task.pk).c
        assert task_colour(task, today) == sql == "green", offset
