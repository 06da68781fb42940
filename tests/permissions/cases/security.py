"""Permission cases of sign-in locks (the 登录锁定 page)."""

from partybrand.core.models import LoginLock
from partybrand.core.throttle import Attempt
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
