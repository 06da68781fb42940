"""The review: the panel on an assessment's page for the level above (assigning and removing
reviewers, returning, the preview and finalising), 待我评审, and a reviewer's scoring page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.assessments.access import (
    access_assessment,
    access_assignment,
    access_assignment_to_manage,
    assigned_ids,
    review_managed_q,
    reviewers_for,
    visible_assessments,
)
from partybrand.assessments.choices import AssessmentStatus, AssignmentStatus
from partybrand.assessments.forms import AssignForm, FinaliseForm, ReturnForm, item_rows
from partybrand.assessments.models import Evidence, ReviewerAssignment, ReviewScore
from partybrand.assessments.scoring import by_code, input_from_score
from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.core.forms import error_text, form_error_text, redirect_to
from partybrand.core.pagination import paginate
from partybrand.indicators.models import Indicator
from partybrand.orgs.roles import Cap, holds_anywhere

S = AssessmentStatus


def _back(assessment, anchor: str = ""):
    return redirect_to("assessments:detail", anchor, pk=assessment.pk)


def reviewer_candidates(assessment):
    """Who may still be put on the review: those who may review it and are not on it yet."""
    return (
        reviewers_for(assessment.org)
        .exclude(pk__in=assessment.assignments.values("reviewer_id"))
        .order_by("username")
    )


def review_context(assessment, items, tree, *, manage: bool) -> dict:
    """The review panel of the assessment page: the reviewers (for those who manage the review,
    and for everyone once finalised), the forms to assign and return, and the preview."""
    context = {}
    if manage or assessment.status == S.FINALISED:
        context["assignments"] = list(
            assessment.assignments.select_related("reviewer").prefetch_related(
                "indicators", Prefetch("scores", queryset=ReviewScore.objects.all())
            )
        )
    if manage and assessment.status in (S.SUBMITTED, S.REVIEWING, S.RETURNED):
        context["assign_form"] = AssignForm(
            reviewers=reviewer_candidates(assessment),
            indicators=Indicator.objects.filter(pk__in=[i.indicator_id for i in items]).order_by(
                "code"
            ),
        )
        context["return_form"] = ReturnForm()
    if manage and assessment.status == S.REVIEWING:
        context["preview"] = _preview(assessment, tree, context["assignments"])
        context["finalise_form"] = FinaliseForm()
    return context


def _preview(assessment, tree, assignments):
    """What finalising would give, each item with the reviewers' scores beside it."""
    preview = services_finalise.finalise_preview(assessment, tree)
    scores: dict = {}
    for a in assignments:
        for s in a.scores.all():
            scores.setdefault(s.indicator_id, []).append((a.reviewer, s))
    for result in preview.items:
        result.reviews = scores.get(result.indicator.pk, [])
    return preview


# --- what the level above posts from the assessment page --------------------------------------


@login_required
@require_POST
def assign(request, pk):
    assessment = access_assessment(request.user, pk, manage=True)
    form = AssignForm(
        request.POST,
        reviewers=reviewer_candidates(assessment),
        indicators=Indicator.objects.filter(pk__in=assessment.items.values("indicator_id")),
    )
    if not form.is_valid():
        messages.error(request, "未指派：" + form_error_text(form))
        return _back(assessment, "review")
    try:
        assignment = services_review.reviewer_assign(
            actor=request.user,
            assessment=assessment,
            reviewer=form.cleaned_data["reviewer"],
            indicators=list(form.cleaned_data["indicators"]),
        )
    except ValidationError as exc:
        messages.error(request, "未指派：" + error_text(exc))
    else:
        reviewer = assignment.reviewer
        messages.success(request, f"已指派 {reviewer.display_name or reviewer.username} 评审。")
    return _back(assessment, "review")


@login_required
@require_POST
def reviewer_remove(request, pk):
    assignment = access_assignment_to_manage(request.user, pk)
    reviewer = assignment.reviewer
    try:
        services_review.reviewer_remove(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, "未移除：" + error_text(exc))
    else:
        messages.success(request, f"已移除评审人 {reviewer.display_name or reviewer.username}。")
    return _back(assignment.assessment, "review")


@login_required
@require_POST
def return_for_correction(request, pk):
    assessment = access_assessment(request.user, pk, manage=True)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "未退回：请写明退回修改的原因。")
        return _back(assessment, "review")
    try:
        services_review.assessment_return(
            actor=request.user, assessment=assessment, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, "未退回：" + error_text(exc))
    else:
        messages.success(request, "已退回修改。")
    return _back(assessment)


@login_required
@require_POST
def finalise(request, pk):
    assessment = access_assessment(request.user, pk, manage=True)
    form = FinaliseForm(request.POST)
    form.is_valid()
    try:
        services_finalise.assessment_finalise(
            actor=request.user,
            assessment=assessment,
            acknowledge_divergence=form.cleaned_data.get("acknowledge_divergence", False),
        )
    except ValidationError as exc:
        messages.error(request, "未评定：" + error_text(exc))
    else:
        messages.success(request, "已完成评定。")
    return _back(assessment)


# --- the reviewer's pages ---------------------------------------------------------------------


@login_required
@require_GET
def review_list(request):
    """待我评审: the user's assignments, and (for staff above) assessments awaiting review."""
    user = request.user
    assignments = (
        ReviewerAssignment.objects.filter(reviewer=user)
        .select_related("assessment__org", "assessment__system")
        .order_by("status", "-created_at")
    )
    waiting = None
    if holds_anywhere(user, Cap.MANAGE_REVIEWS):
        waiting = paginate(
            request,
            visible_assessments(user)
            .filter(review_managed_q(user), status__in=[S.SUBMITTED, S.REVIEWING])
            .select_related("org", "system")
            .order_by("submitted_at", "id"),
        )
    return render(
        request,
        "assessments/review_list.html",
        {"assignments": list(assignments[:100]), "waiting": waiting},
    )


def _review_items(assignment):
    assessment = assignment.assessment
    allowed = assigned_ids(assignment)
    items = assessment.items.select_related("indicator").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "id"))
    )
    if allowed is not None:
        items = items.filter(indicator_id__in=allowed)
    return by_code(items)


@login_required
@require_GET
def review(request, pk):
    return _render_review(request, access_assignment(request.user, pk))


def _render_review(request, assignment, posted=None, status=200):
    """The reviewer's page; `posted` (rows of refused scores) keeps what was typed."""
    items = _review_items(assignment)
    mine = {s.indicator_id: s for s in assignment.scores.all()}
    for item in items:
        item.mine = mine.get(item.indicator_id)
        item.entered = input_from_score(item.indicator, item.mine.score if item.mine else None)
        item.comment = item.mine.comment if item.mine else ""
        item.veto_on = item.mine.veto_triggered if item.mine else False
        item.veto_text = item.mine.veto_reason if item.mine else ""
        row = (posted or {}).get(item.indicator_id)
        if row is not None:
            item.entered, item.comment = row["value"], row["text"]
            item.veto_on, item.veto_text = row["veto"], row["veto_reason"]
    assessment = assignment.assessment
    return render(
        request,
        "assessments/review.html",
        {
            "assignment": assignment,
            "assessment": assessment,
            "items": items,
            "can_score": assessment.status == S.REVIEWING,
            "done": assignment.status == AssignmentStatus.DONE,
        },
        status=status,
    )


@login_required
@require_POST
def review_save(request, pk):
    assignment = access_assignment(request.user, pk)
    items = _review_items(assignment)
    rows = item_rows(request.POST, [i.indicator_id for i in items])
    try:
        changed = services_review.review_scores_save(
            actor=request.user, assignment=assignment, rows=rows
        )
    except ValidationError as exc:
        messages.error(request, "未保存：" + error_text(exc))
        return _render_review(request, assignment, posted=rows, status=400)
    messages.success(request, f"已保存评分（{changed} 项有变化）。")
    return redirect("assessments:review", pk=assignment.pk)


@login_required
@require_POST
def review_done(request, pk):
    assignment = access_assignment(request.user, pk)
    try:
        services_review.review_complete(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, "未提交：" + error_text(exc))
        return redirect("assessments:review", pk=assignment.pk)
    messages.success(request, "评审已提交。")
    return redirect("assessments:review_list")
