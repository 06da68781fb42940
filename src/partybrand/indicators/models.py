"""Indicator systems (指标体系): versioned trees of 一级/二级/三级 indicators with points.

A published system is frozen: assessments point at it and at its leaf indicators, so a change
would silently alter scores already given. Changes go into a new version (a DRAFT copy).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from partybrand.core.versioning import Versioned, VersionedRow
from partybrand.indicators.choices import (
    AssessMethod,
    FinalRule,
    ScoringMethod,
    SystemKind,
    SystemStatus,
)

FROZEN_MESSAGE = "已发布或已停用的指标体系不能修改，请新建版本后再修改。"

# Fields that may still change on a published system: publishing and retiring it.
LIFECYCLE_FIELDS = frozenset({"status", "published_at", "published_by"})


class IndicatorSystem(VersionedRow):
    """One version of an indicator system; the versions of one family share `code`."""

    code = models.SlugField("体系编码", max_length=40)
    version = models.PositiveIntegerField("版本", default=1)
    # Raised on every save so an edit form opened before someone else's save is refused
    # (core/versioning.py); `version` above is the system's edition.
    edit_version = models.PositiveIntegerField("修改版本", default=1, editable=False)
    version_field = "edit_version"
    name = models.CharField("体系名称", max_length=100)
    description = models.TextField("说明", blank=True)
    kind = models.CharField(
        "类别", max_length=20, choices=SystemKind.choices, default=SystemKind.OTHER
    )
    owner = models.ForeignKey(
        "orgs.Organization",
        verbose_name="所属党组织",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_systems",
        help_text="为空表示平台模板",
    )
    status = models.CharField(
        "状态", max_length=20, choices=SystemStatus.choices, default=SystemStatus.DRAFT
    )
    total_points = models.DecimalField(
        "总分", max_digits=7, decimal_places=2, default=Decimal("100")
    )
    final_rule = models.CharField(
        "最终得分规则", max_length=20, choices=FinalRule.choices, default=FinalRule.MEAN
    )
    divergence_threshold = models.DecimalField(
        "评分分歧提示阈值（分）",
        max_digits=6,
        decimal_places=2,
        default=Decimal("3"),
        help_text="同一指标专家打分相差超过该分值时提示分歧",
    )
    derived_from = models.ForeignKey(
        "self",
        verbose_name="来源版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "指标体系"
        verbose_name_plural = "指标体系"
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="indicator_system_version"),
            models.CheckConstraint(
                condition=models.Q(total_points__gt=0), name="indicator_system_total_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind"], name="indicator_system_status_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（第 {self.version} 版）"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("force_insert"):
            stored = (
                IndicatorSystem.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            )
            update_fields = kwargs.get("update_fields")
            if (
                stored
                and stored != SystemStatus.DRAFT
                and (update_fields is None or not set(update_fields) <= LIFECYCLE_FIELDS)
            ):
                raise ValidationError(FROZEN_MESSAGE)
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == SystemStatus.DRAFT

    @property
    def is_template(self) -> bool:
        return self.owner_id is None


def _guard_draft(system_id) -> None:
    status = IndicatorSystem.objects.filter(pk=system_id).values_list("status", flat=True).first()
    if status is not None and status != SystemStatus.DRAFT:
        raise ValidationError(FROZEN_MESSAGE)


class StarLevel(models.Model):
    """A star threshold: a total score of at least `min_score` earns `stars` stars."""

    system = models.ForeignKey(
        IndicatorSystem, verbose_name="指标体系", on_delete=models.CASCADE, related_name="stars"
    )
    stars = models.PositiveSmallIntegerField("星级")
    min_score = models.DecimalField("最低得分", max_digits=7, decimal_places=2)
    label = models.CharField("名称", max_length=50, blank=True)

    class Meta:
        verbose_name = "星级标准"
        verbose_name_plural = "星级标准"
        ordering = ["system", "stars"]
        constraints = [
            models.UniqueConstraint(fields=["system", "stars"], name="star_level_unique"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="star_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.stars} 星"

    def save(self, *args, **kwargs):
        _guard_draft(self.system_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _guard_draft(self.system_id)
        return super().delete(*args, **kwargs)


class Indicator(Versioned):
    """An indicator: 一级, 二级 or 三级. The leaves are the items that experts score."""

    system = models.ForeignKey(
        IndicatorSystem,
        verbose_name="指标体系",
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级指标",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    level = models.PositiveSmallIntegerField("层级")
    position = models.PositiveIntegerField("排序", default=0)
    code = models.CharField("编码", max_length=20)
    name = models.CharField("指标名称", max_length=200)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2, default=Decimal("0"))
    scoring_method = models.CharField(
        "计分方式", max_length=10, choices=ScoringMethod.choices, default=ScoringMethod.ADD
    )
    guide = models.TextField("评分标准", blank=True)
    evidence_required = models.BooleanField("需提供佐证材料", default=False)
    evidence_note = models.CharField("佐证材料要求", max_length=300, blank=True)
    methods = models.JSONField("评价方式", default=list, blank=True)
    is_veto = models.BooleanField("一票否决", default=False)
    veto_note = models.CharField("否决情形说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["system", "level", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=3), name="indicator_level_1_to_3"
            ),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="indicator_points_ge_0"),
        ]
        indexes = [models.Index(fields=["system", "parent", "position"], name="indicator_tree")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        _guard_draft(self.system_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _guard_draft(self.system_id)
        return super().delete(*args, **kwargs)

    @property
    def is_leaf(self) -> bool:
        """Scored items are the leaves. Uses prefetched children when present."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "children" in cache:
            return not cache["children"]
        if hasattr(self, "child_list"):
            return not self.child_list
        if self.pk is None:
            return True
        return not self.children.exists()

    @property
    def methods_display(self) -> list[str]:

        labels = dict(AssessMethod.choices)
        return [labels.get(value, value) for value in self.methods or []]
