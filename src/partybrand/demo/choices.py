"""Choices of the demo enterprise, with the labels users know."""

from django.db import models


class DemoAudit(models.TextChoices):
    """What the audit log records when the demo enterprise is loaded."""

    IMPORT = "demo_import", "载入演示数据"
    ASSESSMENT_IMPORT = "assessment_demo_import", "载入演示测评数据"
