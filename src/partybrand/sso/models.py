"""Accounts that sign in through the company's directory or single sign-on provider."""

from django.conf import settings
from django.db import models

from partybrand.sso.choices import Provider


class ExternalIdentity(models.Model):
    """A person of the company directory (LDAP/AD) or of the single sign-on provider (OIDC), and
    the platform account they sign in as: the account of the member whose ID number or staff
    number the directory gave."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    provider = models.CharField("来源", max_length=10, choices=Provider.choices)
    # The directory's user name (LDAP) or the provider's subject (OIDC `sub`): never reassigned.
    subject = models.CharField("目录标识", max_length=255)
    created_at = models.DateTimeField("关联时间", auto_now_add=True)
    last_sign_in = models.DateTimeField("最近登录", null=True, blank=True)

    class Meta:
        verbose_name = "统一身份账号"
        verbose_name_plural = "统一身份账号"
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="unique_external_subject")
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} · {self.subject}"
