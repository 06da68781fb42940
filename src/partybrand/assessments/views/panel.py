"""The review panel on an assessment's page, as the level above sees it: the reviewers who may
be put on it, the forms to assign and return, and the preview of finalising. The page is drawn
in views/assessments.py; what the panel posts is handled in views/review.py."""

from django.db.models import Prefetch

from partybrand.assessments.access import reviewers_for
from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.forms import AssignForm, FinaliseForm, ReturnForm
from partybrand.assessments.models import ReviewScore
from partybrand.assessments.services import finalise as services_finalise
from partybrand.indicators.models import Indicator

S = AssessmentStatus


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
