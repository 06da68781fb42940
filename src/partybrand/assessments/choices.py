"""Choices of the assessments app."""

from django.db import models


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "自评中"
    SUBMITTED = "submitted", "已提交"
    REVIEWING = "reviewing", "评审中"
    RETURNED = "returned", "退回修改"
    FINALISED = "finalised", "已评定"


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", "待评审"
    DONE = "done", "已完成"


EDITABLE = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)
UNDER_REVIEW = (AssessmentStatus.SUBMITTED, AssessmentStatus.REVIEWING)


class AssessmentNotice(models.TextChoices):
    """The kinds of notice assessments send (registered with the notification centre)."""

    REVIEW_ASSIGNED = "review_assigned", "评审指派"


class AssessmentAudit(models.TextChoices):
    """What the audit log records of self-assessment, review and finalisation."""

    START = "assessment_start", "发起自评"
    SELF_SCORE = "assessment_self_score", "填写自评得分"
    EVIDENCE_ADD = "assessment_evidence_add", "上传测评佐证"
    EVIDENCE_DELETE = "assessment_evidence_delete", "删除测评佐证"
    SUBMIT = "assessment_submit", "提交自评"
    REVIEWER_ASSIGN = "assessment_reviewer_assign", "指派评审专家"
    REVIEWER_REMOVE = "assessment_reviewer_remove", "撤销评审指派"
    REVIEW_SCORE = "assessment_review_score", "填写评审得分"
    REVIEW_COMPLETE = "assessment_review_complete", "完成评审"
    RETURN = "assessment_return", "退回修改"
    FINALISE = "assessment_finalise", "评定结果"
    POLICY_SET = "assessment_policy_set", "设置达标线"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "reviewer": "评审人",
    "items": "评审指标（项）",
    "scores": "已填评分（项）",
    "indicator": "指标",
    "evidence": "佐证材料",
    "veto": "一票否决",
    "divergent": "分歧较大的指标",
}
