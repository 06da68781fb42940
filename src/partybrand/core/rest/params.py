"""Query parameters of the API read into Python values; a value that is not one is a 400 that
names the parameter, never a lookup that fails inside the database."""

import re

from rest_framework.exceptions import ValidationError

ID_MAX = 2**63 - 1  # the largest id a BigAutoField holds
_DIGITS = re.compile(r"[0-9]{1,19}")  # ASCII only: "²".isdigit() is True, int("²") fails
NOT_AN_ID = "应为正整数编号。"


def query_id(params, name: str) -> int | None:
    """The object id in query parameter `name`, None when it is absent or empty."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    if not _DIGITS.fullmatch(raw) or not 0 < int(raw) <= ID_MAX:
        raise ValidationError({name: [NOT_AN_ID]})
    return int(raw)
