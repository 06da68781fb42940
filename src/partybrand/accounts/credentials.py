"""User names suggested from a member's name, and temporary passwords."""

import re
import secrets

from pypinyin import Style, lazy_pinyin

from partybrand.core.models import User

# No 0/O, 1/l/I: a temporary password is read off a screen or a sheet and typed in.
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_DIGITS = "23456789"
_SYMBOLS = "#%+=@"
TEMPORARY_LENGTH = 12
USERNAME_RULE = re.compile(r"[A-Za-z0-9._-]{3,30}")


def temporary_password() -> str:
    """A random password of every kind of character, which the policy accepts."""
    chars = [secrets.choice(kind) for kind in (_UPPER, _LOWER, _DIGITS, _SYMBOLS)]
    alphabet = _UPPER + _LOWER + _DIGITS + _SYMBOLS
    chars += [secrets.choice(alphabet) for _ in range(TEMPORARY_LENGTH - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def name_to_username(name: str) -> str:
    """张三 → zhangsan; Latin letters and digits kept, anything else dropped."""
    spelled = "".join(lazy_pinyin(name, style=Style.NORMAL, errors="default"))
    spelled = spelled.replace("ü", "v").lower()
    return re.sub(r"[^a-z0-9]", "", spelled)[:30] or "user"


def unique_username(name: str, taken: set[str] | None = None) -> str:
    """The name's pinyin, followed by 2, 3 … when an account (or `taken`) already has it."""
    base = name_to_username(name)
    taken = set(taken or ())
    existing = set(
        User.objects.filter(username__iregex=rf"^{re.escape(base)}[0-9]*$").values_list(
            "username", flat=True
        )
    )
    existing = {username.lower() for username in existing} | taken
    if base not in existing:
        return base
    number = 2
    while f"{base}{number}" in existing:
        number += 1
    return f"{base}{number}"
