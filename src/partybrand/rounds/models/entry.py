"""Entries of a round and the reviews they pass before the experts: 推荐 and 预审."""

from django.conf import settings
from django.db import models

from partybrand.core.versioning import Versioned
from partybrand.rounds.choices import (
    STATUS_BADGE,
    EntryStatus,
    ReviewDecision,
    ReviewStage,
    RoundOutcome,
)
from partybrand.rounds.models.round import Round, RoundTier


class Entry(Versioned):
    """A brand entered in a round (参评申报), with its 申报书 (a documents Document of kind
    `application`), the tier applied for, what the requirement check found when it was
    submitted, and at the end its score, rank and the tier awarded (or a 复评 outcome)."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="entries"
    )
    brand = models.ForeignKey(
        "brands.Brand", verbose_name="品牌", on_delete=models.PROTECT, related_name="round_entries"
    )
    # The brand's organisation when it entered: the scope of who sees and reviews the entry.
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name="申报组织",
        on_delete=models.PROTECT,
        related_name="round_entries",
    )
    status = models.CharField(
        "状态", max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    tier = models.ForeignKey(
        RoundTier,
        verbose_name="申报等次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    application = models.ForeignKey(
        "documents.Document",
        verbose_name="申报书",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    statement = models.TextField("申报说明", blank=True)
    requirement_snapshot = models.JSONField("提交时申报条件核验", default=list, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Results (rounds part 2 fills them).
    expert_score = models.DecimalField(
        "专家评分", max_digits=7, decimal_places=2, null=True, blank=True
    )
    vote_score = models.DecimalField(
        "投票得分", max_digits=7, decimal_places=2, null=True, blank=True
    )
    vote_count = models.PositiveIntegerField("得票数", default=0)
    final_score = models.DecimalField(
        "最终得分", max_digits=7, decimal_places=2, null=True, blank=True
    )
    divergent = models.BooleanField("评分分歧", default=False)
    sheet_count = models.PositiveSmallIntegerField("有效评分表数", default=0)
    rank = models.PositiveIntegerField("排名", null=True, blank=True)
    awarded_tier = models.ForeignKey(
        RoundTier,
        verbose_name="评定等次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    outcome = models.CharField("复评结论", max_length=20, choices=RoundOutcome.choices, blank=True)
    rectify_deadline = models.DateField("整改期限", null=True, blank=True)
    # 现场路演: the order of presenting, when the chair opened and closed it, and when its
    # result was shown on the room's screen.
    roadshow_order = models.PositiveIntegerField("路演顺序", null=True, blank=True)
    roadshow_opened_at = models.DateTimeField("路演开始时间", null=True, blank=True)
    roadshow_closed_at = models.DateTimeField("路演结束时间", null=True, blank=True)
    result_released_at = models.DateTimeField("结果展示时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "参评申报"
        ordering = ["round_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "brand"], name="entry_once_per_round")
        ]
        indexes = [
            models.Index(fields=["round", "status"], name="entry_round_status"),
            models.Index(fields=["round", "rank"], name="entry_round_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.brand} · {self.round}"

    @property
    def status_badge(self) -> str:
        """The badge classes its status is shown with."""
        return STATUS_BADGE.get(self.status, "text-bg-danger")


class EntryReview(models.Model):
    """One review of an entry before the experts: the 推荐 of the level above or the 预审
    (形式审查) of the 党建工作部, with its decision, comments and the checklist answered."""

    entry = models.ForeignKey(
        Entry, verbose_name="参评申报", on_delete=models.CASCADE, related_name="reviews"
    )
    stage = models.CharField("环节", max_length=20, choices=ReviewStage.choices)
    decision = models.CharField("结论", max_length=20, choices=ReviewDecision.choices)
    comments = models.TextField("意见", blank=True)
    checklist = models.JSONField("审查清单", default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("审核时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "申报审核"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.get_decision_display()}"
