"""How every log line is written (settings.LOGGING, and gunicorn's own logs through
partybrand/gunicorn_conf.py): one JSON object per line for a log collector, or plain text for a
person at a terminal (the demo). Both carry the id of the request or task being served
(core/requestid.py), so one user action can be followed across web nodes and workers.

Needs no Django settings: gunicorn's master loads it before Django is set up.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured

from partybrand.core import clock, requestid
from partybrand.core.config import env_bool, env_str

# Attributes every LogRecord has; anything else on a record was passed as `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
# Extras never written: Django passes the request object itself (its repr holds the query string,
# which may carry personal data), gunicorn its raw atoms.
_NEVER = {"request", "server_time", "args", "safe_atoms", "request_id"}
_PLAIN = (str, int, float, bool, type(None))


def stamp(record: logging.LogRecord) -> str:
    """When the line was written, ISO 8601 with Beijing's offset and milliseconds."""
    moment = datetime.fromtimestamp(record.created, tz=clock.ZONE)
    return moment.isoformat(timespec="milliseconds")


def request_id_of(record: logging.LogRecord) -> str:
    """The id stamped on the record, else the current one, else the id of the request Django
    passed along: its warning on a 4xx or 5xx answer is written after the middleware returned."""
    return (
        getattr(record, "request_id", "")
        or requestid.current()
        or getattr(getattr(record, "request", None), "request_id", "")
    )


class RequestIdFilter(logging.Filter):
    """Stamps the current request id on the record when it is logged, so a handler formatting it
    later (in another thread) still writes the right one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_of(record)
        return True


def extras(record: logging.LogRecord) -> dict:
    """What the caller added with `extra=`: plain values only, so no object's repr leaks."""
    return {
        key: value
        for key, value in vars(record).items()
        if key not in _STANDARD and key not in _NEVER and isinstance(value, _PLAIN)
    }


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, the extras, and an
    exception (with its traceback) as one field."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": stamp(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id_of(record),
        }
        line.update(extras(record))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain lines for a terminal: time, level, logger, [request id] message, then the extras."""

    def format(self, record: logging.LogRecord) -> str:
        head = f"{stamp(record)} {record.levelname} {record.name}"
        rid = request_id_of(record)
        text = f"{head} [{rid}] {record.getMessage()}" if rid else f"{head} {record.getMessage()}"
        added = extras(record)
        if added:
            text += " " + " ".join(f"{key}={value}" for key, value in added.items())
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


FORMATTERS = {"json": JsonFormatter, "text": TextFormatter}


def log_format() -> str:
    """PARTYBRAND_LOG_FORMAT: json, or text by default in the demo."""
    default = "text" if env_bool("PARTYBRAND_DEMO", False) else "json"
    fmt = env_str("PARTYBRAND_LOG_FORMAT", default).strip().lower()
    if fmt not in FORMATTERS:
        raise ImproperlyConfigured(f"PARTYBRAND_LOG_FORMAT must be json or text, got {fmt!r}.")
    return fmt


def logging_config(fmt: str, level: str) -> dict:
    """settings.LOGGING for the chosen format: everything to standard error through one handler."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"platform": {"()": FORMATTERS[fmt]}},
        "filters": {"request_id": {"()": RequestIdFilter}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "platform",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "INFO"}},
    }
