"""The aggregate tables of the cockpit: each brand's health index now and by day, each
organisation's rollup of its subtree, and the weights each committee gives the index's parts."""

from django.conf import settings
from django.db import models
from django.urls import reverse

PART_LABELS = (
    ("basics", "基础"),
    ("mechanism", "机制"),
    ("results", "成效"),
    ("participation", "参与"),
    ("influence", "影响"),
    ("identity", "标识"),
)
PART_FIELDS = tuple(part for part, _label in PART_LABELS)


class HealthWeights(models.Model):
    """One version of the weights a committee gives the parts of the index in its subtree; the
    newest version of the nearest committee at or above a brand applies."""

    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+", verbose_name="党组织"
    )
    version = models.PositiveIntegerField("版本")
    weights = models.JSONField("权重")
    note = models.CharField("调整说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "品牌健康度权重"
        verbose_name_plural = "品牌健康度权重"
        ordering = ["org", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["org", "version"], name="cockpit_weights_version")
        ]

    def __str__(self) -> str:
        return f"第 {self.version} 版权重"

    def labelled(self) -> list[tuple[str, int]]:
        return [(label, self.weights.get(part, 0)) for part, label in PART_LABELS]


class BrandHealth(models.Model):
    """A brand's health index as last computed, with its parts and what lowers each."""

    brand = models.OneToOneField(
        "brands.Brand", on_delete=models.CASCADE, primary_key=True, related_name="health"
    )
    org_path = models.CharField(max_length=255, db_index=True)  # the brand's organisation
    score = models.DecimalField("健康度", max_digits=5, decimal_places=1)
    # One column per part (choices.Part), so rollups average them in SQL.
    basics = models.DecimalField("基础", max_digits=5, decimal_places=1, default=0)
    mechanism = models.DecimalField("机制", max_digits=5, decimal_places=1, default=0)
    results = models.DecimalField("成效", max_digits=5, decimal_places=1, default=0)
    participation = models.DecimalField("参与", max_digits=5, decimal_places=1, default=0)
    influence = models.DecimalField("影响", max_digits=5, decimal_places=1, default=0)
    identity = models.DecimalField("标识", max_digits=5, decimal_places=1, default=0)
    lowers = models.JSONField("扣分事项", default=list)
    weights = models.JSONField("所用权重", default=dict)
    weights_version = models.PositiveIntegerField("权重版本", default=0)
    computed_at = models.DateTimeField("计算时间")

    class Meta:
        verbose_name = "品牌健康度"
        verbose_name_plural = "品牌健康度"
        indexes = [
            models.Index(fields=["org_path", "score"]),
            # The lowest of a large subtree: read in score order until enough are in it.
            models.Index(fields=["score", "brand"], name="brandhealth_score_brand"),
        ]

    def __str__(self) -> str:
        return f"品牌健康度 {self.score}"

    @property
    def parts(self) -> dict[str, float]:
        return {part: float(getattr(self, part)) for part in PART_FIELDS}

    def lowers_shown(self, limit: int | None = None) -> list[dict]:
        """What lowers the index, each with the address of the page where the work is done."""
        shown = []
        for row in self.lowers[:limit]:
            name, args, query = row["to"]
            url = reverse(name, args=args)
            query = query.lstrip("?")  # rows kept before queries were written without it
            if query.startswith("#"):  # a place on the page: one item among others
                url = f"{url}{query}"
            elif query:
                url = f"{url}?{query}"
            shown.append({"part": row["part"], "text": row["text"], "url": url})
        return shown


class BrandHealthHistory(models.Model):
    """A brand's index on one day (the last computation of the day), for trends."""

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    org_path = models.CharField(max_length=255)
    day = models.DateField("日期")
    month = models.CharField("月份", max_length=7)  # 2026-09, for monthly trends in SQL
    score = models.DecimalField("健康度", max_digits=5, decimal_places=1)
    parts = models.JSONField("分项得分", default=dict)

    class Meta:
        verbose_name = "品牌健康度历史"
        verbose_name_plural = "品牌健康度历史"
        constraints = [models.UniqueConstraint(fields=["brand", "day"], name="cockpit_history_day")]
        indexes = [models.Index(fields=["org_path", "month"])]

    def __str__(self) -> str:
        return f"{self.day} 品牌健康度 {self.score}"


class OrgRollup(models.Model):
    """What the cockpit shows of one organisation's subtree: coverage of its branches, the
    lifecycle funnel, tiers, the health distribution and the 评选 results, computed in SQL by
    the recompute."""

    org = models.OneToOneField(
        "orgs.Organization", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True)
    branches = models.PositiveIntegerField("党支部", default=0)
    branches_named = models.PositiveIntegerField("已命名品牌的支部", default=0)
    branches_creating = models.PositiveIntegerField("创建中的支部", default=0)
    brands = models.PositiveIntegerField("品牌", default=0)
    funnel = models.JSONField("各阶段品牌数", default=dict)
    tiers = models.JSONField("各层级品牌数", default=dict)
    bands = models.JSONField("健康度分布", default=list)
    health_avg = models.DecimalField("平均健康度", max_digits=5, decimal_places=1, null=True)
    part_avgs = models.JSONField("分项平均", default=dict)
    # By the province of each brand's organisation: {"江苏": {"brands", "named", "health"}}.
    provinces = models.JSONField("各省份品牌", default=dict)
    # 评选 results of the subtree's entries (by the organisation an entry was made from):
    # entries submitted (not drafts, not withdrawn), in every year and in `round_year` (the
    # year when computed); brands named in 验收评选 and by the tier awarded; 复评 conclusions;
    # and the latest rounds the subtree entered, each with its own numbers.
    round_year = models.PositiveSmallIntegerField("统计年度", null=True)
    round_entries = models.PositiveIntegerField("累计参评", default=0)
    round_entries_year = models.PositiveIntegerField("本年度参评", default=0)
    round_named = models.PositiveIntegerField("验收评选获命名", default=0)
    round_named_year = models.PositiveIntegerField("本年度获命名", default=0)
    round_named_tiers = models.JSONField("获命名等次", default=dict)
    round_outcomes = models.JSONField("复评结论", default=dict)
    rounds = models.JSONField("最近评选", default=list)
    computed_at = models.DateTimeField("计算时间")

    class Meta:
        verbose_name = "组织品牌汇总"
        verbose_name_plural = "组织品牌汇总"

    def __str__(self) -> str:
        return f"组织品牌汇总 {self.path}"

    @property
    def branches_none(self) -> int:
        return self.branches - self.branches_named - self.branches_creating


class OrgMonth(models.Model):
    """An organisation's average index in one month (the last refresh of the month), so the
    cockpit's trend reads twelve rows, not the history of every brand below."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    month = models.CharField("月份", max_length=7)
    health_avg = models.DecimalField("平均健康度", max_digits=5, decimal_places=1)
    brands = models.PositiveIntegerField("品牌", default=0)

    class Meta:
        verbose_name = "组织月度健康度"
        verbose_name_plural = "组织月度健康度"
        constraints = [models.UniqueConstraint(fields=["org", "month"], name="cockpit_org_month")]

    def __str__(self) -> str:
        return f"{self.month} 平均健康度 {self.health_avg}"
