"""What the audit page knows of the apps that write audit rows, filled in by those apps.

Core imports none of them: each app registers, in its AppConfig, the actions it records (a
TextChoices whose values are what `audit_record(action=...)` writes, labelled in Chinese).
Object types and changed fields read their names from Django's model registry (`verbose_name`,
a field's choices). What is not known (an action no app registers any more) shows its code.
"""

import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import TextChoices

_actions: dict[str, str] = {}


def register_actions(choices: type[TextChoices]) -> None:
    """Make an app's audit actions known, with the labels the audit page shows."""
    for value, label in choices.choices:
        if _actions.get(value, label) != label:
            raise ImproperlyConfigured(f"审计操作 {value} 已以另一名称登记：{_actions[value]}")
        _actions[value] = str(label)


def action_label(code: str) -> str:
    return _actions.get(code, code)


def known_actions() -> dict[str, str]:
    return dict(_actions)


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    """brands.brand → 品牌."""
    model = _model(object_type)
    return str(model._meta.verbose_name) if model else object_type


def _text(value, labels: dict) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_text(item, labels) for item in value) or "（空）"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(labels.get(value, value))


def change_lines(object_type: str, changes) -> list[tuple[str, str]]:
    """The changes of one row as (name, text) lines: a model field by its verbose name, a choice
    by its label, and a field's [old, new] as “old → new”; other keys as written."""
    if not isinstance(changes, dict):
        return [("", _text(changes, {}))] if changes else []
    model = _model(object_type)
    lines = []
    for key, value in changes.items():
        try:
            field = model._meta.get_field(key) if model else None
        except FieldDoesNotExist:
            field = None
        if field is None or not hasattr(field, "verbose_name"):
            lines.append((str(key), _text(value, {})))
            continue
        labels = dict(field.flatchoices or ())
        # field_changes writes [old, new]; a many-to-many field's list is its members
        if isinstance(value, list) and len(value) == 2 and not field.many_to_many:
            text = f"{_text(value[0], labels)} → {_text(value[1], labels)}"
        else:
            text = _text(value, labels)
        lines.append((str(field.verbose_name), text))
    return lines
