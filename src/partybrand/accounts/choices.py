"""Choices of the accounts app, with the labels users know."""

from django.db import models


class AccountAudit(models.TextChoices):
    """What the audit log records of logins and passwords (roles: orgs' role_assign/revoke)."""

    CREATE = "account_create", "开通账号"
    BULK_CREATE = "account_bulk_create", "批量开通账号"
    DEACTIVATE = "account_deactivate", "停用账号"
    REACTIVATE = "account_reactivate", "启用账号"
    RESET_LINK = "account_reset_link", "发放密码重置链接"
    TEMPORARY_PASSWORD = "account_temporary_password", "发放临时密码"
    PASSWORD_CHANGE = "account_password_change", "修改密码"
    SESSION_END = "account_session_end", "结束登录会话"
