"""API tokens: issued for a person (the token endpoint, or the API 令牌 page), kept only as a
hash, listed, revoked, and ended when they expire (`TOKEN_DAYS`), when the owner's password
changes or the account is deactivated (core/token_signals.py). Issuance and revocation are audited.

A key reads `pb_<prefix><secret>`: the 8-letter prefix is stored and shown so people recognise
their keys; the whole key's sha256 is what a request is checked against. The key itself is shown
once, when issued, and never stored.
"""

import hashlib
import secrets
import string
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.models import ApiToken

PREFIX_LETTERS = string.ascii_lowercase + string.digits
MARK = "pb_"
DEFAULT_NAME = "接口令牌"
# A request refreshes "last used" at most once a minute: not a write for every call.
USE_RESOLUTION = timedelta(minutes=1)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def status_of(token: ApiToken, now=None) -> str:
    """有效, 已过期 or 已撤销."""
    now = now or clock.now()
    if token.revoked_at is not None:
        return "已撤销"
    if token.expires_at <= now:
        return "已过期"
    return "有效"


def active_tokens():
    return ApiToken.objects.filter(revoked_at__isnull=True, expires_at__gt=clock.now())


def tokens_of(user):
    """A person's tokens, the newest first (ended ones too, until forget-sign-ins drops them)."""
    return ApiToken.objects.filter(user=user)


def find(key: str) -> ApiToken | None:
    """The live token a request presents, with its user; None for any other key."""
    if not key.startswith(MARK) or len(key) > 200:
        return None
    token = active_tokens().select_related("user").filter(digest=digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    return token


def mark_used(token: ApiToken) -> None:
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def token_issue(*, actor, user, name: str = "", via: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`: the row and the key, which is shown once and never stored."""
    name = (name or "").strip() or DEFAULT_NAME
    if len(name) > 50:
        raise ValidationError({"name": "令牌名称不超过 50 个字。"})
    if not user.is_active:
        raise ValidationError("账户已停用，不能签发令牌。")
    prefix = "".join(secrets.choice(PREFIX_LETTERS) for _ in range(8))
    key = f"{MARK}{prefix}{secrets.token_urlsafe(32)}"
    now = clock.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=f"{MARK}{prefix}",
        digest=digest(key),
        created_at=now,
        expires_at=now + timedelta(days=settings.TOKEN_DAYS),
    )
    audit_record(
        actor=actor,
        action="token_issue",
        obj=token,
        changes={"user": user.username, "name": name, "expires_at": clock.text(token.expires_at)},
        comment=via,
    )
    return token, key


def _revoke(token: ApiToken, *, actor, reason: str, now) -> None:
    token.revoked_at, token.revoked_reason = now, reason
    token.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(
        actor=actor,
        action="token_revoke",
        obj=token,
        changes={"user": token.user.username, "revoked_reason": reason},
    )


@transaction.atomic
def token_revoke(*, actor, token: ApiToken, reason: str = "本人撤销") -> ApiToken:
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is None:
        _revoke(token, actor=actor, reason=reason, now=clock.now())
    return token


@transaction.atomic
def tokens_revoke_all(*, actor, user, reason: str = "本人全部撤销") -> int:
    """End every live token of `user`; how many were ended."""
    now = clock.now()
    live = list(
        ApiToken.objects.select_for_update()
        .select_related("user")
        .filter(user=user, revoked_at__isnull=True, expires_at__gt=now)
    )
    for token in live:
        _revoke(token, actor=actor, reason=reason, now=now)
    return len(live)


def forget_before(now) -> int:
    """Drop tokens that ended more than 90 days ago (the audit log keeps their trace)."""
    old = now - timedelta(days=90)
    deleted, _ = ApiToken.objects.filter(expires_at__lt=old).delete()
    revoked, _ = ApiToken.objects.filter(revoked_at__lt=old).delete()
    return deleted + revoked
