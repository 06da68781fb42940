"""登录锁定: the user names and addresses sign-in refuses now (core/throttle.py), for the
committee's staff to lift a lock early, e.g. for a colleague who forgot the password and called."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.core import throttle
from partybrand.core.forms import form_action
from partybrand.orgs.roles import Cap, holds_anywhere

REFUSED = "只有上级党委管理员和党建工作部可以查看和解除登录锁定。"


def _allowed(user) -> None:
    if not holds_anywhere(user, Cap.UNLOCK_LOGINS):
        raise PermissionDenied(REFUSED)


@login_required
@require_GET
def lock_list(request):
    _allowed(request.user)
    locks = list(throttle.active_locks())
    for lock in locks:
        lock.minutes_left = throttle.Refusal(lock.until, lock.kind).minutes
    return render(
        request,
        "workbench/login_locks.html",
        {"locks": locks, "rules": throttle.rules()},
    )


@login_required
@require_POST
def lock_lift(request, pk):
    _allowed(request.user)
    lock = get_object_or_404(throttle.active_locks(), pk=pk)

    return form_action(
        request,
        None,
        lambda _data: throttle.lock_lift(actor=request.user, lock=lock),
        success=lambda lifted: f"已解除“{lifted}”的登录锁定。",
        done=redirect("login_locks"),
    )
