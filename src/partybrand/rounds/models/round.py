"""The round (评选批次) itself: who runs it, what it judges, its timetable and its tiers."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from partybrand.brands.choices import BrandTier
from partybrand.core.versioning import Versioned
from partybrand.rounds.choices import RoundKind, RoundStatus, ScoringRule, StageKind


class Round(Versioned):
    """A committee's round of brand judging (评选批次): 立项评审, 中期检查, 验收评选 or 复评. It
    says which organisations' brands may enter, when each stage runs, which indicator system the
    experts score with and how scores are combined, which tiers it awards and how many of each,
    and which requirements an entry must meet. Its 通知 is a 公文 with a 文号 (documents)."""

    committee = models.ForeignKey(
        "orgs.Organization",
        verbose_name="组织单位",
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    kind = models.CharField("评选类型", max_length=20, choices=RoundKind.choices)
    title = models.CharField("批次名称", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "阶段", max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    description = models.TextField("评选说明", blank=True)
    eligible_orgs = models.ManyToManyField(
        "orgs.Organization",
        verbose_name="可参评组织",
        blank=True,
        related_name="eligible_rounds",
        help_text="所列组织及其下级组织的品牌可以参评；不选表示组织单位下所有品牌",
    )
    indicator_system = models.ForeignKey(
        "indicators.IndicatorSystem",
        verbose_name="评分指标体系",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    scoring_rule = models.CharField(
        "计分方法", max_length=20, choices=ScoringRule.choices, default=ScoringRule.TRIMMED_MEAN
    )
    divergence_threshold = models.DecimalField(
        "评分分歧提示阈值（分）",
        max_digits=6,
        decimal_places=2,
        default=Decimal("10"),
        help_text="同一申报专家总分相差超过该分值时提示分歧",
    )
    min_sheets = models.PositiveSmallIntegerField(
        "每项最少评分表",
        default=3,
        help_text="每项申报至少收到这么多份专家评分表，结果才能直接确认；不足的须说明理由后确认",
    )
    publicity_days = models.PositiveSmallIntegerField("公示天数", default=5)
    publicity_starts_on = models.DateField("公示开始日期", null=True, blank=True)
    publicity_ends_on = models.DateField("公示截止日期", null=True, blank=True)
    # The public vote inside the group: optional, within a window, weighted into the result.
    vote_enabled = models.BooleanField("开展网络投票", default=False)
    vote_opens_at = models.DateTimeField("投票开始时间", null=True, blank=True)
    vote_closes_at = models.DateTimeField("投票截止时间", null=True, blank=True)
    vote_weight = models.DecimalField(
        "投票权重",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        help_text="0–1 之间，投票得分按此比例计入总分",
    )
    # The entry requirements: which apply (RequirementKey → bool; a key not set applies) and
    # the months a brand must have been running.
    requirements = models.JSONField("申报条件", default=dict, blank=True)
    min_months = models.PositiveSmallIntegerField("最短运行月数", default=6)
    # The 通知 that opens the round.
    notice_document = models.ForeignKey(
        "documents.Document",
        verbose_name="评选通知",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notice_number = models.CharField("通知文号", max_length=60, blank=True)
    notice_date = models.DateField("通知日期", null=True, blank=True)
    # The chair's confirmation of the ranking and the release of results to the panel.
    results_confirmed_at = models.DateTimeField("结果确认时间", null=True, blank=True)
    results_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="结果确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    results_released_at = models.DateTimeField("结果发布时间", null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        "复评周期（月）", default=36, help_text="命名后多少个月进行复评"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "评选批次"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["committee", "status"], name="round_committee_status")]

    def __str__(self) -> str:
        return self.title

    def applies(self, key: str) -> bool:
        """Whether the requirement `key` (RequirementKey) applies to this round."""
        return bool((self.requirements or {}).get(key, True))


class RoundStage(models.Model):
    """One stage of a round's timetable (申报, 推荐, 预审, 专家评审, 现场路演, 公示, 命名)."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField("阶段", max_length=20, choices=StageKind.choices)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")

    class Meta:
        verbose_name = verbose_name_plural = "评选时间安排"
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="round_stage_once"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="round_stage_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"


class RoundTier(models.Model):
    """A tier a round awards (培育 / 示范 / 精品, or as the committee names them), its rank (1 is
    the highest), how many brands it may name (quota) and the lowest score that reaches it."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="tiers"
    )
    name = models.CharField("等次名称", max_length=30)
    brand_tier = models.CharField(
        "对应品牌等级",
        max_length=20,
        choices=BrandTier.choices,
        blank=True,
        help_text="命名后品牌记录的等级（培育品牌 / 示范品牌 / 精品品牌）",
    )
    rank = models.PositiveSmallIntegerField("等次顺序", help_text="1 为最高等次")
    quota = models.PositiveIntegerField("名额")
    min_score = models.DecimalField(
        "最低分数", max_digits=6, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = verbose_name_plural = "评选等次"
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "rank"], name="round_tier_rank_once"),
            models.UniqueConstraint(fields=["round", "name"], name="round_tier_name_once"),
        ]

    def __str__(self) -> str:
        return self.name
