"""Assessments against a published indicator system: self-assessment with evidence, reviews by
the level above or assigned experts, and the finalised result kept per 一级 dimension so the
results pages aggregate in SQL."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from partybrand.assessments.choices import AssessmentStatus, AssignmentStatus
from partybrand.core import clock
from partybrand.core.models import EvidenceFile
from partybrand.core.versioning import Versioned
from partybrand.orgs.models import Organization

SCORE = {"max_digits": 7, "decimal_places": 2}
VETO_LABEL = "不达标（一票否决）"
NO_STARS_LABEL = "未定星级"


class Assessment(Versioned):
    """One organisation's assessment for one period against one published indicator system."""

    system = models.ForeignKey(
        "indicators.IndicatorSystem",
        verbose_name="指标体系",
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    org = models.ForeignKey(
        Organization,
        verbose_name="被测评组织",
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    period = models.CharField("测评周期", max_length=30)
    period_start = models.DateField("周期开始")
    period_end = models.DateField("周期结束")
    status = models.CharField(
        "状态", max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    self_total = models.DecimalField("自评总分", null=True, blank=True, **SCORE)
    final_score = models.DecimalField("评定得分", null=True, blank=True, **SCORE)
    stars = models.PositiveSmallIntegerField("星级", null=True, blank=True)
    veto_triggered = models.BooleanField("触发一票否决", default=False)
    return_reason = models.TextField("退回原因", blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    finalised_at = models.DateTimeField("评定时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "标准化测评"
        verbose_name_plural = "标准化测评"
        ordering = ["-period_start", "org__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "org", "period"], name="assessment_unique_period"
            )
        ]
        indexes = [
            models.Index(fields=["status", "period_start"]),
            models.Index(fields=["org", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.org.name} {self.period} {self.system.name}"

    # What the positioning summary and the brand page read of the latest score.
    @property
    def total(self) -> Decimal | None:
        return self.final_score

    @property
    def assessed_on(self):
        return clock.day_of(self.finalised_at) if self.finalised_at else None

    @property
    def star_label(self) -> str:
        if self.status != AssessmentStatus.FINALISED:
            return ""
        # Stars and the committee's 达标线 are separate: a score under the 1-star line has no
        # star (未定星级); only a triggered 一票否决 makes the result 不达标 whatever the score.
        if self.veto_triggered:
            return VETO_LABEL
        if not self.stars:
            return NO_STARS_LABEL
        return "★" * self.stars


class ItemScore(models.Model):
    """The self-assessment of one scored (leaf) item, and its final score once finalised."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="测评", on_delete=models.CASCADE, related_name="items"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name="指标", on_delete=models.PROTECT, related_name="+"
    )
    self_score = models.DecimalField("自评得分", null=True, blank=True, **SCORE)
    note = models.TextField("自评说明", blank=True)
    veto_triggered = models.BooleanField("触发一票否决", default=False)
    veto_reason = models.CharField("否决原因", max_length=200, blank=True)
    final_score = models.DecimalField("评定得分", null=True, blank=True, **SCORE)
    divergent = models.BooleanField("专家评分分歧", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "测评项得分"
        verbose_name_plural = "测评项得分"
        ordering = ["indicator__code", "indicator_id"]  # pages sort with scoring.code_key
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="item_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}·{self.indicator_id}"


def evidence_path(instance, filename: str) -> str:
    return f"assessments/{instance.item.assessment_id}/{filename}"


class Evidence(EvidenceFile):
    """A file proving a self-assessed item: 会议记录, 台账, 照片, 文件."""

    item = models.ForeignKey(
        ItemScore, verbose_name="测评项", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("文件", upload_to=evidence_path)

    class Meta(EvidenceFile.Meta):
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"


class ReviewerAssignment(models.Model):
    """A reviewer (an expert or staff of the level above) put on an assessment, for all items or
    a subset of them."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="测评", on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评审人",
        on_delete=models.CASCADE,
        related_name="assessment_assignments",
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name="评审指标（空为全部）", blank=True, related_name="+"
    )
    status = models.CharField(
        "状态", max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("指派时间", auto_now_add=True)
    completed_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "评审指派"
        verbose_name_plural = "评审指派"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "reviewer"], name="assignment_unique")
        ]
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self) -> str:
        return f"{self.reviewer} 评审 {self.assessment_id}"


class ReviewScore(models.Model):
    """One reviewer's score and comment on one item."""

    assignment = models.ForeignKey(
        ReviewerAssignment, verbose_name="评审指派", on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name="指标", on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField("评审得分", **SCORE)
    comment = models.TextField("评审意见", blank=True)
    veto_triggered = models.BooleanField("触发一票否决", default=False)
    veto_reason = models.CharField("否决原因", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "评审评分"
        verbose_name_plural = "评审评分"
        constraints = [
            models.UniqueConstraint(fields=["assignment", "indicator"], name="review_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}·{self.indicator_id}: {self.score}"


class DimensionScore(models.Model):
    """A finalised assessment's total per 一级 dimension, kept so results aggregate in SQL. The
    system code, period and dimension code are copied so versions and periods group together."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="测评", on_delete=models.CASCADE, related_name="dimensions"
    )
    org = models.ForeignKey(
        Organization, verbose_name="组织", on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name="一级指标", on_delete=models.PROTECT, related_name="+"
    )
    system_code = models.CharField("指标体系编码", max_length=50)
    period = models.CharField("测评周期", max_length=30)
    code = models.CharField("指标编号", max_length=20)
    name = models.CharField("一级指标", max_length=100)
    position = models.PositiveSmallIntegerField(default=0)
    score = models.DecimalField("得分", **SCORE)
    max_score = models.DecimalField("满分", **SCORE)
    percent = models.DecimalField("得分率", **SCORE)

    class Meta:
        verbose_name = "维度得分"
        verbose_name_plural = "维度得分"
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["system_code", "period", "code"])]

    def __str__(self) -> str:
        return f"{self.name} {self.score}/{self.max_score}"


class StandardisationPolicy(Versioned):
    """A committee's threshold: below it, no brand ("没有基础就没有品牌")."""

    org = models.ForeignKey(
        Organization, verbose_name="党委", on_delete=models.CASCADE, related_name="+"
    )
    system_code = models.CharField("指标体系编码", max_length=50)
    min_score = models.DecimalField("达标分数线", **SCORE)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "标准化达标线"
        verbose_name_plural = "标准化达标线"
        constraints = [models.UniqueConstraint(fields=["org", "system_code"], name="policy_unique")]

    def __str__(self) -> str:
        return f"{self.org} {self.system_code} ≥{self.min_score}"
