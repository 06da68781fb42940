"""Writing audit rows; every service that changes state calls `audit_record`.

Each row also carries where the request came from (the client's address and browser, as 等保
asks). `AuditOriginMiddleware` (core/middleware.py) binds them for the request being served, so
no service passes them; work outside a request (management commands) leaves them empty.
"""

import ipaddress
import re
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models

from partybrand.core.addresses import client_ip
from partybrand.core.models import AuditLog

USER_AGENT_MAX = AuditLog._meta.get_field("user_agent").max_length or 255
# Header values come from the client: keep printable text only.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """Text from a client (a header, a user name tried) without control characters or bidi
    overrides, which could make a row read other than it is."""
    return _UNPRINTABLE.sub("", text or "").strip()


@dataclass(frozen=True)
class Origin:
    ip_address: str = ""
    user_agent: str = ""


NO_ORIGIN = Origin()
_origin: ContextVar[Origin | None] = ContextVar("audit_origin", default=None)


def origin_of(request) -> Origin:
    """The client's address (through the proxy setting, as login throttling reads it) and its
    user agent, cut to fit; an address that does not parse is left out rather than stored."""
    try:
        address = str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        address = ""
    agent = printable(request.META.get("HTTP_USER_AGENT", ""))
    return Origin(ip_address=address, user_agent=agent[:USER_AGENT_MAX])


def bind_origin(request):
    """Make `request`'s origin the one audit rows get until `unbind_origin(token)`."""
    return _origin.set(origin_of(request))


def unbind_origin(token) -> None:
    _origin.reset(token)


def current_origin() -> Origin:
    return _origin.get() or NO_ORIGIN


def _jsonable(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)  # model instances, decimals and the like: their readable form


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    org_path: str = "",
    changes: dict | None = None,
    comment: str = "",
) -> AuditLog:
    """One audit row. `obj` may be unsaved when the row is about something that does not exist
    (a sign-in attempt with an unknown user name): its id is then left empty."""
    row = _audit_row(actor, action, obj, org_path, changes, comment, current_origin())
    row.save()
    return row


def audit_records(
    *, actor, action: str, entries: Iterable[tuple[models.Model, str, dict]], batch: int = 1000
) -> int:
    """The audit rows of one bulk change (an import), the same as `audit_record` would write
    one by one: an entry is (object, org_path, changes). Inserted `batch` rows at a time;
    returns how many."""
    origin, count, rows = current_origin(), 0, []
    for obj, org_path, changes in entries:
        rows.append(_audit_row(actor, action, obj, org_path, changes, "", origin))
        if len(rows) >= batch:
            count += len(AuditLog.objects.bulk_create(rows))
            rows = []
    if rows:
        count += len(AuditLog.objects.bulk_create(rows))
    return count


def _audit_row(actor, action, obj, org_path, changes, comment, origin: Origin) -> AuditLog:
    return AuditLog(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id="" if obj.pk is None else str(obj.pk),
        object_repr=str(obj)[:200],
        org_path=org_path,
        changes={k: _jsonable(v) for k, v in (changes or {}).items()},
        comment=comment,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
    )


def field_changes(instance: models.Model, data: dict) -> dict:
    """Apply `data` to `instance` and return {field: [old, new]} for the fields that changed."""
    changed = {}
    for name, new in data.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [_jsonable(old), _jsonable(new)]
            setattr(instance, name, new)
    return changed


# Where a user's own audit rows (signing in and out) belong, so the administrators of their
# organisation see them. Core knows no organisations: orgs registers the answer in its ready().
_user_org_path: list[Callable[[object], str]] = []


def register_user_org_path(resolver: Callable[[object], str]) -> None:
    _user_org_path[:] = [resolver]


def user_org_path(user) -> str:
    return _user_org_path[0](user) if _user_org_path and user.pk is not None else ""
