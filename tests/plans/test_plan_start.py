"""Starting a plan (启动计划): the service moves a draft into execution with an audit row, the
plan page offers it to editors only, and a template plan may start at once from the create form."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partybrand.core.models import AuditLog
from partybrand.plans import services
from partybrand.plans.models import Plan
from tests.helpers import client_for

D = datetime.timedelta


def test_plan_start_service_moves_a_draft_into_execution_with_an_audit_row(world, plan):
    assert plan.status == "draft"
    with pytest.raises(PermissionDenied):
        services.plan_start(actor=world.member, plan=plan)
    services.plan_start(actor=world.secretary, plan=plan)
    plan.refresh_from_db()
    assert plan.status == "active"
    row = AuditLog.objects.get(action="plan_start", object_id=str(plan.pk))
    assert row.changes["status"] == ["draft", "active"]
    with pytest.raises(ValidationError, match="只有草拟状态的计划可以启动"):
        services.plan_start(actor=world.secretary, plan=plan)
    empty = services.plan_create(actor=world.secretary, org=world.branch_a, title="空白计划")
    with pytest.raises(ValidationError, match="请先分派至少一项任务"):
        services.plan_start(actor=world.secretary, plan=empty)


def test_start_button_on_the_plan_page_for_editors_only(world, plan):
    url = reverse("plans:plan_detail", args=[plan.pk])
    member_page = client_for(world.member).get(url).content.decode()
    assert 'data-testid="plan-draft"' in member_page and "plan-start" not in member_page
    secretary = client_for(world.secretary)
    assert 'data-testid="plan-start"' in secretary.get(url).content.decode()
    page = secretary.post(reverse("plans:plan_start", args=[plan.pk]), follow=True)
    html = page.content.decode()
    assert "计划已启动" in html and 'data-testid="plan-draft"' not in html
    assert Plan.objects.get(pk=plan.pk).status == "active"


def test_a_template_plan_can_start_at_once_from_the_create_form(world):
    response = client_for(world.secretary).post(
        reverse("plans:plan_create"),
        {
            "org": world.branch_a.pk,
            "brand": world.brand.pk,
            "template": "five_parts",
            "start": "2026-03-02",
            "owner": world.member.pk,
            "checker": world.branch_committee.pk,
            "activate": "on",
        },
    )
    assert response.status_code == 302
    plan = world.brand.plans.get()
    assert plan.status == "active" and plan.tasks.count() == 17
    assert AuditLog.objects.filter(action="plan_start", object_id=str(plan.pk)).exists()
