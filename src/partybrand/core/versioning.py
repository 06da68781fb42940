"""Optimistic concurrency: every row that a page's form edits or the API changes carries a
`version`, raised by one on every save, and a change made from an old version is refused.

A model takes it by inheriting `Versioned`. Every save of an existing row is then

    UPDATE … SET …, version = v + 1 WHERE id = ? AND version = v

where v is the version the instance was read at, so of two saves made from the same read only
the first changes the row; the second finds no row at version v and raises `Stale` (nothing is
written). A service given the version a form or an API client started from checks it once the
row is locked (`check_version`), before it compares or validates anything, so a stale edit is
refused as such and never silently puts old values back. Bulk `QuerySet.update()` on such rows
raises the version too (`bumped`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

STALE = "这条记录在您打开后已被他人修改，您的修改未保存。请核对他人的修改后再保存。"


class Stale(ValidationError):
    """A change made from an old version of a row: nothing was saved.

    `model` and `pk` name the row, `expected` is the version the change started from and
    `current` the version the row has now (None when it is unknown or the row is gone)."""

    def __init__(self, model, pk, expected: int, current: int | None = None):
        super().__init__(STALE, code="stale")
        self.model = model
        self.pk = pk
        self.expected = expected
        self.current = current

    def current_row(self):
        """The row as it is now, or None if it was deleted meanwhile."""
        return self.model._base_manager.filter(pk=self.pk).first()


class VersionedRow(models.Model):
    """The mechanism, for a model that declares its version field itself because `version`
    means something else there (an indicator system's 版本 is its edition): it names the field
    in `version_field`. Every other model inherits `Versioned`."""

    version_field = "version"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        name = self.version_field
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            update_fields = list(update_fields)
            if not update_fields:  # Django saves nothing; neither does the version change
                return super().save(*args, **kwargs)
            if name not in update_fields:
                update_fields.append(name)
            kwargs["update_fields"] = update_fields
        read_at = getattr(self, name)
        self._version_read = read_at
        setattr(self, name, read_at + 1)
        try:
            return super().save(*args, **kwargs)
        except BaseException:
            setattr(self, name, read_at)
            raise
        finally:
            del self._version_read

    def _do_update(self, base_qs, *args, **kwargs):
        # Django's arguments after base_qs: using, pk_val, values, update_fields, forced_update
        # (and returning_fields from Django 6 on); only pk_val is read here.
        read_at = getattr(self, "_version_read", None)
        if read_at is None:
            return super()._do_update(base_qs, *args, **kwargs)
        name = self.version_field
        updated = super()._do_update(base_qs.filter(**{name: read_at}), *args, **kwargs)
        if updated:
            return updated
        pk_val = args[1] if len(args) > 1 else kwargs["pk_val"]
        now = base_qs.filter(pk=pk_val).values_list(name, flat=True).first()
        if now is None:
            return updated  # the row is gone: Django's own answer (an insert, or an error)
        raise Stale(type(self), pk_val, read_at, now)


class Versioned(VersionedRow):
    """A row with a version: 1 when created, one more on every save (see the module)."""

    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        abstract = True


def version_of(row: VersionedRow) -> int:
    return getattr(row, row.version_field)


def check_version(row: VersionedRow, expected: int | None) -> None:
    """Refuse a change started from another version than the row's (read under its lock).
    None (a page opened before versions, an API client that sends none) checks nothing here;
    the save itself still refuses a row changed since the service read it."""
    if expected is not None and int(expected) != version_of(row):
        raise Stale(type(row), row.pk, int(expected), version_of(row))


def save_if_current(instance: VersionedRow, expected: int | None, fields) -> None:
    """Save `fields` of `instance` if the row is still at `expected` (or at the version the
    instance was read at, without one): one conditional UPDATE, raising Stale otherwise."""
    check_version(instance, expected)
    instance.save(update_fields=list(fields))


def touch(row: VersionedRow) -> None:
    """Raise the version of a row whose record changed outside its own columns (its
    many-to-many links, its child rows), so forms opened before are stale too."""
    row.save(update_fields=[row.version_field])


def bumped(model, **values) -> dict:
    """The values of a `QuerySet.update()` on versioned rows, raising their version too:
    `Task.objects.filter(...).update(**bumped(Task, status=...))`."""
    name = model.version_field
    return {**values, name: F(name) + 1}


def is_versioned(model_or_row) -> bool:
    model = model_or_row if isinstance(model_or_row, type) else type(model_or_row)
    return issubclass(model, VersionedRow)


# HTTP: the version as an entity tag ---------------------------------------------------------


def etag(row: VersionedRow) -> str:
    """The strong entity tag of a row's version: "v3"."""
    return f'"v{version_of(row)}"'


ANY = "*"


def if_match_versions(header: str | None):
    """The versions an If-Match header names: None without the header, ANY for "*", else a set
    of ints (a tag that names no version of ours is kept out: it matches nothing). Weak tags
    (W/"v3") are taken like strong ones."""
    if header is None:
        return None
    header = header.strip()
    if header == "*":
        return ANY
    versions = set()
    for tag in header.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tag = tag.strip('"')
        if tag.startswith("v") and tag[1:].isdigit() and len(tag) < 12:
            versions.add(int(tag[1:]))
    return versions
