"""The round's public side: the group's vote, the 公示 with its objections, and the 命名决定."""

from django.conf import settings
from django.db import models

from partybrand.rounds.models.entry import Entry
from partybrand.rounds.models.round import Round


class Vote(models.Model):
    """One member's vote in a round's public vote (one per member per round)."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="votes"
    )
    entry = models.ForeignKey(
        Entry, verbose_name="参评申报", on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="投票人", on_delete=models.CASCADE, related_name="+"
    )
    cast_at = models.DateTimeField("投票时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "网络投票"
        constraints = [models.UniqueConstraint(fields=["round", "voter"], name="round_vote_once")]

    def __str__(self) -> str:
        return f"{self.voter} → {self.entry}"


class Objection(models.Model):
    """An objection raised during a round's 公示 by a signed-in user, and its recorded answer."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="objections"
    )
    entry = models.ForeignKey(
        Entry,
        verbose_name="参评申报",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="objections",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提出人", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("异议内容")
    created_at = models.DateTimeField("提出时间", auto_now_add=True)
    answer = models.TextField("答复", blank=True)
    upheld = models.BooleanField("异议成立", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公示异议"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:30]


class NamingDecision(models.Model):
    """The 命名决定 that ends a round: a 公文 with its 文号 and date."""

    round = models.OneToOneField(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="naming"
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name="命名决定",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    doc_number = models.CharField("文号", max_length=60, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "命名决定"

    def __str__(self) -> str:
        return self.doc_number or f"{self.round} 命名决定"
