"""The benchmark library (外部研判): brands reported elsewhere, and a brand's comparisons."""

from django.conf import settings
from django.db import models

from partybrand.benchmarks.choices import BenchmarkLevel
from partybrand.brands.models import Brand
from partybrand.core.versioning import Versioned


def benchmark_logo_path(instance, filename: str) -> str:
    return f"benchmarks/{instance.pk}/{filename}"


class Benchmark(Versioned):
    """A publicly reported party-building brand of another organisation, kept in the group's
    shared library so branches study it before naming their own."""

    name = models.CharField("品牌名称", max_length=60)
    slogan = models.CharField("口号/主题", max_length=200, blank=True)
    connotation = models.TextField("内涵", blank=True)
    org = models.CharField("所属组织", max_length=120, blank=True)
    sector = models.CharField("行业", max_length=30, blank=True, db_index=True)
    level = models.CharField("层级（原文）", max_length=30, blank=True)
    level_class = models.CharField(
        "层级", max_length=20, choices=BenchmarkLevel.choices, blank=True, db_index=True
    )
    region = models.CharField("地区", max_length=20, blank=True, db_index=True)
    source_url = models.URLField("来源地址", max_length=500, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True, db_index=True)
    logo = models.FileField("标识", upload_to=benchmark_logo_path, blank=True)
    logo_content_type = models.CharField(max_length=40, blank=True)
    # Search fields, kept by the services (indexing.py): normalised texts, jieba terms, initials.
    name_norm = models.CharField(max_length=60, editable=False)
    org_norm = models.CharField(max_length=120, editable=False, blank=True)
    text_norm = models.TextField(editable=False, blank=True)  # slogan and connotation
    search_text = models.TextField(editable=False, blank=True)  # name, slogan, connotation, org
    search_terms = models.TextField(editable=False, blank=True)  # " term term … "
    name_initials = models.CharField(max_length=60, editable=False, blank=True)
    slogan_initials = models.CharField(max_length=200, editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "标杆品牌"
        verbose_name_plural = "标杆品牌"
        ordering = ["name_norm", "id"]
        constraints = [
            # One entry per brand of one organisation: a re-import updates it.
            models.UniqueConstraint(fields=["name_norm", "org_norm"], name="benchmark_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class Comparison(Versioned):
    """对标: one benchmark a brand studied, what to learn from it and how the brand differs."""

    brand = models.ForeignKey(
        Brand, verbose_name="品牌", on_delete=models.CASCADE, related_name="benchmark_comparisons"
    )
    benchmark = models.ForeignKey(
        Benchmark, verbose_name="标杆品牌", on_delete=models.PROTECT, related_name="comparisons"
    )
    learn = models.TextField("学什么")
    differ = models.TextField("差异化")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "对标记录"
        verbose_name_plural = "对标记录"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["brand", "benchmark"], name="comparison_once_per_brand")
        ]

    def __str__(self) -> str:
        return f"{self.brand} 对标 {self.benchmark}"
