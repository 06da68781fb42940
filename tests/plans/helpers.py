"""Shared builders of the plans tests (made through the plans services)."""

import datetime

from partybrand.plans import services
from partybrand.plans.models import Task
from tests.helpers import pdf_bytes

__all__ = ["START", "add_task", "first_task", "pdf_bytes", "template_plan"]

START = datetime.date(2026, 3, 2)
D = datetime.timedelta


def template_plan(world, *, start=START):
    """支部A's brand plan from the five-part template: every task owned by the member (李党员)
    and checked by the branch committee member (赵支委)."""
    return services.plan_from_template(
        actor=world.secretary,
        org=world.branch_a,
        brand=world.brand,
        code="five_parts",
        start=start,
        owner=world.member,
        checker=world.branch_committee,
    )


def first_task(plan) -> Task:
    return plan.tasks.order_by("start", "id").first()


def add_task(plan, actor, title, *, owner, checker, start=START, days=30) -> Task:
    return services.task_create(
        actor=actor,
        plan=plan,
        title=title,
        duty="按计划推进。",
        standard="按期完成。",
        owner=owner,
        checker=checker,
        start=start,
        deadline=start + D(days=days),
    )
