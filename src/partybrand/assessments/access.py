"""Who may see and do what with assessments.

- Seeing: everyone with Cap.VIEW_BRANDS over the assessed organisation (its members read, the
  committees above see their subtree), plus reviewers assigned to the assessment.
- Self-assessing: Cap.EDIT_BRAND over the organisation (the branch secretary and 支委).
- Managing the review (assigning reviewers, returning, finalising): Cap.MANAGE_REVIEWS held
  strictly above the organisation (committee staff), like brand reviews (brands/lifecycle.py,
  where="above"), so nobody finalises their own organisation's score. `manages_review_of` in
  Python, `review_managed_q` in SQL.
- Being a reviewer: Cap.REVIEW_ASSESSMENTS held strictly above the organisation (experts and
  committee staff), never someone of the organisation itself. `may_review` in Python,
  `reviewers_for` in SQL (the list to choose from).
- Scoring as a reviewer: only through one's own assignment; experts see nothing else.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from partybrand.assessments.models import Assessment, Evidence, ReviewerAssignment
from partybrand.core.models import User
from partybrand.orgs.access import access_org
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.roles import (
    Cap,
    belongs_within,
    can,
    has_cap_over,
    scope_q,
    users_with,
)
from partybrand.orgs.tree import ancestor_paths, subtree_q

NOT_EDITOR = "您没有权限填写该组织的自评。"
NOT_MANAGER = "只有上级党组织的管理员或党建工作部可以组织评审。"


def visible_assessments(user):
    if not user.is_authenticated:
        return Assessment.objects.none()
    query = scope_q(user, Cap.VIEW_BRANDS, "org__path")
    if not user.is_superuser:
        query |= Q(pk__in=ReviewerAssignment.objects.filter(reviewer=user).values("assessment_id"))
    return Assessment.objects.filter(query)


def can_self_assess(user, assessment: Assessment) -> bool:
    return can(user, Cap.EDIT_BRAND, assessment.org.path)


def manages_review_of(user, org) -> bool:
    return can(user, Cap.MANAGE_REVIEWS, org.path, strictly_above=True)


def review_managed_q(user, field: str = "org__path"):
    """The SQL form of `manages_review_of`: rows of the organisations whose review the user
    manages."""
    return scope_q(user, Cap.MANAGE_REVIEWS, field, strictly_above=True)


def can_manage_review(user, assessment: Assessment) -> bool:
    return manages_review_of(user, assessment.org)


def sees_whole(user, assessment: Assessment) -> bool:
    """Whether the user sees the whole assessment (not only as an assigned reviewer)."""
    return can(user, Cap.VIEW_BRANDS, assessment.org.path)


def belongs_to(user, org) -> bool:
    """Whether the user is part of the organisation (a role at it or below it, or on its
    rolls): such a person may not review it."""
    if belongs_within(user, org.path):
        return True
    member = getattr(user, "member", None) if user.is_authenticated else None
    return member is not None and member.org.path.startswith(org.path)


def may_review(user, org) -> bool:
    """Whether the user may be put on a review of the organisation's assessment: experts and
    staff strictly above it, never someone of it. A superuser counts by their roles too."""
    if not user.is_authenticated or belongs_to(user, org):
        return False
    return has_cap_over(user, Cap.REVIEW_ASSESSMENTS, org.path, strictly_above=True)


def reviewers_for(org):
    """The SQL form of `may_review`: every user who may review the organisation."""
    inside = RoleAssignment.objects.filter(subtree_q(org.path, "org__path"), org__is_active=True)
    on_rolls = User.objects.filter(subtree_q(org.path, "member__org__path"))
    return (
        users_with(Cap.REVIEW_ASSESSMENTS, ancestor_paths(org.path))
        .exclude(pk__in=inside.values("user_id"))
        .exclude(pk__in=on_rolls.values("pk"))
    )


def access_assessment(user, pk, *, for_edit=False, manage=False) -> Assessment:
    assessment = get_object_or_404(
        visible_assessments(user).select_related("org", "org__parent", "system", "created_by"),
        pk=pk,
    )
    if for_edit and not can_self_assess(user, assessment):
        raise PermissionDenied(NOT_EDITOR)
    if manage and not can_manage_review(user, assessment):
        raise PermissionDenied(NOT_MANAGER)
    return assessment


def access_assignment(user, pk) -> ReviewerAssignment:
    """A reviewer's own assignment: anybody else gets a 404, even staff."""
    rows = ReviewerAssignment.objects.select_related(
        "assessment__org", "assessment__system", "reviewer"
    )
    if not user.is_superuser:
        rows = rows.filter(reviewer=user)
    return get_object_or_404(rows, pk=pk)


def access_assignment_to_manage(user, pk) -> ReviewerAssignment:
    """An assignment as the people organising the review see it: 404 outside the user's
    assessments, 403 for those who may not manage the review (the reviewer included)."""
    assignment = get_object_or_404(
        ReviewerAssignment.objects.filter(assessment__in=visible_assessments(user)).select_related(
            "assessment__org", "assessment__system", "reviewer"
        ),
        pk=pk,
    )
    if not can_manage_review(user, assignment.assessment):
        raise PermissionDenied(NOT_MANAGER)
    return assignment


def assigned_ids(assignment: ReviewerAssignment) -> set[int] | None:
    """The leaf ids an assignment covers, or None for all of them."""
    ids = set(assignment.indicators.values_list("pk", flat=True))
    return ids or None


def allowed_items(user, assessment: Assessment) -> set[int] | None:
    """The leaf ids of the assessment the user may see: None for all of them (those who see the
    whole assessment, or a reviewer assigned to every item), else the reviewer's own items (an
    empty set when the user has no assignment)."""
    if sees_whole(user, assessment):
        return None
    assignment = ReviewerAssignment.objects.filter(assessment=assessment, reviewer=user).first()
    return assigned_ids(assignment) if assignment is not None else set()


def with_part_review(rows, user):
    """Assessments annotated with `part_review`: the user is assigned to review only some of
    their items. Such a reviewer (unless they see the whole assessment anyway, see `sees_part`)
    gets neither the assessment's totals nor its dimension scores."""
    limited = ReviewerAssignment.objects.filter(
        assessment=OuterRef("pk"), reviewer_id=user.pk, indicators__isnull=False
    )
    return rows.annotate(part_review=Exists(limited))


def sees_part(user, assessment: Assessment) -> bool:
    """Whether the user sees only some items of an assessment annotated by `with_part_review`."""
    return bool(getattr(assessment, "part_review", False)) and not sees_whole(user, assessment)


def access_evidence(user, pk, *, for_edit=False) -> Evidence:
    """Evidence of a visible assessment; a reviewer limited to some items gets a 404 for the
    evidence of every other item, whatever URL they type."""
    evidence = get_object_or_404(
        Evidence.objects.filter(item__assessment__in=visible_assessments(user)).select_related(
            "item__assessment__org", "item__indicator"
        ),
        pk=pk,
    )
    allowed = allowed_items(user, evidence.item.assessment)
    if allowed is not None and evidence.item.indicator_id not in allowed:
        raise Http404("该佐证材料不在您的评审范围内。")
    if for_edit and not can_self_assess(user, evidence.item.assessment):
        raise PermissionDenied(NOT_EDITOR)
    return evidence


def access_results_org(user, pk):
    """An organisation whose results the user may see: Cap.VIEW_BRANDS over it (403 for those
    who only see the tree, such as experts)."""

    return access_org(user, pk, cap=Cap.VIEW_BRANDS)


def can_set_policy(user, org) -> bool:
    return can(user, Cap.MANAGE_ORGS, org.path)
