"""The signed-in sessions of each account, as the person sees them on “我的账号”."""

from django.conf import settings
from django.db import models


class SignedInSession(models.Model):
    """One browser signed in as a user: where from, since when, last seen (kept beside Django's
    own session, whose key it names, so the person can see and end it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="signed_in_sessions",
    )
    session_key = models.CharField(max_length=64, unique=True)
    address = models.CharField("登录地址", max_length=64, blank=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)
    created_at = models.DateTimeField("登录时间")
    last_seen = models.DateTimeField("最近活动")

    class Meta:
        verbose_name = "登录会话"
        verbose_name_plural = "登录会话"
        ordering = ["-last_seen", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.address or '未知地址'}"
