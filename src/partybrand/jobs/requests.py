"""The request id travels with each task: put into the message's headers when it is queued,
bound in the worker while the task runs (so its log lines and audit rows name it)."""

from __future__ import annotations

from partybrand.core import requestid

HEADER = "partybrand_request_id"
_tokens: dict[str, object] = {}


def carry(headers=None, **_signal) -> None:
    if headers is not None and not headers.get(HEADER):
        headers[HEADER] = requestid.current()


def sent_id(task) -> str:
    request = task.request
    value = request.get(HEADER) if hasattr(request, "get") else None
    return value or (getattr(request, "headers", None) or {}).get(HEADER) or ""


def bind(task_id=None, task=None, **_signal) -> None:
    if task is not None and task_id:
        _tokens[task_id] = requestid.bind(sent_id(task))


def unbind(task_id=None, **_signal) -> None:
    token = _tokens.pop(task_id, None)
    if token is not None:
        requestid.reset(token)  # type: ignore[arg-type]
