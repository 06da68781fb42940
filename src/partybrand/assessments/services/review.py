"""The review of a submitted assessment: assigning and removing reviewers, the reviewers' scores
and completing a review, and returning the assessment for correction. Each checks who acts,
writes one audit row and runs in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from partybrand.assessments import scoring
from partybrand.assessments.access import assigned_ids, belongs_to, may_review
from partybrand.assessments.choices import (
    UNDER_REVIEW,
    AssessmentNotice,
    AssessmentStatus,
    AssignmentStatus,
)
from partybrand.assessments.models import Assessment, ReviewerAssignment, ReviewScore
from partybrand.assessments.services.common import (
    NOTE_MAX,
    clean_rows,
    locked,
    require_manager,
)
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.notices.services import notify
from partybrand.textsim.normalize import clean_text

S = AssessmentStatus


@transaction.atomic
def reviewer_assign(
    *, actor, assessment: Assessment, reviewer, indicators=()
) -> ReviewerAssignment:
    """Put a reviewer on a submitted assessment (for all items, or the given leaf items)."""
    assessment = locked(assessment)
    require_manager(actor, assessment)
    if assessment.status not in (*UNDER_REVIEW, S.RETURNED):
        raise ValidationError("只能为已提交或评审中的测评指派评审人。")
    if belongs_to(reviewer, assessment.org):
        raise ValidationError({"reviewer": "评审人不能评审本组织的测评。"})
    if not may_review(reviewer, assessment.org):
        raise ValidationError({"reviewer": "评审人须为评审专家或上级党组织的管理员。"})
    if assessment.assignments.filter(reviewer=reviewer).exists():
        raise ValidationError(
            {"reviewer": f"{reviewer.display_name or reviewer} 已是该测评的评审人。"}
        )
    leaf_ids = set(assessment.items.values_list("indicator_id", flat=True))
    chosen = [i.pk if hasattr(i, "pk") else int(i) for i in indicators]
    if any(pk not in leaf_ids for pk in chosen):
        raise ValidationError({"indicators": "只能指派该测评的评分项。"})
    assignment = ReviewerAssignment.objects.create(
        assessment=assessment, reviewer=reviewer, assigned_by=actor
    )
    if chosen:
        assignment.indicators.set(chosen)
    source = assessment.status
    if assessment.status == S.SUBMITTED:
        assessment.status = S.REVIEWING
        assessment.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="assessment_reviewer_assign",
        obj=assessment,
        org_path=assessment.org.path,
        changes={
            "reviewer": reviewer.display_name or reviewer.username,
            "items": len(chosen) or "全部",
            "status": [source, assessment.status],
        },
    )
    notify(
        user=reviewer,
        kind=AssessmentNotice.REVIEW_ASSIGNED,
        key=f"assessment:{assessment.pk}:review:{assignment.pk}",
        title=f"请评审：{assessment.org.name} {assessment.period}{assessment.system.name}",
        body=f"{actor.display_name or actor} 指派您评审该组织的测评，请在“待我评审”中打分。",
        url=reverse("assessments:review", args=[assignment.pk]),
        org_path=assessment.org.path,
    )
    return assignment


@transaction.atomic
def reviewer_remove(*, actor, assignment: ReviewerAssignment) -> Assessment:
    """Take a reviewer who has not completed off the assessment; their draft scores go with
    them. With nobody left, a reviewing assessment waits for reviewers again (已提交)."""
    assessment = locked(assignment.assessment)
    require_manager(actor, assessment)
    assignment = (
        ReviewerAssignment.objects.select_for_update()
        .select_related("reviewer")
        .get(pk=assignment.pk, assessment=assessment)
    )
    if assessment.status not in (*UNDER_REVIEW, S.RETURNED):
        raise ValidationError(f"测评{assessment.get_status_display()}，不能移除评审人。")
    reviewer = assignment.reviewer
    name = reviewer.display_name or reviewer.username
    if assignment.status == AssignmentStatus.DONE:
        raise ValidationError(f"{name} 已提交评审，不能移除；如需重评请退回修改。")
    scores = assignment.scores.count()
    assignment.delete()
    source = assessment.status
    if assessment.status == S.REVIEWING and not assessment.assignments.exists():
        assessment.status = S.SUBMITTED
        assessment.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="assessment_reviewer_remove",
        obj=assessment,
        org_path=assessment.org.path,
        changes={"reviewer": name, "scores": scores, "status": [source, assessment.status]},
    )
    return assessment


def _reviewer_locked(actor, assignment: ReviewerAssignment, doing: str):
    """The assessment, then the reviewer's own assignment, locked in that order (as finalising,
    returning and removing reviewers lock them), checked for a reviewer who may act now."""
    assessment = locked(Assessment(pk=assignment.assessment_id))
    assignment = ReviewerAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied("只能处理指派给您的评审。")
    if belongs_to(actor, assessment.org):
        raise PermissionDenied("评审人不能评审本组织的测评。")
    if assessment.status != S.REVIEWING:
        raise ValidationError(f"测评{assessment.get_status_display()}，不能{doing}。")
    return assignment, assessment


def _write_review_scores(assignment, indicators: dict, cleaned: dict) -> dict:
    """Create, change or (for a cleared value) delete the reviewer's scores; returns the
    changes by indicator code."""
    existing = {s.indicator_id: s for s in assignment.scores.all()}
    changes = {}
    for pk, data in cleaned.items():
        score = existing.get(pk)
        new = (data["score"], data["text"], data["veto"], data["veto_reason"])
        if data["score"] is None:
            if score is not None:
                score.delete()
                changes[indicators[pk].code] = None
            continue
        if score is None:
            ReviewScore.objects.create(
                assignment=assignment,
                indicator_id=pk,
                score=new[0],
                comment=new[1],
                veto_triggered=new[2],
                veto_reason=new[3],
            )
        elif new != (score.score, score.comment, score.veto_triggered, score.veto_reason):
            score.score, score.comment, score.veto_triggered, score.veto_reason = new
            score.save(
                update_fields=["score", "comment", "veto_triggered", "veto_reason", "updated_at"]
            )
        else:
            continue
        changes[indicators[pk].code] = scoring.fmt(new[0])
    return changes


@transaction.atomic
def review_scores_save(*, actor, assignment: ReviewerAssignment, rows: dict) -> int:
    """A reviewer's scores: rows maps indicator id -> {value, text, veto, veto_reason}."""
    assignment, assessment = _reviewer_locked(actor, assignment, "评分")
    allowed = assigned_ids(assignment)
    items = {
        i.indicator_id: i.indicator
        for i in assessment.items.select_related("indicator")
        if allowed is None or i.indicator_id in allowed
    }
    cleaned = clean_rows(items, rows, outside="所填指标不在您的评审范围内。")
    changes = _write_review_scores(assignment, items, cleaned)
    if changes:
        audit_record(
            actor=actor,
            action="assessment_review_score",
            obj=assessment,
            org_path=assessment.org.path,
            changes=changes,
        )
    return len(changes)


@transaction.atomic
def review_complete(*, actor, assignment: ReviewerAssignment) -> ReviewerAssignment:
    """The reviewer submits their review; submitting it again changes nothing and records
    nothing (scores changed since are recorded by review_scores_save)."""
    assignment, assessment = _reviewer_locked(actor, assignment, "提交评审")
    allowed = assigned_ids(assignment)
    scored = set(assignment.scores.values_list("indicator_id", flat=True))
    missing = [
        str(i.indicator)
        for i in scoring.by_code(assessment.items.select_related("indicator"))
        if (allowed is None or i.indicator_id in allowed)
        and i.indicator_id not in scored
        and i.indicator.points
    ]
    if missing:
        raise ValidationError("以下指标尚未评分：" + "、".join(missing))
    if assignment.status == AssignmentStatus.DONE:
        return assignment  # submitted before (a second click, a retry): nothing changes
    assignment.status = AssignmentStatus.DONE
    assignment.completed_at = clock.now()
    assignment.save(update_fields=["status", "completed_at"])
    audit_record(
        actor=actor,
        action="assessment_review_complete",
        obj=assessment,
        org_path=assessment.org.path,
        changes={"reviewer": actor.display_name or actor.username},
    )
    return assignment


@transaction.atomic
def assessment_return(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """Send the assessment back to the branch for correction, with the reasons."""
    assessment = locked(assessment)
    require_manager(actor, assessment)
    if assessment.status not in UNDER_REVIEW:
        raise ValidationError("只能退回已提交或评审中的测评。")
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明退回修改的原因。"})
    source = assessment.status
    assessment.status = S.RETURNED
    assessment.return_reason = reason[:NOTE_MAX]
    assessment.save(update_fields=["status", "return_reason", "updated_at"])
    assessment.assignments.update(status=AssignmentStatus.ASSIGNED, completed_at=None)
    audit_record(
        actor=actor,
        action="assessment_return",
        obj=assessment,
        org_path=assessment.org.path,
        changes={"status": [source, assessment.status]},
        comment=reason,
    )
    return assessment
