"""What someone else changed while a form was open: the report a stale form is shown with.

Every versioned save through a service writes one audit row naming the row it changed, so the
saves since the version the form was opened at are that row's newest `current - expected`
audit rows: who made them, when, and which fields they changed. Those fields are compared field
by field, the value saved now (theirs) against the value typed in the form (yours), so the user
can re-apply their edit over the other one.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from partybrand.core.audit_registry import action_label
from partybrand.core.models import AuditLog
from partybrand.core.versioning import Stale, version_of

MAX_EDITS = 10  # the newest saves shown; older ones add nothing the current values do not show
EMPTY = "（空）"
KEPT = "您填写的内容仍在表单中，请核对他人的修改后再保存。"


@dataclass
class Edit:
    who: str
    when: datetime
    action: str


@dataclass
class FieldChange:
    name: str
    label: str
    theirs: str
    yours: str


@dataclass
class Conflict:
    version: int | None  # the row's version now; None when it was deleted meanwhile
    edits: list[Edit] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def gone(self) -> bool:
        return self.version is None

    def summary(self) -> str:
        """One line for a message or an API error: who changed it and when."""
        if self.gone:
            return "这条记录已被他人删除，您的修改未保存。"
        latest = self.edits[0] if self.edits else None
        by = f"（{latest.who}，{local_text(latest.when)}）" if latest else ""
        return f"这条记录在您打开后已被他人修改{by}。{KEPT}"


def local_text(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def describe(
    stale: Stale, yours: dict | None = None, labels: dict | None = None, theirs=None
) -> Conflict:
    """The conflict behind `stale`: the saves made since `stale.expected`, and for the fields
    of `yours` (a form's cleaned data) that those saves changed, their value and yours.
    `labels` names the fields as the form does (else the model's verbose names); `theirs`,
    a function(row) -> {name: value now}, reads values that are not the row's own fields (a
    score sheet's rows), else they are read from the row."""
    row = stale.current_row()
    if row is None:
        return Conflict(version=None)
    yours = yours or {}
    labels = labels or {}
    now = theirs(row) if theirs is not None else {n: _current(row, n) for n in yours}
    rows = _edits_since(row, stale.expected)
    conflict = Conflict(
        version=version_of(row),
        edits=[
            Edit(
                who=str(r.actor) if r.actor else "系统",
                when=r.created_at,
                action=action_label(r.action),
            )
            for r in rows
        ],
    )
    changed: list[str] = []
    for audit in rows:
        if isinstance(audit.changes, dict):
            changed += [name for name in audit.changes if name in yours and name not in changed]
    if not rows:  # no record of who (a save outside the services): compare what differs
        changed = [n for n in yours if _text(row, n, now.get(n)) != _text(row, n, yours[n])]
    for name in changed:
        conflict.fields.append(
            FieldChange(
                name=name,
                label=str(labels.get(name) or _verbose_name(row, name)),
                theirs=_text(row, name, now.get(name)),
                yours=_text(row, name, yours[name]),
            )
        )
    return conflict


def _edits_since(row, expected: int) -> list[AuditLog]:
    count = min(max(version_of(row) - expected, 0), MAX_EDITS)
    if not count:
        return []
    return list(
        AuditLog.objects.filter(object_type=row._meta.label_lower, object_id=str(row.pk))
        .select_related("actor")
        .order_by("-created_at", "-id")[:count]
    )


def _model_field(row, name: str):
    try:
        return row._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _verbose_name(row, name: str) -> str:
    model_field = _model_field(row, name)
    return str(getattr(model_field, "verbose_name", name))


def _current(row, name: str):
    model_field = _model_field(row, name)
    if model_field is not None and model_field.many_to_many:
        return list(getattr(row, name).all())
    return getattr(row, name, None)


def _text(row, name: str, value) -> str:
    """A value as the pages show it: a choice by its label, a row by its name, 是/否."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple | set | models.QuerySet):
        return "、".join(_text(row, name, item) for item in value) or EMPTY
    if isinstance(value, datetime):
        return local_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    model_field = _model_field(row, name)
    choices = dict(model_field.flatchoices or ()) if model_field is not None else {}
    return str(choices.get(value, value))
