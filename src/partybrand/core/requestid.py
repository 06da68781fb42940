"""The id of the request, or of the task, being served: carried into the log lines it writes and
into the background tasks it queues, so one user action can be followed across web nodes and
workers.

`bind(value)` sets it for the current context (a request thread or a task) and returns a token
for `reset`; `current()` reads it ("" outside any request or task).
"""

from __future__ import annotations

import contextvars
import re
import uuid

_current: contextvars.ContextVar[str] = contextvars.ContextVar("partybrand_request_id", default="")

# What is accepted from outside (a proxy's X-Request-ID): short, plain characters only, so a
# value can never break a log line or a header.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def new_id() -> str:
    return uuid.uuid4().hex


def acceptable(value: str | None) -> bool:
    return bool(value) and bool(_ACCEPTABLE.match(value or ""))


def current() -> str:
    return _current.get()


def bind(value: str | None = None) -> contextvars.Token[str]:
    """Make `value` (a new id when empty or unacceptable) the current id."""
    return _current.set(value if value and acceptable(value) else new_id())


def reset(token: contextvars.Token[str]) -> None:
    _current.reset(token)
