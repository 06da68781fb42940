"""Values in a portable form: what SQLite and PostgreSQL return for a column, written as JSON that
either can take back (times with their offset and microseconds, decimals as text)."""

from __future__ import annotations

import base64
import datetime
import decimal
import uuid
from collections.abc import Callable
from typing import Any

from django.db.models import JSONField
from django.utils.duration import duration_string

# Columns whose JSON value is already what the database takes (numbers, text, true/false).
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "CharField",
    "TextField",
    "SlugField",
    "EmailField",
    "URLField",
    "FileField",
    "BooleanField",
}


def encode(value: Any) -> Any:
    """A column's value as JSON (a JSON column's value is JSON already)."""
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write a {type(value).__name__} to a backup")


def column_value(field, connection, remap: dict[int, int] | None = None) -> Callable[[Any], Any]:
    """How to turn a field's JSON back into what the database stores: the field's own parsing
    and preparation, or, for a reference to a content type or permission, the id it has in this
    database."""
    if remap is not None:

        def translate(value):
            return None if value is None else remap[value]

        return translate
    if isinstance(field, JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    stored = field.target_field if field.is_relation else field
    if stored.get_internal_type() in PLAIN_TYPES:
        return lambda value: value

    def parse(value):
        if value is None:
            return None
        return field.get_db_prep_save(field.to_python(value), connection)

    return parse
