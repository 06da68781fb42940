"""Validation of personal identifiers, with messages users understand."""

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
ID_RE = re.compile(r"^\d{17}[\dX]$")
STAFF_RE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,31}$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def validate_phone(value: str) -> None:
    if value and not PHONE_RE.match(value):
        raise ValidationError("手机号应为 11 位数字，以 1 开头。", code="phone")


def validate_id_number(value: str) -> None:
    if not value:
        return
    if not ID_RE.match(value):
        raise ValidationError("身份证号应为 18 位，最后一位可为数字或 X。", code="id_number")
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise ValidationError("身份证号中的出生日期无效。", code="id_number") from exc
    if id_check_digit(value[:17]) != value[17]:
        raise ValidationError("身份证号校验位不正确。", code="id_number")


def normalize_staff_number(value) -> str:
    """A staff number as kept: half-width, upper case, without surrounding spaces, so "ｅ1001 "
    typed in a form, read from a sheet or sent by a directory is the same "E1001"."""
    return unicodedata.normalize("NFKC", str(value or "")).strip().upper()


def validate_staff_number(value: str) -> None:
    if value and not STAFF_RE.match(value):
        raise ValidationError(
            "工号只能由字母、数字和 - _ . 组成，以字母或数字开头，不超过 32 位。",
            code="staff_number",
        )


def mask_phone(value: str) -> str:
    return f"{value[:3]}****{value[-4:]}" if len(value) >= 7 else "****" if value else ""


def mask_id_number(value: str) -> str:
    return f"{value[:4]}**********{value[-4:]}" if len(value) >= 8 else "****" if value else ""
