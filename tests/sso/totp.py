"""Computing the codes an authenticator app would show, for the tests."""

import time
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The 6 digits an app with this secret shows now (or `steps_ahead` 30-second steps later:
    a code already used is not accepted twice, the next one is)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def code_from_secret(secret: str, steps_ahead: int = 0) -> str:
    """As code_for, from the secret shown on the enrolment page (base32, in groups)."""
    raw = secret.replace(" ", "")
    key = b32decode(raw + "=" * (-len(raw) % 8))
    totp = TOTP(key)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def let_throttle_pass(user) -> None:
    """The wait after a wrong code, over (as if its seconds had passed)."""
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=None)
