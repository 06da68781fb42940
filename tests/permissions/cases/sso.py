"""Permission cases for the second factor's pages (the single sign-on addresses are public)."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.permissions.cases import Case


def member_with_a_device(w):
    TOTPDevice.objects.get_or_create(user=w.member, name="动态口令", confirmed=True)
    return {"member_pk": w.member_a.pk}


def device_gone(w) -> bool:
    return not TOTPDevice.objects.filter(user=w.member).exists()


OWN_PAGE = {"outsider": None, "readonly": None, "allowed": "member"}

PERMISSION_CASES = [
    Case("sso:totp_settings", **OWN_PAGE),
    Case("sso:totp_enrol", **OWN_PAGE),
    # Asked for only while a sign-in owes a code; otherwise on to the home page.
    Case("sso:totp_verify", allowed_status=(302,), **OWN_PAGE),
    Case(
        "sso:totp_reset",
        member_with_a_device,
        method="post",
        allowed="secretary",
        allowed_status=(302,),
        readonly="member",
        effect=device_gone,
    ),
]
