"""Results pages: one organisation (radar, gap list, trend) and a committee's subtree (star
distribution, heat map of the direct children with drill-down, organisations below the
threshold). Every figure is a SQL aggregate; query counts do not grow with the subtree."""

from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.assessments import selectors
from partybrand.assessments.access import access_results_org, can_set_policy
from partybrand.assessments.forms import PolicyForm
from partybrand.assessments.services import finalise as services_finalise
from partybrand.core.forms import form_action
from partybrand.core.pagination import paginate
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, can, paths_with

DEFAULT_THRESHOLD = Decimal("60")


@login_required
@require_GET
def results_home(request):
    """测评结果: the committee page of the user's outermost organisation."""
    user = request.user
    paths = paths_with(user, Cap.VIEW_BRANDS)
    org = (
        Organization.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()
        if user.is_superuser
        else Organization.objects.filter(path__in=paths[:1]).first()
    )
    if org is None:
        raise Http404("没有可查看的测评结果。")
    return redirect("assessments:committee_results", pk=org.pk)


def _system_code(request):
    code = request.GET.get("system") or selectors.standard_code()
    choices = selectors.system_choices()
    if code not in dict(choices):
        code = choices[0][0] if choices else None
    return code, choices


@login_required
@require_GET
def org_results(request, pk):
    org = access_results_org(request.user, pk)
    code, choices = _system_code(request)
    data = selectors.org_results(org, code, request.GET.get("period") or None) if code else {}
    assessment = data.get("assessment")
    policy = selectors.nearest_policy(org, code) if code else None
    chart = {
        "dimensions": data.get("dimensions", []),
        "trend": data.get("trend", []),
        "peer": data.get("peer").org.name if data.get("peer") else None,
        "parent": org.parent.name if org.parent_id else None,
    }
    return render(
        request,
        "assessments/org_results.html",
        {
            "org": org,
            "parent_link": results_parent(request.user, org),
            "system_code": code,
            "systems": choices,
            "data": data,
            "assessment": assessment,
            "policy": policy,
            "below": selectors.below_standard(assessment, policy),
            "chart": chart,
        },
    )


def _threshold(request, org, code):
    policy = selectors.nearest_policy(org, code)
    raw = (request.GET.get("threshold") or "").strip()[:20]
    try:
        value = Decimal(raw) if raw else None
    except InvalidOperation:
        value = None
    # Only a score a table can have: NaN, infinities and absurd values fall back to the policy.
    if value is not None and value.is_finite() and 0 <= value <= 1000:
        return value.quantize(Decimal("0.01")), policy
    return (policy.min_score if policy else DEFAULT_THRESHOLD), policy


@login_required
@require_GET
def committee_results(request, pk):
    return _committee_page(request, access_results_org(request.user, pk))


def _committee_page(request, org, *, policy_form=None):
    """A committee's results; a refused 达标线 comes back in `policy_form` as typed."""
    code, choices = _system_code(request)
    periods = selectors.periods(org, code) if code else []
    period = request.GET.get("period")
    if period not in periods:
        period = periods[0] if periods else None
    threshold, policy = _threshold(request, org, code)
    children = paginate(
        request,
        Organization.objects.filter(parent=org, is_active=True).order_by("sort_order", "path"),
        selectors.HEAT_ROWS,
    )
    context = {
        "org": org,
        "parent_link": results_parent(request.user, org),
        "system_code": code,
        "systems": choices,
        "periods": periods,
        "period": period,
        "threshold": threshold,
        "policy": policy,
        "children": children,
        "can_set_policy": can_set_policy(request.user, org),
        "policy_form": policy_form
        or PolicyForm(
            initial={"system_code": code, "min_score": policy.min_score if policy else None},
            # this committee's own threshold (the nearest may be one set above): 0 for none yet
            version=policy.version if policy and policy.org_id == org.pk else 0,
        ),
    }
    if period:
        columns = selectors.dimension_columns(org, code, period)
        rows = selectors.heat_map(org, list(children.object_list), code, period)
        below = Paginator(selectors.below_threshold(org, code, period, threshold), 20).get_page(
            request.GET.get("below_page")
        )
        stars = selectors.star_distribution(org, code, period)
        context.update(
            columns=columns,
            heat_rows=rows,
            below=below,
            stars=stars,
            summary=selectors.subtree_summary(org, code, period),
            chart={
                "stars": [{"name": b.label, "value": b.count} for b in stars],
                "columns": [name for _c, name in columns],
                "rows": [r["org"].short_name or r["org"].name for r in rows],
                "cells": [
                    [ci, ri, float(r["cells"][c]) if c in r["cells"] else None]
                    for ri, r in enumerate(rows)
                    for ci, (c, _n) in enumerate(columns)
                ],
            },
        )
    return render(request, "assessments/committee_results.html", context)


@login_required
@require_POST
def policy_save(request, pk):
    org = access_results_org(request.user, pk)
    if not can_set_policy(request.user, org):
        raise PermissionDenied("只有本级党组织的管理员或党建工作部可以设置达标线。")
    return form_action(
        request,
        PolicyForm(request.POST, version=0),
        lambda data: services_finalise.policy_set(actor=request.user, org=org, **data),
        success=lambda policy: f"已将达标线设为 {policy.min_score} 分。",
        done=redirect("assessments:committee_results", pk=org.pk),
        page=lambda form: _committee_page(request, org, policy_form=form),
    )


def results_parent(user, org):
    """The organisation above, for the breadcrumb, when the user may open its results."""
    parent = org.parent
    if parent is None or not parent.is_active or not can(user, Cap.VIEW_BRANDS, parent.path):
        return None
    return parent
