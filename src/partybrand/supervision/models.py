"""Supervision tickets (督办单) with their history and evidence, and review meetings (复盘)
whose findings become rectification items (整改事项) closed off one by one (照单销号)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from partybrand.core import clock
from partybrand.core.models import EvidenceFile
from partybrand.core.versioning import Versioned
from partybrand.orgs.models import Organization
from partybrand.supervision.choices import (
    DONE_STATUSES,
    OPEN_STATUSES,
    ItemStatus,
    TicketAction,
    TicketStatus,
)


def ticket_file_path(instance, filename: str) -> str:
    return f"supervision/{instance.ticket_id}/{filename}"


class Ticket(Versioned):
    """A 督办单: a task or a matter an organisation must deal with by a deadline."""

    org = models.ForeignKey(
        Organization,
        verbose_name="被督办组织",
        on_delete=models.CASCADE,
        related_name="supervision_tickets",
    )
    task = models.ForeignKey(
        "plans.Task",
        verbose_name="督办任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
    )
    title = models.CharField("督办事项", max_length=100)
    matter = models.TextField("督办内容及要求")
    deadline = models.DateField("办理时限")
    status = models.CharField(
        "状态", max_length=12, choices=TicketStatus.choices, default=TicketStatus.RAISED
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="督办人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="raised_tickets",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    feedback = models.TextField("办理情况反馈", blank=True)
    escalation_level = models.PositiveSmallIntegerField("升级次数", default=0)
    escalated_to = models.ForeignKey(
        Organization,
        verbose_name="升级至",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalated_tickets",
    )
    escalated_on = models.DateField("升级日期", null=True, blank=True)
    created_at = models.DateTimeField("下发时间", default=timezone.now)
    feedback_at = models.DateTimeField("反馈时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)

    class Meta:
        verbose_name = "督办单"
        verbose_name_plural = "督办单"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="supervision_ticket_due_idx"),
            models.Index(fields=["assignee", "status"], name="supervision_ticket_asg_idx"),
            models.Index(fields=["raised_by", "status"], name="supervision_ticket_rsd_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        year = clock.local(self.created_at).year if self.created_at else clock.today().year
        return f"督〔{year}〕{self.pk or 0:04d}号"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES

    def is_overdue(self, today) -> bool:
        return self.is_open and self.deadline < today


class TicketEvent(models.Model):
    """One step in a ticket's history: who did what, when, with what note."""

    ticket = models.ForeignKey(
        Ticket, verbose_name="督办单", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField("环节", max_length=12, choices=TicketAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "督办记录"
        verbose_name_plural = "督办记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.get_action_display()}"


class TicketFile(EvidenceFile):
    """Evidence handed in with the feedback."""

    ticket = models.ForeignKey(
        Ticket, verbose_name="督办单", on_delete=models.CASCADE, related_name="files"
    )
    event = models.ForeignKey(
        TicketEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    file = models.FileField("文件", upload_to=ticket_file_path)

    class Meta(EvidenceFile.Meta):
        verbose_name = "督办佐证材料"
        verbose_name_plural = "督办佐证材料"


class ReviewMeeting(Versioned):
    """A 复盘 meeting of a plan: who came, what was discussed, what was found."""

    plan = models.ForeignKey(
        "plans.Plan", verbose_name="计划", on_delete=models.CASCADE, related_name="reviews"
    )
    title = models.CharField("会议名称", max_length=100)
    held_on = models.DateField("召开日期")
    convenor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="召集人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="convened_reviews",
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="参会人员",
        blank=True,
        related_name="attended_reviews",
    )
    guests = models.CharField(
        "列席人员", max_length=300, blank=True, help_text="无账号的人员，用顿号分隔"
    )
    agenda = models.TextField("会议议程", blank=True)
    minutes = models.TextField("会议纪要", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "复盘会议"
        verbose_name_plural = "复盘会议"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["plan", "held_on"], name="supervision_review_plan_idx")]

    def __str__(self) -> str:
        return self.title


class RectificationItem(Versioned):
    """A finding of a 复盘 turned into a rectification item with owner and deadline."""

    meeting = models.ForeignKey(
        ReviewMeeting, verbose_name="复盘会议", on_delete=models.CASCADE, related_name="items"
    )
    finding = models.TextField("发现的问题")
    measure = models.TextField("整改措施", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="整改责任人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="rectification_items",
    )
    deadline = models.DateField("整改时限")
    status = models.CharField(
        "状态", max_length=8, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    done_note = models.TextField("整改情况", blank=True)
    done_at = models.DateTimeField("整改完成时间", null=True, blank=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["owner", "status"], name="supervision_item_owner_idx"),
            models.Index(fields=["status", "deadline"], name="supervision_item_due_idx"),
        ]

    def __str__(self) -> str:
        return self.finding[:40]

    def is_overdue(self, today) -> bool:
        return self.status == ItemStatus.OPEN and self.deadline < today
