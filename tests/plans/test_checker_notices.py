"""Who is told they check a task: only the real checker of each task, and the notice moves
when the checker changes."""

from django.urls import reverse

from partybrand.notices.models import Notification
from partybrand.plans import services
from partybrand.plans.models import Task
from tests.plans.helpers import START


def _checker_notices(user):
    return Notification.objects.filter(user=user, kind="assigned", title__endswith="的验收人")


def test_template_assign_notifies_only_the_real_owner_and_checker(world):
    def assign(i, _spec):
        if i < 3:
            return {"owner": world.member, "checker": world.secretary, "post": "党员"}
        return {}  # the defaults: member owns, branch committee checks

    plan = services.plan_from_template(
        actor=world.secretary,
        org=world.branch_a,
        brand=world.brand,
        code="five_parts",
        start=START,
        owner=world.member,
        checker=world.branch_committee,
        assign=assign,
    )
    assert plan.tasks.filter(checker=world.secretary).count() == 3
    assert _checker_notices(world.secretary).count() == 3
    assert _checker_notices(world.branch_committee).count() == 14
    assert set(plan.tasks.filter(checker=world.secretary).values_list("post", flat=True)) == {
        "党员"
    }


def test_reassigning_the_checker_moves_the_notice(world):
    plan = services.plan_from_template(
        actor=world.secretary,
        org=world.branch_a,
        brand=world.brand,
        code="five_parts",
        start=START,
        owner=world.member,
        checker=world.branch_committee,
    )
    task = plan.tasks.order_by("start", "id").first()
    assert _checker_notices(world.branch_committee).count() == 17
    services.task_update(actor=world.secretary, task=task, checker=world.secretary)
    # the new checker is told; the former one no longer holds a "you are checker" notice
    assert list(_checker_notices(world.secretary).values_list("url", flat=True)) == [
        reverse("plans:task", args=[task.pk])
    ]
    assert _checker_notices(world.branch_committee).count() == 16
    assert (
        not _checker_notices(world.branch_committee)
        .filter(url=reverse("plans:task", args=[task.pk]))
        .exists()
    )
    # handed back: the first checker is told again
    services.task_update(
        actor=world.secretary, task=Task.objects.get(pk=task.pk), checker=world.branch_committee
    )
    assert _checker_notices(world.branch_committee).count() == 17
    assert _checker_notices(world.secretary).count() == 0
