"""Cross-cutting models: the account, the audit log, proofs and one-time submission tokens."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A person who signs in: staff, a secretary, a member or an expert reviewer."""

    display_name = models.CharField("姓名", max_length=50, blank=True)
    # Set with a temporary password: every page leads to the change-password page until the
    # person has chosen their own (partybrand.accounts).
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username


class AuditLog(models.Model):
    """One recorded state change: who did what to which object, when and why."""

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField("操作", max_length=64)
    object_type = models.CharField("对象类型", max_length=64)
    object_id = models.CharField("对象编号", max_length=64)
    object_repr = models.CharField("对象", max_length=200)
    # The path of the organisation the object belongs to, so staff see the audit of their subtree.
    org_path = models.CharField(max_length=255, blank=True, db_index=True)
    changes = models.JSONField("变更", default=dict, blank=True)
    comment = models.TextField("说明", blank=True)
    # Where the request came from (等保): filled from the request being served (core/audit.py);
    # empty for management commands and other work outside a request.
    ip_address = models.CharField("IP 地址", max_length=45, blank=True)
    user_agent = models.CharField("浏览器", max_length=255, blank=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class EvidenceFile(models.Model):
    """A file kept as proof (佐证材料): checked by content and size on upload (core/uploads.py),
    served only through access-checked views. Subclasses add what it proves and `file` with
    their own upload path."""

    title = models.CharField("材料名称", max_length=100)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class SubmissionToken(models.Model):
    """A create already carried out for a one-time token (a page's hidden field or an API
    client's Idempotency-Key): the same token sent again gets this result instead of a second
    copy (core/submissions.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=255)
    path = models.CharField("提交地址", max_length=300)
    status = models.PositiveSmallIntegerField(default=0)  # the API answer's status
    location = models.CharField(max_length=500, blank=True)  # a page: where the result is shown
    body = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)  # the API answer
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "提交凭据"
        verbose_name_plural = "提交凭据"
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="core_submission_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.token}"


class LoginFailure(models.Model):
    """One failed (or still running) sign-in: which user name, from which address, when
    (core/throttle.py counts these; the user name is kept only as a keyed hash)."""

    at = models.DateTimeField("时间", db_index=True)
    name_key = models.CharField(max_length=64, db_index=True)
    address = models.CharField("网络地址", max_length=64, db_index=True)

    class Meta:
        verbose_name = "登录失败"
        verbose_name_plural = "登录失败"

    def __str__(self) -> str:
        return f"{self.address} {self.at:%Y-%m-%d %H:%M:%S}"


class LoginLock(models.Model):
    """A user name or a network address refused sign-in until a moment, after too many failures;
    the 党建工作部 may lift it early (the unlock page)."""

    class Kind(models.TextChoices):
        NAME = "name", "用户名"
        ADDRESS = "address", "网络地址"

    kind = models.CharField("锁定对象", max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=64)  # the name's key or the address
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    address = models.CharField("网络地址", max_length=64, blank=True)
    failures = models.PositiveIntegerField("失败次数", default=0)
    level = models.PositiveSmallIntegerField("第几次锁定", default=1)
    created_at = models.DateTimeField("锁定时间")
    until = models.DateTimeField("锁定至", db_index=True)
    lifted_at = models.DateTimeField("解锁时间", null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="解锁人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "登录锁定"
        verbose_name_plural = "登录锁定"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "key", "until"], name="login_lock_key_idx")]

    def __str__(self) -> str:
        if self.kind == self.Kind.ADDRESS:
            return f"网络地址 {self.address}"
        return f"用户名 {self.user.username}" if self.user else "用户名（未登记）"


class KnownAddress(models.Model):
    """An address a user name has signed in from lately: a lock of that address for others'
    failures does not refuse this name (core/throttle.py)."""

    name_key = models.CharField(max_length=64)
    address = models.CharField(max_length=64)
    last_success_at = models.DateTimeField()

    class Meta:
        verbose_name = "常用登录地址"
        verbose_name_plural = "常用登录地址"
        constraints = [
            models.UniqueConstraint(fields=["name_key", "address"], name="core_known_address_once")
        ]

    def __str__(self) -> str:
        return self.address


class ApiToken(models.Model):
    """A key a program uses to call the API for a person (`Authorization: Token <key>`). Only a
    hash of the key is kept; the key ends when it expires, is revoked, or its owner's password
    changes or account is deactivated (core/tokens.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("名称", max_length=50)
    prefix = models.CharField("前缀", max_length=16)  # the key's start, shown to recognise it
    digest = models.CharField(max_length=64, unique=True)  # sha256 of the whole key
    created_at = models.DateTimeField("创建时间")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    expires_at = models.DateTimeField("到期时间")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_reason = models.CharField("撤销原因", max_length=50, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"
