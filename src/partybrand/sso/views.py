"""Pages of the second factor (the code after the password, enrolment, one's own setting, an
administrator's reset) and the page that forwards a sign-out to the single sign-on provider."""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from partybrand.core import clock
from partybrand.core.forms import form_action
from partybrand.sso import second_factor, services
from partybrand.sso.access import access_second_factor_reset
from partybrand.sso.forms import CodeForm
from partybrand.sso.middleware import END_SESSION

ENROLLING = "sso_enrolling_device"
WRONG = "动态口令不正确，请核对身份验证器应用中当前显示的 6 位数字（注意手机时间须准确）。"
WAIT = "动态口令错误次数过多，请 {seconds} 秒后再试。"


def _next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _wait_seconds(device: TOTPDevice) -> int:
    allowed, info = device.verify_is_allowed()
    if allowed or not info or "locked_until" not in info:
        return 0
    return max(1, math.ceil((info["locked_until"] - clock.now()).total_seconds()))


def _check_code(request, form: CodeForm, device: TOTPDevice, check) -> bool:
    """Run `check(code)` for a valid form unless the device is waiting out failures; the reason
    of a refusal goes onto the form."""
    if not form.is_valid():
        return False
    wait = _wait_seconds(device)
    if wait:
        form.add_error("code", WAIT.format(seconds=wait))
        return False
    if check(form.cleaned_data["code"]):
        return True
    form.add_error("code", WRONG)
    wait = _wait_seconds(device)
    if wait > 1:
        form.add_error("code", WAIT.format(seconds=wait))
    return False


def _signed_in_with(request, device: TOTPDevice) -> None:
    otp_login(request, device)
    request.session.pop(second_factor.OWED, None)


@login_required
@require_http_methods(["GET", "POST"])
def totp_verify(request):
    """The code after the password."""
    if not request.session.get(second_factor.OWED):
        return redirect(_next(request))
    device = second_factor.confirmed_device(request.user)
    if device is None:
        return redirect("sso:totp_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        verified = _check_code(
            request,
            form,
            device,
            lambda code: services.totp_verify(user=request.user, device=device, code=code),
        )
        if verified:
            _signed_in_with(request, device)
            return redirect(_next(request))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": _next(request, ""), "issuer": settings.OTP_TOTP_ISSUER}
    return render(request, "sso/totp_verify.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def totp_enrol(request):
    """Turning the second factor on: a new secret as a QR code (shown for this enrolment only),
    confirmed with the first code the app shows."""
    user = request.user
    if second_factor.confirmed_device(user) is not None:
        messages.info(request, "您已启用动态口令。")
        return redirect("sso:totp_settings")
    device = None
    if request.method == "POST":
        device = TOTPDevice.objects.filter(
            pk=request.session.get(ENROLLING), user=user, confirmed=False
        ).first()
    if device is None:
        device = services.totp_start(user=user)
        request.session[ENROLLING] = device.pk
        form = CodeForm()
    else:
        form = CodeForm(request.POST)
        confirmed = _check_code(
            request,
            form,
            device,
            lambda code: services.totp_confirm(user=user, device=device, code=code),
        )
        if confirmed:
            del request.session[ENROLLING]
            after = "home" if request.session.get(second_factor.OWED) else "sso:totp_settings"
            _signed_in_with(request, device)
            messages.success(
                request, "动态口令已启用：今后每次登录时，输入密码后还需输入动态口令。"
            )
            return redirect(_next(request, after))
    uri = second_factor.provisioning_uri(device)
    context = {
        "form": form,
        "next": _next(request, ""),
        "qr": second_factor.qr_svg(uri),
        "secret": second_factor.secret_text(device),
        "required": second_factor.required_by_role(user),
        "owed": bool(request.session.get(second_factor.OWED)),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "sso/totp_enrol.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def totp_settings(request):
    """One's own second factor: on or off, and turning it off where no role requires it (with
    a current code, so a borrowed session cannot)."""
    user = request.user
    device = second_factor.confirmed_device(user)
    required = second_factor.required_by_role(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if required:
            messages.error(request, "您的角色要求使用动态口令，不能停用。")
            return redirect("sso:totp_settings")
        if device is None:
            return redirect("sso:totp_settings")
        removed = _check_code(
            request,
            form,
            device,
            lambda code: services.totp_verify(user=user, device=device, code=code),
        )
        if removed:
            services.totp_remove(user=user)
            messages.success(request, "动态口令已停用。")
            return redirect("sso:totp_settings")
    context = {"device": device, "required": required, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "sso/totp_settings.html", context, status=status)


@login_required
@require_POST
def totp_reset(request, member_pk):
    """An administrator clears a member's second factor (lost phone): 重置动态口令."""
    member = access_second_factor_reset(request.user, member_pk)
    back = redirect("orgs:member_detail", pk=member.pk)
    return form_action(
        request,
        None,
        lambda data: services.totp_reset(actor=request.user, member=member),
        success=lambda removed: (
            f"已重置“{member.name}”的动态口令，其下次登录时需重新绑定。"
            if removed
            else (messages.INFO, f"“{member.name}”未启用动态口令，无需重置。")
        ),
        done=back,
        page=back,
        failed="未重置：",
    )


@require_GET
def signed_out(request):
    """After signing out of a single sign-on session: on to the provider to end its session."""
    target = request.session.pop(END_SESSION, "")
    if not target:
        return redirect("login")
    return render(request, "sso/signed_out.html", {"target": target})
