"""Background work: one row per piece of work a user started (an import, an export)."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from partybrand.jobs.choices import FINAL_STATES, JobKind, JobState


class Job(models.Model):
    """A piece of work the platform does for someone in the background, and how it went."""

    kind = models.CharField("任务类型", max_length=40, choices=JobKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name="发起人",
    )
    org_path = models.CharField("组织路径", max_length=255, blank=True)
    # What makes a second submission of one form the same job (the page's submission token).
    key = models.CharField("提交标识", max_length=100, blank=True)
    state = models.CharField(
        "状态", max_length=20, choices=JobState.choices, default=JobState.QUEUED
    )
    phase = models.CharField("阶段", max_length=40, blank=True)
    done = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    created_at = models.DateTimeField("创建时间")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    request_id = models.CharField("请求编号", max_length=64, blank=True)
    # What the work needs besides its input file; never personal data.
    params = models.JSONField("参数", default=dict, blank=True)
    input_file = models.FileField("输入文件", upload_to="jobs/input/", blank=True)
    summary = models.JSONField("结果摘要", default=dict, blank=True)
    result_file = models.FileField("结果文件", upload_to="jobs/result/", blank=True)
    result_name = models.CharField("结果文件名", max_length=200, blank=True)
    failed_rows = models.JSONField("错误行", default=list, blank=True)
    error = models.CharField("错误", max_length=500, blank=True)
    # Shown to administrators only; empty when the work was refused for the user's own data.
    traceback = models.TextField("错误详情", blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "key"],
                condition=~models.Q(key=""),
                name="jobs_unique_owner_key",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="jobs_owner_created_idx"),
            models.Index(fields=["state", "finished_at"], name="jobs_state_finished_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_detail", kwargs={"pk": self.pk})

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def crashed(self) -> bool:
        """Failed through an error of the platform (not a file refused for its rows)."""
        return self.state == JobState.FAILED and bool(self.traceback)
