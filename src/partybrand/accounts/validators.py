"""The platform's password policy, added to Django's validators (settings.AUTH_PASSWORD_VALIDATORS).

A password has at least `min_length` characters from at least three of four kinds (capital
letters, small letters, digits, symbols) and is not the demo password. While the platform runs as
the demo (`DEMO_MODE`), the demo password itself is let through so a demonstration can set it back;
every other rule still holds.
"""

import os
import string

from django.conf import settings
from django.core.exceptions import ValidationError

# The demo's published password and the one `seed_demo` was given, whatever it is.
KNOWN_DEMO_PASSWORDS = ("demo12345",)


def demo_passwords() -> set[str]:
    found = set(KNOWN_DEMO_PASSWORDS)
    given = os.environ.get("DEMO_PASSWORD", "")
    if given:
        found.add(given)
    return found


def character_kinds(password: str) -> int:
    """How many of the four kinds of character the password uses."""
    kinds = (
        any(ch.isupper() for ch in password),
        any(ch.islower() for ch in password),
        any(ch.isdigit() for ch in password),
        any(not ch.isalnum() or ch in string.punctuation for ch in password),
    )
    return sum(kinds)


class PasswordPolicyValidator:
    def __init__(self, min_length: int = 10, min_kinds: int = 3):
        self.min_length = min_length
        self.min_kinds = min_kinds

    def validate(self, password: str, user=None) -> None:
        if password in demo_passwords():
            if getattr(settings, "DEMO_MODE", False):
                return
            raise ValidationError(
                "不能使用演示密码，请设置只有您知道的密码。", code="password_is_demo"
            )
        errors = []
        if len(password) < self.min_length:
            errors.append(
                ValidationError(
                    f"密码太短，至少需要 {self.min_length} 个字符。", code="password_too_short"
                )
            )
        if character_kinds(password) < self.min_kinds:
            errors.append(
                ValidationError(
                    "密码须包含大写字母、小写字母、数字、符号中的至少三类。",
                    code="password_too_simple",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return (
            f"至少 {self.min_length} 个字符，包含大写字母、小写字母、数字、符号中的至少三类；"
            "不能使用演示密码。"
        )
