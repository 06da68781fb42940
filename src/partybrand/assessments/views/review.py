"""The review: what the level above posts from an assessment's page (assigning and removing
reviewers, returning, finalising; the panel itself is views/panel.py), 待我评审, and a reviewer's
scoring page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.assessments.access import (
    access_assessment,
    access_assignment,
    access_assignment_to_manage,
    assigned_ids,
    review_managed_q,
    visible_assessments,
)
from partybrand.assessments.choices import AssessmentStatus, AssignmentStatus
from partybrand.assessments.forms import AssignForm, FinaliseForm, ReturnForm, item_rows
from partybrand.assessments.models import Evidence, ReviewerAssignment
from partybrand.assessments.scoring import by_code, input_from_score
from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.assessments.views.assessments import render_detail
from partybrand.assessments.views.panel import reviewer_candidates
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.pagination import paginate
from partybrand.indicators.models import Indicator
from partybrand.orgs.roles import Cap, holds_anywhere

S = AssessmentStatus


def _back(assessment, anchor: str = ""):
    return redirect_to("assessments:detail", anchor, pk=assessment.pk)


# --- what the level above posts from the assessment page --------------------------------------


def _panel_form(request, assessment, form, call, *, success, slot: str, failed: str, anchor=""):
    """A form of the review panel: back to the assessment on success, the page with the form as
    typed if refused."""
    return form_action(
        request,
        form,
        call,
        success=success,
        done=_back(assessment, anchor),
        page=lambda form: _detail_page(request, assessment, **{slot: form}),
        failed=failed,
    )


def _detail_page(request, assessment, **forms):
    return render_detail(request, access_assessment(request.user, assessment.pk), **forms)


@login_required
@require_POST
def assign(request, pk):
    assessment = access_assessment(request.user, pk, manage=True)
    form = AssignForm(
        request.POST,
        reviewers=reviewer_candidates(assessment),
        indicators=Indicator.objects.filter(pk__in=assessment.items.values("indicator_id")),
    )
    return _panel_form(
        request,
        assessment,
        form,
        lambda data: services_review.reviewer_assign(
            actor=request.user,
            assessment=assessment,
            reviewer=data["reviewer"],
            indicators=list(data["indicators"]),
        ),
        success=lambda a: f"已指派 {a.reviewer.display_name or a.reviewer.username} 评审。",
        slot="assign_form",
        failed="未指派：",
        anchor="review",
    )


@login_required
@require_POST
def reviewer_remove(request, pk):
    assignment = access_assignment_to_manage(request.user, pk)
    reviewer = assignment.reviewer
    return form_action(
        request,
        None,
        lambda _: services_review.reviewer_remove(actor=request.user, assignment=assignment),
        success=f"已移除评审人 {reviewer.display_name or reviewer.username}。",
        done=_back(assignment.assessment, "review"),
        failed="未移除：",
    )


@login_required
@require_POST
def return_for_correction(request, pk):
    assessment = access_assessment(request.user, pk, manage=True)
    return _panel_form(
        request,
        assessment,
        ReturnForm(request.POST),
        lambda data: services_review.assessment_return(
            actor=request.user, assessment=assessment, reason=data["reason"]
        ),
        success="已退回修改。",
        slot="return_form",
        failed="未退回：",
    )


@login_required
@require_POST
def finalise(request, pk):
    assessment = access_assessment(request.user, pk, manage=True)
    return _panel_form(
        request,
        assessment,
        FinaliseForm(request.POST),
        lambda data: services_finalise.assessment_finalise(
            actor=request.user,
            assessment=assessment,
            acknowledge_divergence=data["acknowledge_divergence"],
        ),
        success="已完成评定。",
        slot="finalise_form",
        failed="未评定：",
    )


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


def _render_review(request, assignment, posted=None):
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
    )


@login_required
@require_POST
def review_save(request, pk):
    assignment = access_assignment(request.user, pk)
    items = _review_items(assignment)
    rows = item_rows(request.POST, [i.indicator_id for i in items])
    return form_action(
        request,
        None,
        lambda _: services_review.review_scores_save(
            actor=request.user, assignment=assignment, rows=rows
        ),
        success=lambda changed: f"已保存评分（{changed} 项有变化）。",
        done=redirect("assessments:review", pk=assignment.pk),
        page=lambda _: _render_review(request, assignment, posted=rows),
    )


@login_required
@require_POST
def review_done(request, pk):
    assignment = access_assignment(request.user, pk)
    return form_action(
        request,
        None,
        lambda _: services_review.review_complete(actor=request.user, assignment=assignment),
        success="评审已提交。",
        done=redirect("assessments:review_list"),
        page=redirect("assessments:review", pk=assignment.pk),
        failed="未提交：",
    )
