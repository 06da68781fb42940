"""The expert panel of a round: groups, members, declared conflicts, which expert scores which
entry, their score sheets, and the 现场路演 session the chair runs."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from partybrand.core.versioning import Versioned
from partybrand.rounds.choices import SheetStatus
from partybrand.rounds.models.entry import Entry
from partybrand.rounds.models.round import Round


class PanelGroup(models.Model):
    """A group of the round's panel (评审组), scoring the entries given to it."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="panel_groups"
    )
    name = models.CharField("评审组名称", max_length=60)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "评审组"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="panel_group_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class PanelMember(models.Model):
    """An expert on a round's panel, in a group, perhaps its chair (组长)."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="panel_members"
    )
    group = models.ForeignKey(
        PanelGroup,
        verbose_name="评审组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评审专家",
        on_delete=models.PROTECT,
        related_name="round_panels",
    )
    is_chair = models.BooleanField("组长", default=False)
    drawn = models.BooleanField("随机抽取", default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="添加人", on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "评审专家"
        ordering = ["round_id", "group_id", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="panel_member_once")]

    def __str__(self) -> str:
        return str(self.user)


class ConflictDeclaration(models.Model):
    """An expert's declaration that they may not judge an entry (回避申明), with the reason."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="conflicts"
    )
    member = models.ForeignKey(
        PanelMember, verbose_name="评审专家", on_delete=models.CASCADE, related_name="conflicts"
    )
    entry = models.ForeignKey(
        Entry, verbose_name="参评申报", on_delete=models.CASCADE, related_name="conflicts"
    )
    reason = models.CharField("回避理由", max_length=200)
    declared_at = models.DateTimeField("申明时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "回避申明"
        constraints = [models.UniqueConstraint(fields=["member", "entry"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.member} 回避 {self.entry}"


class Assignment(models.Model):
    """An expert given an entry to score."""

    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="assignments"
    )
    member = models.ForeignKey(
        PanelMember, verbose_name="评审专家", on_delete=models.CASCADE, related_name="assignments"
    )
    entry = models.ForeignKey(
        Entry, verbose_name="参评申报", on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_at = models.DateTimeField("分配时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "评审分配"
        constraints = [models.UniqueConstraint(fields=["member", "entry"], name="assignment_once")]
        indexes = [models.Index(fields=["round", "entry"], name="assignment_round_entry")]

    def __str__(self) -> str:
        return f"{self.member} → {self.entry}"


class ScoreSheet(Versioned):
    """One expert's scores of one entry: a score per leaf indicator of the round's system
    (`items`: indicator id → score, as text of a decimal), the total, comments; a draft until
    submitted, locked when the chair closes the entry or confirms the results."""

    assignment = models.OneToOneField(
        Assignment, verbose_name="评审分配", on_delete=models.CASCADE, related_name="sheet"
    )
    # Copied from the assignment so a round's sheets are read without joins.
    round = models.ForeignKey(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="sheets"
    )
    entry = models.ForeignKey(
        Entry, verbose_name="参评申报", on_delete=models.CASCADE, related_name="sheets"
    )
    items = models.JSONField("分项得分", default=dict, blank=True)
    total = models.DecimalField("总分", max_digits=7, decimal_places=2, default=Decimal("0"))
    comments = models.TextField("评语", blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    locked_at = models.DateTimeField("锁定时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "评分表"
        indexes = [
            models.Index(fields=["round", "status"], name="sheet_round_status"),
            models.Index(fields=["entry", "status"], name="sheet_entry_status"),
        ]

    def __str__(self) -> str:
        return f"评分表 {self.assignment_id}"


class RoadshowSession(Versioned):
    """A round's 现场路演: the chair opens each entry in turn with a timer, the sheets lock when
    it closes, and the room's screen shows the result only once the chair releases it."""

    round = models.OneToOneField(
        Round, verbose_name="评选批次", on_delete=models.CASCADE, related_name="roadshow"
    )
    chair = models.ForeignKey(
        PanelMember,
        verbose_name="主持组长",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_per_entry = models.PositiveSmallIntegerField("每项路演时长（分钟）", default=8)
    current_entry = models.ForeignKey(
        Entry,
        verbose_name="当前路演",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField("当前项开始时间", null=True, blank=True)
    closes_at = models.DateTimeField("当前项截止时间", null=True, blank=True)
    released = models.BooleanField("当前项结果已展示", default=False)
    started_at = models.DateTimeField("路演开始时间", null=True, blank=True)
    ended_at = models.DateTimeField("路演结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "现场路演"

    def __str__(self) -> str:
        return f"{self.round} 现场路演"
