"""“我的账号”: every user's own password and signed-in sessions."""

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.accounts import registry
from partybrand.accounts.agents import describe
from partybrand.accounts.forms import OwnPasswordForm
from partybrand.accounts.models import SignedInSession
from partybrand.accounts.services import password_change, sessions_end
from partybrand.core.forms import form_action


def _sessions(request):
    current = request.session.session_key
    rows = list(registry.live_sessions(request.user))
    for row in rows:
        row.device = describe(row.user_agent)
        row.is_current = row.session_key == current
    return rows


def _my_account_page(request, form=None, *, template="accounts/my_account.html"):
    return render(
        request,
        template,
        {
            "form": form or OwnPasswordForm(request.user),
            "sessions": _sessions(request),
            "member": getattr(request.user, "member", None),
            "roles": request.user.role_assignments.select_related("org").order_by("org__path"),
        },
    )


@login_required
@require_GET
def my_account(request):
    return _my_account_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def password_change_view(request):
    """Old password, then the new one twice; the page an account with a temporary password is
    led to until it has chosen its own."""
    form = OwnPasswordForm(request.user, request.POST or None)

    def changed(user):
        update_session_auth_hash(request, user)  # this browser stays signed in
        return redirect("accounts:my_account")

    return form_action(
        request,
        form,
        lambda data: password_change(user=request.user, new_password=data["new_password1"]),
        success="密码已修改；您在其他设备上的登录已全部结束。",
        done=changed,
        page=lambda form: render(request, "accounts/password_change.html", {"form": form}),
        failed="未修改：",
    )


@login_required
@require_POST
def session_end(request, pk):
    row = get_object_or_404(SignedInSession, pk=pk, user=request.user)
    current = request.session.session_key
    rows = SignedInSession.objects.filter(pk=row.pk)
    return form_action(
        request,
        None,
        lambda data: sessions_end(user=request.user, rows=rows, current_key=current),
        success=lambda ended: (
            "已结束该登录会话。" if ended else "这是您当前使用的会话，请用“退出”结束。"
        ),
        done=redirect("accounts:my_account"),
        failed="未结束：",
    )


@login_required
@require_POST
def sessions_end_others(request):
    current = request.session.session_key
    rows = SignedInSession.objects.filter(user=request.user)
    return form_action(
        request,
        None,
        lambda data: sessions_end(user=request.user, rows=rows, current_key=current),
        success=lambda ended: f"已结束其他 {ended} 个登录会话。" if ended else "没有其他登录会话。",
        done=redirect("accounts:my_account"),
        failed="未结束：",
    )
