"""Permission cases of sign-in locks (the 登录锁定 page) and of API tokens (the API 令牌 page and
/api/v1/auth/tokens/): everyone manages their own tokens, nobody another's (404)."""

from partybrand.core.models import ApiToken, LoginLock
from partybrand.core.throttle import Attempt
from partybrand.core.tokens import token_issue
from tests.permissions.cases import Case


def locked_member(w):
    """The member's user name locked after five failures; the lock's id."""
    attempt = Attempt("member", "10.7.0.1")
    for _ in range(5):
        attempt.begin()
        attempt.failed()
    return {"pk": LoginLock.objects.get(user=w.member).pk}


def _lifted(w) -> bool:
    return LoginLock.objects.filter(user=w.member, lifted_at__isnull=False).exists()


PERMISSION_CASES = [
    # The lock list: the committee's administrators and 党建工作部 only (not a 二级党委).
    Case("login_locks", allowed="staff", readonly="mid_admin", outsider_status=(403,)),
    Case("login_locks", allowed="committee_admin", readonly="secretary", outsider=None),
    Case(
        "login_lock_lift",
        locked_member,
        method="post",
        allowed="staff",
        allowed_status=(302,),
        readonly="mid_admin",
        outsider_status=(403,),
        effect=_lifted,
    ),
]


def members_token(w):
    token, _key = token_issue(actor=w.member, user=w.member, name="党员的脚本")
    return {"pk": token.pk}


def _member_token_revoked(w) -> bool:
    return ApiToken.objects.filter(user=w.member, revoked_at__isnull=False).exists()


def _member_token_created(w) -> bool:
    return ApiToken.objects.filter(user=w.member, name="新脚本").exists()


def _tokens_of_member(w):
    members_token(w)
    return {}


OWN = {"allowed": "member", "readonly": None, "outsider": None}

PERMISSION_CASES += [
    # The API 令牌 page: one's own tokens only.
    Case("api_tokens", **OWN),
    Case(
        "api_tokens",
        method="post",
        data=lambda w: {"name": "新脚本", "submission_token": "perm-1"},
        effect=_member_token_created,
        **OWN,
    ),
    Case(
        "api_token_revoke",
        members_token,
        method="post",
        allowed="member",
        allowed_status=(302,),
        readonly="secretary",  # another person: the token is not theirs to see
        readonly_status=(404,),
        effect=_member_token_revoked,
    ),
    Case(
        "api_tokens_revoke_all",
        _tokens_of_member,
        method="post",
        allowed="member",
        allowed_status=(302,),
        readonly=None,
        outsider=None,
        effect=_member_token_revoked,
    ),
    # The API: the same rules.
    Case("api:auth-token-list", api=True, **OWN),
    Case(
        "api:auth-token-detail",
        members_token,
        api=True,
        allowed="member",
        readonly=None,
    ),
    Case(
        "api:auth-token-revoke",
        members_token,
        method="post",
        content_type="json",
        api=True,
        allowed="member",
        readonly="secretary",
        readonly_status=(404,),
        effect=_member_token_revoked,
    ),
    Case(
        "api:auth-token-revoke-all",
        _tokens_of_member,
        method="post",
        content_type="json",
        api=True,
        effect=_member_token_revoked,
        **OWN,
    ),
]
