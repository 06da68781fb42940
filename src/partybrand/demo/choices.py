"""Choices of the demo enterprise, with the labels users know."""

from django.db import models


class DemoAudit(models.TextChoices):
    """What the audit log records when the demo enterprise is loaded."""

    IMPORT = "demo_import", "载入演示数据"
    ASSESSMENT_IMPORT = "assessment_demo_import", "载入演示测评数据"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "organizations": "组织（个）",
    "branches": "党支部（个）",
    "members": "党员（名）",
    "users": "账号（个）",
    "brands": "党建品牌（个）",
    "workshops": "主题征集（个）",
    "candidates": "主题候选（个）",
    "assessments": "标准化测评（份）",
    "plans": "创建计划（个）",
    "tasks": "任务（项）",
    "tickets": "督办单（张）",
    "meetings": "复盘会（次）",
    "carriers": "活动载体（个）",
    "cases": "典型案例（个）",
    "launches": "品牌发布会（场）",
    "publicity": "推介台账（条）",
}
