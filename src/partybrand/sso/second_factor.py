"""The second factor of a sign-in: who must give a one-time code, the code's secret as a QR code,
and the session's record that it is still owed."""

from base64 import b32encode
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from partybrand.orgs.roles import needs_second_factor
from partybrand.sso import services

# Set at sign-in when the session still owes a code; the middleware sends it to the code page.
OWED = "sso_second_factor_owed"
OIDC_BACKEND = "partybrand.sso.oidc.SingleSignOnBackend"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def required_by_role(user) -> bool:
    return needs_second_factor(user)


def owed_at_sign_in(user, backend: str) -> bool:
    """Whether this sign-in must be confirmed with a code: the user enrolled, or a role requires
    it (unless the single sign-on provider is trusted to have asked for its own)."""
    if backend == OIDC_BACKEND and settings.TOTP_TRUST_OIDC:
        return False
    return confirmed_device(user) is not None or required_by_role(user)


def secret_text(device: TOTPDevice) -> str:
    """The secret for typing into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
    label = f"{issuer}:{device.user.get_username()}"
    params = {
        "secret": b32encode(device.bin_key).decode().rstrip("="),
        "issuer": issuer,
        "algorithm": "SHA1",
        "digits": device.digits,
        "period": device.step,
    }
    return f"otpauth://totp/{quote(label)}?{urlencode(params, quote_via=quote)}"


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG, drawn here (no outside service sees the secret)."""
    return segno.make(uri, error="m").svg_inline(omitsize=True, title="动态口令二维码")


ENROL_BEFORE_API_ACCESS = "该账号须使用动态口令：请先在网页上登录并启用动态口令，再获取令牌。"
CODE_MISSING_FOR_API = "该账号已启用动态口令：请在 otp 字段填写身份验证器应用中当前的 6 位数字。"
CODE_WRONG_FOR_API = "动态口令不正确或错误次数过多，请稍后用新的动态口令重试。"


def token_refusal(user, code: str) -> str:
    """Why an API token may not be issued to a user who signs in with a second factor (the
    password alone must not give what the sign-in page does not); "" when it may."""
    device = confirmed_device(user)
    if device is None:
        return ENROL_BEFORE_API_ACCESS if required_by_role(user) else ""
    if not code:
        return CODE_MISSING_FOR_API
    allowed, _ = device.verify_is_allowed()
    if not allowed or not services.totp_verify(user=user, device=device, code=code):
        return CODE_WRONG_FOR_API
    return ""
