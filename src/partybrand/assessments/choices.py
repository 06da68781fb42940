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
