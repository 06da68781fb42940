"""The brand record (DOMAIN.md §4) and what hangs off it."""

from django.conf import settings
from django.db import models

from partybrand.brands.choices import (
    AttachmentKind,
    BrandLevel,
    BrandStatus,
    BrandTier,
    HonourLevel,
    KpiDirection,
)
from partybrand.core.versioning import Versioned
from partybrand.orgs.models import Organization


def brand_file_path(instance, filename: str) -> str:
    brand_id = getattr(instance, "brand_id", None) or instance.pk
    return f"brands/{brand_id}/{filename}"


class Brand(Versioned):
    """A party-building brand owned by one organisation, from its first draft to its naming."""

    org = models.ForeignKey(
        Organization, verbose_name="创建单位", on_delete=models.PROTECT, related_name="brands"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级品牌",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    level = models.CharField("品牌层级", max_length=20, choices=BrandLevel.choices)
    tier = models.CharField(
        "品牌等级", max_length=20, choices=BrandTier.choices, default=BrandTier.CULTIVATED
    )
    status = models.CharField(
        "状态", max_length=20, choices=BrandStatus.choices, default=BrandStatus.DRAFT
    )
    name = models.CharField("品牌名称", max_length=30, db_index=True)
    slogan = models.CharField("品牌口号", max_length=100, blank=True)
    meaning = models.TextField("内涵释义（总述）", blank=True)
    political_note = models.TextField("政治味", blank=True)
    cultural_note = models.TextField("文化味", blank=True)
    integration_note = models.TextField("融合味", blank=True)
    logo = models.FileField("标识", upload_to=brand_file_path, blank=True)
    logo_content_type = models.CharField(max_length=40, blank=True)
    logo_meaning = models.TextField("标识释义", blank=True)
    standard_colors = models.CharField("标准色", max_length=100, blank=True)
    standard_fonts = models.CharField("标准字体", max_length=100, blank=True)
    usage_rules = models.TextField("使用规范", blank=True)
    doc_no = models.CharField("命名文号", max_length=60, blank=True)
    named_on = models.DateField("命名日期", null=True, blank=True)
    publicity_ends_on = models.DateField("公示截止日期", null=True, blank=True)
    next_review_on = models.DateField("下次复评日期", null=True, blank=True)
    rectify_deadline = models.DateField("整改期限", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "党建品牌"
        verbose_name_plural = "党建品牌"
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-updated_at"]),
            # The brand list's default order: lets a committee's first page stop after 30 rows.
            models.Index(fields=["-updated_at", "-id"], name="brand_recent_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class BrandPhrase(models.Model):
    """One phrase of the 内涵释义, explained: brands are read phrase by phrase."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="phrases")
    order = models.PositiveSmallIntegerField(default=0)
    phrase = models.CharField("词句", max_length=30)
    explanation = models.TextField("释义")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.phrase


class Kpi(models.Model):
    """A business or organisational result the brand promises to move, with its baseline."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField("指标名称", max_length=60)
    unit = models.CharField("单位", max_length=20, blank=True)
    direction = models.CharField(
        "方向", max_length=4, choices=KpiDirection.choices, default=KpiDirection.UP
    )
    baseline = models.DecimalField("基线值", max_digits=14, decimal_places=2)
    baseline_on = models.DateField("基线日期")
    target = models.DecimalField("目标值", max_digits=14, decimal_places=2)
    description = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class KpiValue(models.Model):
    """A dated actual value of a KPI."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField("日期")
    value = models.DecimalField("实际值", max_digits=14, decimal_places=2)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "measured_on"], name="one_value_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.measured_on}: {self.value}"


class Honour(models.Model):
    """An honour the brand or its organisation received."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="honours")
    title = models.CharField("荣誉名称", max_length=100)
    level = models.CharField("级别", max_length=20, choices=HonourLevel.choices)
    year = models.PositiveSmallIntegerField("年份")
    issuer = models.CharField("授予单位", max_length=100, blank=True)

    class Meta:
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    """A file or link attached to the brand: 申报书, 方案, 总结, photos, a video link."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("类别", max_length=20, choices=AttachmentKind.choices)
    title = models.CharField("标题", max_length=100)
    file = models.FileField("文件", upload_to=brand_file_path, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField("链接", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title


class BrandEvent(models.Model):
    """One step of the brand's lifecycle: who moved it, from where to where, when and why."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    label = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=BrandStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=BrandStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.brand} {self.label}"
