"""Who may see and do what with assessments.

- Seeing: everyone with Cap.VIEW_BRANDS over the assessed organisation (its members read, the
  committees above see their subtree), plus reviewers assigned to the assessment.
- Self-assessing: Cap.EDIT_BRAND over the organisation (the branch secretary and 支委).
- Managing the review (assigning reviewers, returning, finalising): a staff role held strictly
  above the organisation (二级党委/党总支 管理员, 党建工作部, 党委管理员), like brand reviews
  (brands/lifecycle.py, where="above"), so nobody finalises their own organisation's score.
- Scoring as a reviewer: only through one's own assignment; experts see nothing else.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from partybrand.assessments.models import Assessment, Evidence, ReviewerAssignment
from partybrand.orgs.access import access_org
from partybrand.orgs.choices import Role
from partybrand.orgs.roles import Cap, can, role_paths, roles_over, scope_q

REVIEW_MANAGERS = frozenset({Role.MID_ADMIN, Role.PARTY_OFFICE, Role.COMMITTEE_ADMIN})
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


def can_manage_review(user, assessment: Assessment) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(roles_over(user, assessment.org.path, strictly_above=True) & REVIEW_MANAGERS)


def sees_whole(user, assessment: Assessment) -> bool:
    """Whether the user sees the whole assessment (not only as an assigned reviewer)."""
    return can(user, Cap.VIEW_BRANDS, assessment.org.path)


def belongs_to(user, org) -> bool:
    """Whether the user is part of the organisation (a role at it or below it, or on its
    rolls): such a person may not review it."""
    if any(path.startswith(org.path) for _, path in role_paths(user)):
        return True
    member = getattr(user, "member", None) if user.is_authenticated else None
    return member is not None and member.org.path.startswith(org.path)


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
