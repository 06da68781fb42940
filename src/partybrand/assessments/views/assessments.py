"""Pages of an assessment as a whole: 我的测评 (the list and starting one), an assessment's page
(the branch's self-assessment form, and the review panel for the level above) and its exports.
What is posted from the page lives in views_self.py (the branch) and views_review.py (the
review); the results pages in views_results.py."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.assessments import documents
from partybrand.assessments.access import (
    NOT_EDITOR,
    access_assessment,
    can_manage_review,
    can_self_assess,
    sees_whole,
    visible_assessments,
)
from partybrand.assessments.choices import EDITABLE, AssessmentStatus
from partybrand.assessments.forms import StartForm
from partybrand.assessments.models import Evidence
from partybrand.assessments.report import report_spec
from partybrand.assessments.scoring import input_from_score
from partybrand.assessments.services import self_assessment as services_self
from partybrand.assessments.tree import indicator_tree
from partybrand.assessments.views.panel import review_context
from partybrand.core import clock
from partybrand.core.files import DOCX, download, xlsx_download
from partybrand.core.forms import VersionForm, form_action
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.documents.layout import render_docx
from partybrand.indicators.access import visible_systems
from partybrand.indicators.choices import SystemStatus
from partybrand.orgs.access import access_org
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, can, paths_with, scope_q

S = AssessmentStatus


def _start_form(user, data=None):
    orgs = Organization.objects.filter(scope_q(user, Cap.EDIT_BRAND), is_active=True)
    systems = (
        visible_systems(user)
        .filter(status=SystemStatus.PUBLISHED)
        .order_by("kind", "code", "-version")
    )
    return StartForm(data, orgs=orgs.order_by("path"), systems=systems)


@login_required
@require_GET
def my_list(request):
    """我的测评: the assessments of the organisations in the user's reach, newest first."""
    return _render_list(request)


def _render_list(request, form=None):
    """The list with the start form (bound to what was posted when it was refused)."""
    rows = (
        visible_assessments(request.user)
        .filter(scope_q(request.user, Cap.VIEW_BRANDS, "org__path"))
        .select_related("org", "system")
        .order_by("-period_start", "org__path", "id")
    )
    state = request.GET.get("status", "")
    if state in S.values:
        rows = rows.filter(status=state)
    may_start = request.user.is_superuser or bool(paths_with(request.user, Cap.EDIT_BRAND))
    return render(
        request,
        "assessments/my_list.html",
        {
            "page": paginate(request, rows),
            "status": state,
            "statuses": S.choices,
            "form": form or (_start_form(request.user) if may_start else None),
        },
    )


@login_required
@require_POST
def start(request):
    raw = request.POST.get("org", "")
    org = access_org(request.user, int(raw) if is_id(raw) else 0)  # 404 outside
    if not can(request.user, Cap.EDIT_BRAND, org.path):
        raise PermissionDenied(NOT_EDITOR)
    return form_action(
        request,
        _start_form(request.user, request.POST),
        lambda data: services_self.assessment_start(actor=request.user, **data),
        success=lambda a: f"已开始{a.period}自评，请逐项填写得分并上传佐证材料。",
        done=lambda a: redirect("assessments:detail", pk=a.pk),
        page=lambda form: _render_list(request, form),
        failed="未创建：",
    )


def _groups(assessment, items):
    """Items grouped under their 一级 dimension, in the system's order."""
    tree = indicator_tree(assessment.system)
    by_leaf = {i.indicator_id: i for i in items}
    groups = []
    for top in tree.dimensions:
        rows = [
            by_leaf[leaf.pk]
            for leaf in tree.leaves
            if tree.top_of[leaf.pk].pk == top.pk and leaf.pk in by_leaf
        ]
        if rows:
            groups.append({"dimension": top, "items": rows, "parents": tree.nodes})
    return groups, tree


@login_required
@require_GET
def detail(request, pk):
    assessment = access_assessment(request.user, pk)
    if not sees_whole(request.user, assessment):  # an assigned reviewer only: their own page
        assignment = assessment.assignments.filter(reviewer=request.user).first()
        if assignment is not None:
            return redirect("assessments:review", pk=assignment.pk)
    return render_detail(request, assessment)


def render_detail(request, assessment, posted=None, version_form=None, **forms):
    """The assessment page; `posted` (rows of a refused self-assessment) replaces the stored
    values in the form so nothing typed is lost, with its `version_form` (the version it was
    opened at, and the other person's change when it came too late); `forms` (assign_form,
    return_form, finalise_form) are the review panel's refused forms as typed."""
    user = request.user
    items = list(
        assessment.items.select_related("indicator").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "id"))
        )
    )
    for item in items:
        item.entered = input_from_score(item.indicator, item.self_score)
        row = (posted or {}).get(item.indicator_id)
        if row is not None:
            item.entered, item.note = row["value"], row["text"]
            item.veto_triggered, item.veto_reason = row["veto"], row["veto_reason"]
    groups, tree = _groups(assessment, items)
    can_edit = can_self_assess(user, assessment) and assessment.status in EDITABLE
    manage = can_manage_review(user, assessment)
    context = {
        "assessment": assessment,
        "groups": groups,
        "can_edit": can_edit,
        "can_manage": manage,
        "problems": services_self.submit_problems(assessment) if can_edit else [],
        "version_form": version_form or VersionForm(version=assessment.version),
        **review_context(assessment, items, tree, manage=manage),
    }
    if assessment.status == S.FINALISED:
        context["dimensions"] = list(assessment.dimensions.order_by("position", "id"))
    context.update(forms)
    return render(request, "assessments/detail.html", context)


def _whole_assessment(request, pk):
    assessment = access_assessment(request.user, pk)
    if not sees_whole(request.user, assessment):
        raise PermissionDenied("评审专家请在评审页面查看指派给您的指标。")
    return assessment


@login_required
@require_GET
def export_xlsx(request, pk):
    assessment = _whole_assessment(request, pk)
    content = documents.score_sheet(assessment)
    return xlsx_download(content, f"{assessment.org.name}{assessment.period}测评评分表.xlsx")


@login_required
@require_GET
def export_docx(request, pk):
    assessment = _whole_assessment(request, pk)
    spec = report_spec(assessment, today=clock.today())
    name = f"{assessment.org.name}{assessment.period}{spec.title}.docx"
    return download(render_docx(spec), name, DOCX)
