"""What the audit page knows of the apps that write audit rows, filled in by those apps.

Core imports none of them: each app registers, in its AppConfig, the actions it records (a
TextChoices whose values are what `audit_record(action=...)` writes, labelled in Chinese) and
the keys of `changes` that are no field of the object's model (`register_change_keys`).
Object types and changed fields read their names from Django's model registry (`verbose_name`,
a field's choices). What is not known (an action no app registers any more) shows its code.
"""

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import TextChoices

from partybrand.core import clock

_actions: dict[str, str] = {}


@dataclass(frozen=True)
class Key:
    """How the audit page reads a key of `changes` that is no field of the object's model."""

    label: str
    choices: tuple[tuple[str, str], ...] = ()  # the values' labels
    pair: bool = False  # the value is [before, after]
    hidden: bool = False  # repeats another key (a label beside its code): not shown
    fields_of: str = ""  # a dictionary value whose keys are this model's fields
    read: Callable[[object], str] | None = None  # a reading of its own


_keys: dict[str, dict[str, Key]] = {}


def register_actions(choices: type[TextChoices]) -> None:
    """Make an app's audit actions known, with the labels the audit page shows."""
    for value, label in choices.choices:
        if _actions.get(value, label) != label:
            raise ImproperlyConfigured(f"审计操作 {value} 已以另一名称登记：{_actions[value]}")
        _actions[value] = str(label)


def register_change_keys(where: str | Iterable[str], keys: Mapping[str, "str | Key"]) -> None:
    """Name the keys of `changes` that are no field of the object's model, for rows about
    `where`: a model ("brands.brand") or every model of an app ("brands")."""
    for place in [where] if isinstance(where, str) else where:
        known = _keys.setdefault(place, {})
        for key, reading in keys.items():
            reading = reading if isinstance(reading, Key) else Key(reading)
            if known.get(key, reading) != reading:
                raise ImproperlyConfigured(f"审计变更项 {place}.{key} 已以另一名称登记")
            known[key] = reading


def register_section_labels(where: str, labels: Mapping[str, str]) -> None:
    """Name the sections of a kind of document that edits change, for rows about `where`. Kinds of
    several apps share that model and may share a key under headings of their own: such a key
    reads as all of them (做法 of a 总结 and of a 典型案例: "主要做法／做法与经过")."""
    known = _keys.setdefault(where, {})
    for key, label in labels.items():
        before = known.get(key)
        if before is None:
            known[key] = Key(str(label))
            continue
        names = before.label.split("／")
        if before != Key(before.label):
            raise ImproperlyConfigured(f"审计变更项 {where}.{key} 已以另一名称登记")
        for name in str(label).split("／"):
            if name not in names:
                names.append(name)
        known[key] = Key("／".join(names))


def choice_labels(choices: type[TextChoices]) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in choices.choices)


def action_label(code: str) -> str:
    return _actions.get(code, code)


def known_actions() -> dict[str, str]:
    return dict(_actions)


def change_key(object_type: str, key: str) -> Key | None:
    """What an app registered for `key` of a row about `object_type` (the model's, else its
    app's)."""
    for place in (object_type, object_type.split(".", 1)[0]):
        found = _keys.get(place, {}).get(key)
        if found is not None:
            return found
    return None


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    """The model's field named `key`, if it is one people name (not a reverse relation)."""
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if hasattr(field, "verbose_name") else None


def _named(field) -> bool:
    """Whether the field was given a name people read (else Django made one of its code)."""
    return str(field.verbose_name) != field.name.replace("_", " ")


def object_type_label(object_type: str) -> str:
    """brands.brand → 品牌."""
    model = _model(object_type)
    return str(model._meta.verbose_name) if model else object_type


_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _text(value, labels: dict) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_text(item, labels) for item in value) or "（空）"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and _MOMENT.match(value):
        try:  # a moment as written (isoformat, UTC or not): Beijing time, to the minute
            return clock.text(datetime.fromisoformat(value))
        except ValueError:
            pass
    return str(labels.get(value, value))


def _reading(value, labels: dict, pair: bool) -> str:
    """[old, new] as “old → new” when the value is a pair (once when both are the same: a state
    that stayed, a personal number whose values are not kept); otherwise the value itself."""
    if pair and isinstance(value, list) and len(value) == 2:
        if value[0] == value[1]:
            return _text(value[0], labels)
        return f"{_text(value[0], labels)} → {_text(value[1], labels)}"
    return _text(value, labels)


def fields_text(object_type: str, values: dict) -> str:
    """A dictionary of a model's fields as “name：value；…”."""
    model = _model(object_type)
    parts = []
    for key, value in values.items():
        field = _field(model, key)
        name = str(field.verbose_name) if field is not None else str(key)
        labels = dict(field.flatchoices or ()) if field is not None else {}
        parts.append(f"{name}：{_text(value, labels)}")
    return "；".join(parts) or "（空）"


def change_lines(object_type: str, changes) -> list[tuple[str, str]]:
    """The changes of one row as (name, text) lines: a model field by its verbose name, a choice
    by its label, and a field's [old, new] as “old → new”; a key an app registered (no field,
    or a field left without a name) by its label; other keys as written."""
    if not isinstance(changes, dict):
        return [("", _text(changes, {}))] if changes else []
    model = _model(object_type)
    lines = []
    for key, value in changes.items():
        field = _field(model, key)
        known = change_key(object_type, str(key))
        if field is not None and (known is None or _named(field)):
            # field_changes writes [old, new]; a many-to-many field's list is its members
            labels = dict(field.flatchoices or ())
            text = _reading(value, labels, pair=not field.many_to_many)
            lines.append((str(field.verbose_name), text))
            continue
        if known is None:
            lines.append((str(key), _text(value, {})))
        elif not known.hidden:
            lines.append((known.label, _read(known, value)))
    return lines


def _read(known: Key, value) -> str:
    if known.read is not None:
        return known.read(value)
    if known.fields_of and isinstance(value, dict):
        return fields_text(known.fields_of, value)
    return _reading(value, dict(known.choices), known.pair)
