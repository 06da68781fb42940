"""Surveys (调研 / 征求意见): the questionnaire, its questions, and the answers people give."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from partybrand.core import clock
from partybrand.core.versioning import Versioned
from partybrand.orgs.models import Member, Organization
from partybrand.surveys.choices import (
    AnswerMode,
    QuestionKind,
    RepeatPolicy,
    RespondentStatus,
    SurveyStatus,
)


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Survey(Versioned):
    """A questionnaire an organisation sends to its members and staff before naming its brand."""

    org = models.ForeignKey(
        Organization, verbose_name="发起组织", on_delete=models.CASCADE, related_name="surveys"
    )
    brand = models.ForeignKey(
        "brands.Brand",
        verbose_name="关联品牌",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
    )
    title = models.CharField("问卷标题", max_length=100)
    intro = models.TextField("开篇语", blank=True)
    closing = models.TextField("结束语", blank=True)
    opens_at = models.DateTimeField("开始时间", null=True, blank=True)
    closes_at = models.DateTimeField("截止时间", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    mode = models.CharField(
        "填写方式", max_length=20, choices=AnswerMode.choices, default=AnswerMode.NAMED
    )
    repeat_policy = models.CharField(
        "匿名防重复", max_length=20, choices=RepeatPolicy.choices, default=RepeatPolicy.DEVICE
    )
    staff_count = models.PositiveIntegerField("非党员职工人数", default=0)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "调研问卷"
        verbose_name_plural = "调研问卷"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="survey_recent_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def allows_named(self) -> bool:
        return self.mode in (AnswerMode.NAMED, AnswerMode.BOTH)

    @property
    def allows_anonymous(self) -> bool:
        return self.mode in (AnswerMode.ANONYMOUS, AnswerMode.BOTH)

    @property
    def ends_at(self):
        """When answering stopped or will stop: the manual close or the closing time."""
        if self.status == SurveyStatus.CLOSED:
            return self.closed_at or self.closes_at
        return self.closes_at

    def phase(self, now=None) -> str:
        """draft, scheduled (published, not yet open), open, or ended."""
        now = now or clock.now()
        if self.status == SurveyStatus.DRAFT:
            return "draft"
        if self.status == SurveyStatus.CLOSED or (self.closes_at and now >= self.closes_at):
            return "ended"
        if self.opens_at and now < self.opens_at:
            return "scheduled"
        return "open"

    @property
    def phase_label(self) -> str:
        return {"draft": "草稿", "scheduled": "未开始", "open": "收集中", "ended": "已截止"}[
            self.phase()
        ]


class Question(Versioned):
    """One question of a survey, in the order respondents see it."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField("序号", default=0)
    kind = models.CharField("题型", max_length=20, choices=QuestionKind.choices)
    title = models.CharField("题目", max_length=200)
    description = models.CharField("说明", max_length=300, blank=True)
    required = models.BooleanField("必答", default=True)
    options = models.JSONField("选项", default=list, blank=True)
    min_choices = models.PositiveSmallIntegerField("最少选择", null=True, blank=True)
    max_choices = models.PositiveSmallIntegerField("最多选择", null=True, blank=True)
    scale_max = models.PositiveSmallIntegerField("评分满分", default=5)
    low_label = models.CharField("最低分含义", max_length=20, blank=True)
    high_label = models.CharField("最高分含义", max_length=20, blank=True)

    class Meta:
        verbose_name = "问卷题目"
        verbose_name_plural = "问卷题目"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def scale(self) -> range:
        return range(1, self.scale_max + 1)


class Response(models.Model):
    """One person's filled-in questionnaire: named (a member, signed in) or anonymous (a link)."""

    # Looked up through response_recent_idx (survey, -submitted_at): an index of its own would be
    # one more write for every answer sent.
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", db_index=False
    )
    # Indexed only where set (response_member_idx): an anonymous answer writes no index entry
    # for the member it does not have.
    member = models.ForeignKey(
        Member,
        verbose_name="党员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
        db_index=False,
    )
    # Kept at answering time so breakdowns stay true when a member later moves.
    respondent_org = models.ForeignKey(
        Organization,
        verbose_name="所在组织",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    respondent_status = models.CharField(
        "身份",
        max_length=20,
        choices=RespondentStatus.choices,
        default=RespondentStatus.UNKNOWN,
    )
    is_anonymous = models.BooleanField("匿名", default=False)
    # Keyed hashes only: neither the device id nor the address can be read back.
    device_hash = models.CharField(max_length=64, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    ip_day = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "答卷"
        verbose_name_plural = "答卷"
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["survey", "-submitted_at"], name="response_recent_idx"),
            models.Index(
                fields=["member"], condition=Q(member__isnull=False), name="response_member_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "member"],
                condition=Q(member__isnull=False),
                name="survey_one_response_per_member",
            ),
            models.UniqueConstraint(
                fields=["survey", "device_hash"],
                condition=~Q(device_hash=""),
                name="survey_one_response_per_device",
            ),
            models.UniqueConstraint(
                fields=["survey", "ip_hash", "ip_day"],
                condition=~Q(ip_hash=""),
                name="survey_one_response_per_address_day",
            ),
        ]

    def __str__(self) -> str:
        return f"答卷 {self.pk}"


class Answer(models.Model):
    """The answer to one question within a response."""

    # Looked up through one_answer_per_question (response, question), which leads with it.
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Option indexes for choices, the order for rankings, the score for ratings, the text for
    # free text, and {name, slogan, reason} for a name proposal.
    value = models.JSONField("答案")
    # The words of the answer (free text, or a proposal's slogan and reason) for keyword search.
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "答案"
        verbose_name_plural = "答案"
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class AnswerCode(models.Model):
    """A one-time code handed to one person (a printed slip with a QR code): a survey answered
    凭一次性码 takes one anonymous answer per code. Which answer used a code is not kept."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField("作答码", max_length=16, unique=True)
    number = models.PositiveIntegerField("序号")
    # Printed on the slip so it reaches the right person: a member's name and unit, or empty.
    label = models.CharField("发放对象", max_length=100, blank=True)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    used = models.BooleanField("已使用", default=False)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "一次性作答码"
        verbose_name_plural = "一次性作答码"
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="survey_code_number_once"),
            models.UniqueConstraint(
                fields=["survey", "member"],
                condition=Q(member__isnull=False),
                name="survey_code_once_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"作答码 {self.number}"
