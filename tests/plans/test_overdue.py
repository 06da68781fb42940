"""The overdue list: scoped to the user and in constant queries, filtered by an organisation's
subtree, and linking 下发督办单 for those who may raise one."""

import datetime

from django.urls import reverse

from partybrand.core import clock
from partybrand.plans import services
from tests.factories import PASSWORD
from tests.helpers import assert_queries_flat, client_for
from tests.plans.helpers import START, add_task, template_plan

D = datetime.timedelta


def test_overdue_list_is_scoped_and_query_count_constant(world, plan):
    staff = client_for(world.staff)
    url = reverse("plans:overdue")
    pages = []

    def overdue():
        pages.append(staff.get(url))
        return pages[-1]

    def months_later():  # more and more tasks are overdue
        clock_today = START + D(days=120)
        import partybrand.core.clock as c

        c.today = lambda: clock_today  # monkeypatched by the fixture, restored after

    assert_queries_flat(months_later, overdue)
    few, many = (page.content.decode() for page in pages)
    assert few.count('data-testid="overdue-row"') == 1
    assert (
        client_for(world.outsider).get(url).content.decode().count('data-testid="overdue-row"') == 0
    )
    assert many.count('data-testid="overdue-row"') >= 6


def test_overdue_list_filters_by_an_organisation_subtree(world, plan):
    other = services.plan_create(
        actor=world.outsider, org=world.branch_b, title="支部B工作计划", start=START
    )
    add_task(
        other, world.outsider, "支部B台账整理", owner=world.outsider, checker=world.staff, days=5
    )
    admin = client_for(world.committee_admin)
    url = reverse("plans:overdue")
    everything = admin.get(url).content.decode()
    assert "开展党员群众问卷调查" in everything and "支部B台账整理" in everything
    a_only = admin.get(url, {"org": world.committee_a.pk}).content.decode()
    assert "开展党员群众问卷调查" in a_only and "支部B台账整理" not in a_only
    b_only = admin.get(url, {"org": world.committee_b.pk}).content.decode()
    assert "支部B台账整理" in b_only and "开展党员群众问卷调查" not in b_only
    # the choice lists only organisations the user supervises
    mid = client_for(world.mid_admin).get(url, {"org": world.committee_b.pk}).content.decode()
    assert "甲公司党委" in mid and "乙公司党委" not in mid and "支部B台账整理" not in mid


def test_overdue_rows_link_raise_ticket_for_those_who_may_raise(world, monkeypatch, client):

    monkeypatch.setattr(clock, "today", lambda: START + D(days=25))
    plan = template_plan(world)
    task = plan.tasks.order_by("start", "id").first()  # 问卷调查 ended on day 20: red
    link = f"{reverse('supervision:ticket_create')}?task={task.pk}"
    assert client.login(username=world.staff.username, password=PASSWORD)
    html = client.get(reverse("plans:overdue")).content.decode()
    assert html.count('data-testid="overdue-row"') == 1 and "下发督办单" in html
    assert f'href="{link}"' in html
    assert client.get(link).status_code == 200  # the form opens on that task
    assert client.login(username=world.secretary.username, password=PASSWORD)
    html = client.get(reverse("plans:overdue")).content.decode()
    assert html.count('data-testid="overdue-row"') == 1 and "overdue-raise" not in html
