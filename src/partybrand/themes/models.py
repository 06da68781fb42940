"""The theme workshop of a brand: candidates, votes, scores, the decision and its publicity."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from partybrand.brands.models import Brand
from partybrand.core.versioning import Versioned
from partybrand.themes.choices import CandidateSource, ScorerKind, WorkshopStage

USER = settings.AUTH_USER_MODEL
SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Workshop(models.Model):
    """A branch's round of finding its brand's name and slogan: 征集 → 投票 → 决定 → 公示 → 确定."""

    brand = models.OneToOneField(
        Brand, verbose_name="品牌", on_delete=models.CASCADE, related_name="theme_workshop"
    )
    stage = models.CharField(
        "阶段", max_length=20, choices=WorkshopStage.choices, default=WorkshopStage.COLLECTING
    )
    # Voting: a round number (re-opened after a shortlist → a new round), its window, its ballot.
    vote_round = models.PositiveSmallIntegerField("投票轮次", default=0)
    vote_opens_at = models.DateTimeField("投票开始", null=True, blank=True)
    vote_closes_at = models.DateTimeField("投票截止", null=True, blank=True)
    ballot = models.JSONField("本轮候选", default=list, blank=True)
    # The decision and its publicity.
    decided = models.ForeignKey(
        "Candidate",
        verbose_name="确定的候选",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField("决定理由", blank=True)
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    publicity_days = models.PositiveSmallIntegerField("公示天数", default=5)
    publicity_ends_at = models.DateTimeField("公示截止", null=True, blank=True)
    adopted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    adopted_at = models.DateTimeField("采用时间", null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "主题征集"
        verbose_name_plural = "主题征集"
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["stage", "-updated_at"], name="workshop_stage_idx")]

    def __str__(self) -> str:
        return f"{self.brand.name} 主题征集"


class Candidate(Versioned):
    """A proposed name with its slogan and 内涵释义, from a member, a survey, staff or the AI."""

    workshop = models.ForeignKey(
        Workshop, verbose_name="主题征集", on_delete=models.CASCADE, related_name="candidates"
    )
    name = models.CharField("名称", max_length=30)
    slogan = models.CharField("口号", max_length=100, blank=True)
    meaning = models.TextField("内涵释义", blank=True)
    # [[phrase, explanation], ...]: the 内涵释义 phrase by phrase, copied to the brand on adoption.
    phrases = models.JSONField("逐句释义", default=list, blank=True)
    key = models.CharField("归一化名称", max_length=60)  # for de-duplication
    source = models.CharField("来源", max_length=20, choices=CandidateSource.choices)
    proposed_by = models.ForeignKey(
        USER, verbose_name="提出人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposer_count = models.PositiveIntegerField("提议人数", default=1)
    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name="来源问卷",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shortlisted = models.BooleanField("入围", default=False)
    check_report = models.JSONField("自动检测", null=True, blank=True)
    checked_at = models.DateTimeField("检测时间", null=True, blank=True)
    created_at = models.DateTimeField("提出时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "主题候选"
        verbose_name_plural = "主题候选"
        ordering = ["-shortlisted", "-proposer_count", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "key"], name="theme_candidate_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class Vote(models.Model):
    """One member's vote in one round: a single candidate."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="votes")
    round = models.PositiveSmallIntegerField("轮次")
    candidate = models.ForeignKey(
        Candidate, verbose_name="候选", on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.ForeignKey(
        USER, verbose_name="投票人", on_delete=models.CASCADE, related_name="+"
    )
    cast_at = models.DateTimeField("投票时间")

    class Meta:
        verbose_name = "投票"
        verbose_name_plural = "投票"
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "round", "voter"], name="theme_one_vote_per_round"
            )
        ]
        indexes = [models.Index(fields=["workshop", "round"], name="theme_vote_round_idx")]

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.candidate_id}（第 {self.round} 轮）"


class Score(models.Model):
    """A staff member's or an expert's judgement of a candidate: 政治味、文化味、融合味 1–5."""

    candidate = models.ForeignKey(
        Candidate, verbose_name="候选", on_delete=models.CASCADE, related_name="scores"
    )
    scorer = models.ForeignKey(
        USER, verbose_name="评分人", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("身份", max_length=10, choices=ScorerKind.choices)
    political = models.PositiveSmallIntegerField("政治味", validators=SCORE)
    cultural = models.PositiveSmallIntegerField("文化味", validators=SCORE)
    integration = models.PositiveSmallIntegerField("融合味", validators=SCORE)
    comment = models.TextField("意见", blank=True)
    updated_at = models.DateTimeField("评分时间", auto_now=True)

    class Meta:
        verbose_name = "主题评分"
        verbose_name_plural = "主题评分"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "scorer"], name="theme_one_score_each")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} 评分"


class ExpertInvite(models.Model):
    """An expert asked to score this workshop's candidates (experts see nothing else)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="invites")
    expert = models.ForeignKey(
        USER, verbose_name="专家", on_delete=models.CASCADE, related_name="+"
    )
    invited_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField("邀请时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审专家邀请"
        verbose_name_plural = "评审专家邀请"
        constraints = [
            models.UniqueConstraint(fields=["workshop", "expert"], name="theme_invite_once")
        ]

    def __str__(self) -> str:
        return f"{self.workshop} 专家 {self.expert_id}"


class SurveyImport(models.Model):
    """A survey whose name proposals were taken in, so they are not counted twice."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="imports")
    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE, related_name="+")
    proposals = models.PositiveIntegerField("导入建议数", default=0)
    imported_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "问卷导入"
        verbose_name_plural = "问卷导入"
        constraints = [
            models.UniqueConstraint(fields=["workshop", "survey"], name="theme_import_once")
        ]

    def __str__(self) -> str:
        return f"{self.workshop} ← {self.survey_id}"


class Objection(models.Model):
    """An objection raised during the decision's publicity, and the branch's answer to it."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="objections")
    author = models.ForeignKey(
        USER, verbose_name="提出人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("异议内容")
    created_at = models.DateTimeField("提出时间")
    answer = models.TextField("答复", blank=True)
    answered_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    resolved = models.BooleanField("已办结", default=False)

    class Meta:
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:30]
