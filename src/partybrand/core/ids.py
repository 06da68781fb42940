"""Ids typed into addresses and query strings: ASCII digits that fit a 64-bit column. A check
with str.isdigit() lets "²" through ("²".isdigit() is True, int("²") fails), and a longer
number fails a foreign-key filter on SQLite: both were server errors."""

import re

ID_IN_PATH = "[0-9]{1,18}"
_ID = re.compile(ID_IN_PATH)


def is_id(text) -> bool:
    """Whether `text` (a string, a number or None) spells an id a row can have."""
    return bool(_ID.fullmatch(str(text if text is not None else "")))


ID_MAX = 2**63 - 1  # the largest id a 64-bit column holds (bounds for numeric filters)
