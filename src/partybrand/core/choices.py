"""Choices of the core app, with the labels users know."""

from django.db import models


class UserAudit(models.TextChoices):
    """What the audit log records of user accounts (kept in the admin)."""

    CREATE = "user_create", "新建用户"
    UPDATE = "user_update", "修改用户"
    DELETE = "user_delete", "删除用户"


class SessionAudit(models.TextChoices):
    """Signing in and out (from Django's auth signals, core/signals.py)."""

    LOGIN = "user_login", "登录"
    LOGIN_FAILED = "user_login_failed", "登录失败"
    LOGOUT = "user_logout", "退出登录"


# Keys of audit rows' `changes` about accounts, API tokens and sign-in locks that are no field of
# the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "user": "账号",
    "member": "党员",
    "org": "所在组织",
    "emailed": "已发邮件",
    "ended": "结束的会话数",
    "addresses": "会话地址",
    "failures": "失败次数",
    "level": "锁定级别",
    "until": "锁定至",
    "lifted_at": "解除时间",
    "removed": "删除的设备数",
    "name": "名称",
    "expires_at": "到期时间",
    "revoked_reason": "撤销原因",
}


class LoginAudit(models.TextChoices):
    """What the audit log records of sign-in locks (core/throttle.py)."""

    LOCK = "login_lock", "登录锁定"
    UNLOCK = "login_unlock", "解除登录锁定"


class TokenAudit(models.TextChoices):
    """What the audit log records of API tokens (core/tokens.py)."""

    ISSUE = "token_issue", "签发 API 令牌"
    REVOKE = "token_revoke", "撤销 API 令牌"
