"""The stock-taking of a brand (内部梳理) and the secretary's positioning conclusion."""

from django.conf import settings
from django.db import models

from partybrand.brands.models import Brand
from partybrand.core.models import EvidenceFile
from partybrand.core.versioning import Versioned
from partybrand.positioning.choices import SwotCategory, SwotSide


def evidence_path(instance, filename: str) -> str:
    return f"positioning/{instance.practice.brand_id}/{filename}"


class Practice(Versioned):
    """A practice or method that already works in the organisation: a 工作法 candidate."""

    brand = models.ForeignKey(
        Brand, verbose_name="品牌", on_delete=models.CASCADE, related_name="practices"
    )
    name = models.CharField("做法名称", max_length=60)
    description = models.TextField("主要做法")
    since = models.PositiveSmallIntegerField("起始年份", null=True, blank=True)
    effect = models.TextField("取得成效", blank=True)
    is_method_candidate = models.BooleanField("拟提炼为品牌工作法", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "已有做法"
        verbose_name_plural = "已有做法"
        # 工作法 candidates first, then the oldest practices; undated ones last on every database.
        ordering = ["-is_method_candidate", models.F("since").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return self.name


class PracticeEvidence(EvidenceFile):
    """A file that proves a practice works: a 台账, a report, a photo, a commendation."""

    practice = models.ForeignKey(
        Practice, verbose_name="做法", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("文件", upload_to=evidence_path)

    class Meta(EvidenceFile.Meta):
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"


class SwotItem(Versioned):
    """One point of the branch's own analysis: a strength, weakness, opportunity or threat."""

    brand = models.ForeignKey(
        Brand, verbose_name="品牌", on_delete=models.CASCADE, related_name="swot_items"
    )
    side = models.CharField("类型", max_length=20, choices=SwotSide.choices)
    category = models.CharField(
        "方面", max_length=20, choices=SwotCategory.choices, default=SwotCategory.OTHER
    )
    text = models.CharField("要点", max_length=100)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "优势与不足"
        verbose_name_plural = "优势与不足"
        ordering = ["id"]  # grouped by side, in SwotSide order, when shown

    def __str__(self) -> str:
        return self.text


class PositioningNote(Versioned):
    """The secretary's positioning conclusion (定位结论), drawn from the three analyses."""

    brand = models.OneToOneField(
        Brand, verbose_name="品牌", on_delete=models.CASCADE, related_name="positioning_note"
    )
    conclusion = models.TextField("定位结论", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "定位结论"
        verbose_name_plural = "定位结论"

    def __str__(self) -> str:
        return f"{self.brand} 定位结论"
