"""Choices of the stock-taking (内部梳理), with the labels branches use in their analyses."""

from django.db import models


class SwotSide(models.TextChoices):
    STRENGTH = "strength", "优势"
    WEAKNESS = "weakness", "不足"
    OPPORTUNITY = "opportunity", "机遇"
    THREAT = "threat", "挑战"


class SwotCategory(models.TextChoices):
    """Where the point lies: the "五个基本" of standardised branch work, plus business and
    culture, the two relationships every brand must show (DOMAIN.md §2)."""

    ORGANISATION = "organisation", "组织设置"
    TEAM = "team", "队伍建设"
    SYSTEMS = "systems", "制度运行"
    TASKS = "tasks", "任务落实"
    SUPPORT = "support", "阵地保障"
    BUSINESS = "business", "业务融合"
    CULTURE = "culture", "文化氛围"
    OTHER = "other", "其他"


class PositioningAudit(models.TextChoices):
    """What the audit log records of the stock-taking and the positioning conclusion."""

    PRACTICE_CREATE = "practice_create", "新增特色做法"
    PRACTICE_UPDATE = "practice_update", "修改特色做法"
    PRACTICE_DELETE = "practice_delete", "删除特色做法"
    EVIDENCE_ADD = "evidence_add", "上传做法佐证"
    EVIDENCE_DELETE = "evidence_delete", "删除做法佐证"
    SWOT_CREATE = "swot_create", "新增优势或不足"
    SWOT_UPDATE = "swot_update", "修改优势或不足"
    SWOT_DELETE = "swot_delete", "删除优势或不足"
    CONCLUSION_SAVE = "conclusion_save", "保存定位结论"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {"evidence": "佐证材料"}
