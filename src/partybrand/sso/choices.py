"""Choices of enterprise sign-in: where an identity comes from, and what the audit records."""

from django.db import models


class Provider(models.TextChoices):
    LDAP = "ldap", "LDAP/AD 目录"
    OIDC = "oidc", "统一身份认证（OIDC）"


# Keys of audit rows' `changes` about sign-ins through the directory or the provider that are no
# field of the row's model (a member, an identity), as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "provider": "认证方式",
    "subject": "外部标识",
    "user": "账号",
    "member": "党员",
    "removed": "删除的设备数",
}


class SsoAudit(models.TextChoices):
    """What the audit log records of directory sign-in and the second factor."""

    SSO_CREATED = "sso_created", "统一身份认证首次登录，已创建账号"
    SSO_LINKED = "sso_linked", "统一身份认证账号已关联"
    SSO_REFUSED = "sso_refused", "统一身份认证登录被拒绝"
    TOTP_ENROLLED = "totp_enrolled", "启用动态口令"
    TOTP_REMOVED = "totp_removed", "停用动态口令"
    TOTP_RESET = "totp_reset", "重置动态口令"
    TOTP_FAILED = "totp_failed", "动态口令验证失败"
