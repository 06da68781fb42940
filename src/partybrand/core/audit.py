"""Writing audit rows; every service that changes state calls `audit_record`."""

from datetime import date, datetime

from django.db import models

from partybrand.core.models import AuditLog


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
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        org_path=org_path,
        changes={k: _jsonable(v) for k, v in (changes or {}).items()},
        comment=comment,
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
