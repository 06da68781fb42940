"""In-app notifications; one row per (user, key) so a reminder is never sent twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from partybrand.notices.registry import kind_label


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="接收人",
    )
    kind = models.CharField("类型", max_length=40)
    key = models.CharField("去重键", max_length=200)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    org_path = models.CharField("组织路径", max_length=255, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notices_unique_user_key"),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notices_user_read_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
