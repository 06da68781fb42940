"""Choices of the indicator systems (指标体系), with the labels committees use in their tables."""

from django.db import models


class SystemKind(models.TextChoices):
    STANDARDISATION = "standard", "党支部标准化规范化建设"
    BRAND = "brand", "党建品牌评价"
    OTHER = "other", "其他"


class SystemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    RETIRED = "retired", "已停用"


class FinalRule(models.TextChoices):
    MEAN = "mean", "专家评分取平均"
    TRIMMED_MEAN = "trimmed_mean", "去掉一个最高分和一个最低分后取平均"


class ScoringMethod(models.TextChoices):
    ADD = "add", "加分"
    DEDUCT = "deduct", "扣分"


class AssessMethod(models.TextChoices):
    DOCUMENTS = "documents", "查资料"
    LEDGER = "ledger", "查台账"
    SITE = "site", "现场查看"
    POLL = "poll", "民主测评"
    PLATFORM = "platform", "平台数据"


LEVEL_NAMES = {1: "一级指标", 2: "二级指标", 3: "三级指标"}
MAX_LEVEL = 3


class IndicatorAudit(models.TextChoices):
    """What the audit log records of indicator systems and their items."""

    SYSTEM_CREATE = "indicator_system_create", "新建指标体系"
    SYSTEM_IMPORT = "indicator_system_import", "导入指标体系"
    TEMPLATE_LOAD = "indicator_template_load", "载入内置指标体系"
    SYSTEM_UPDATE = "indicator_system_update", "修改指标体系"
    SYSTEM_DELETE = "indicator_system_delete", "删除指标体系"
    SYSTEM_PUBLISH = "indicator_system_publish", "发布指标体系"
    SYSTEM_RETIRE = "indicator_system_retire", "停用指标体系"
    SYSTEM_NEW_VERSION = "indicator_system_new_version", "生成指标体系新版本"
    SYSTEM_COPY = "indicator_system_copy", "复制指标体系"
    ADD = "indicator_add", "添加指标"
    UPDATE = "indicator_update", "修改指标"
    MOVE = "indicator_move", "调整指标顺序"
    DELETE = "indicator_delete", "删除指标"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "from": "复制自",
    "indicators": "指标（项）",
    "below": "下级指标（项）",
    "direction": "调整顺序",
}
