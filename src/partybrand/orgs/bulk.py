"""The state changes of an import: many organisations or members created or changed at once.

The same rules, normalisation, version bumps and audit rows as the one-by-one services
(services.py), in a number of queries that grows with the batches, never with the rows. The
caller holds the transaction and has already checked what needs the whole file (scope,
identifiers, duplicates, parents); a model rule still broken here raises `RowInvalid` naming
the entry.
"""

from collections import Counter
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db.models import Model

from partybrand.core import clock
from partybrand.core.audit import audit_records, field_changes
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.services import (
    MEMBER_FIELDS,
    MEMBER_ORG_KINDS,
    ORG_FIELDS,
    check_child_kind,
    org_create,
    with_province,
)
from partybrand.orgs.tree import MAX_CHILDREN, child_path
from partybrand.orgs.validators import normalize_staff_number

GONE = "保存时该记录已不存在（可能刚被他人删除），请重新导入。"
SECRETS = ("phone", "id_number", "birth_date")  # never in the audit trail in clear text


class RowInvalid(ValidationError):
    """Entry `index` of a bulk change broke a rule of its model: nothing of the batch is kept
    once the caller's transaction ends."""

    def __init__(self, index: int, messages):
        super().__init__(messages)
        self.index = index


def _clean(index: int, row: Model, parent_field: str) -> None:
    # The parent was read by the caller: checking that it exists would cost a query per row;
    # uniqueness was checked against the file and the database, and the constraints still hold.
    try:
        row.full_clean(exclude=[parent_field], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise RowInvalid(index, exc.messages) from exc


def _locked(model, rows: Sequence[Model]) -> dict:
    return model.objects.select_for_update().in_bulk([row.pk for row in rows])


# ---------------------------------------------------------------- members


def member_create_bulk(*, actor, members: Sequence[Member]) -> None:
    """Insert unsaved members (each with its organisation), as member_create does one by one."""
    for index, member in enumerate(members):
        if member.org.kind not in MEMBER_ORG_KINDS:
            raise RowInvalid(
                index,
                f"党员的组织关系应在党支部或党小组，不能直接登记在{OrgKind(member.org.kind).label}。",
            )
        member.id_number = member.id_number or None
        member.staff_number = normalize_staff_number(member.staff_number) or None
        _clean(index, member, "org")
    Member.objects.bulk_create(members)
    audit_records(
        actor=actor,
        action="member_create",
        entries=((m, m.org.path, {"name": m.name, "org": m.org.name}) for m in members),
    )


def member_update_bulk(*, actor, updates: Sequence[tuple[Member, dict]]) -> int:
    """Apply each (member, fields) — `org` among them moves the member — to the member's row
    as it is now, locked, as member_update does without a version. Returns how many changed."""
    locked = (
        Member.objects.select_for_update()
        .select_related("org")
        .in_bulk([member.pk for member, _ in updates])
    )
    changed, entries, now = [], [], clock.now()
    names: set[str] = set()
    for index, (read, fields) in enumerate(updates):
        member = locked.get(read.pk)
        if member is None:
            raise RowInvalid(index, GONE)
        data = {k: v for k, v in fields.items() if k in MEMBER_FIELDS}
        if "id_number" in data:
            data["id_number"] = data["id_number"] or None
        if "staff_number" in data:
            data["staff_number"] = normalize_staff_number(data["staff_number"]) or None
        org = fields.get("org")
        if org is not None and org.pk != member.org_id:
            if org.kind not in MEMBER_ORG_KINDS or not org.is_active:
                raise RowInvalid(index, "党员的组织关系只能转入在用的党支部或党小组。")
            data["org"] = org
        changes = field_changes(member, data)
        if not changes:
            continue
        _clean(index, member, "org")
        member.version += 1
        member.updated_at = now
        names.update(changes)
        changed.append(member)
        for secret in SECRETS:
            if secret in changes:
                changes[secret] = ["(已修改)", "(已修改)"]
        entries.append((member, member.org.path, changes))
    if changed:
        Member.objects.bulk_update(changed, [*sorted(names), "version", "updated_at"])
        audit_records(actor=actor, action="member_update", entries=entries)
    return len(changed)


# ---------------------------------------------------------------- organisations


def org_create_bulk(*, actor, entries: Sequence[tuple[Organization | None, dict]]) -> list:
    """Create organisations under parents that are already saved: (parent, fields) each, in the
    order their paths are handed out, as org_create does one by one. Returns them, saved."""
    created: list[Organization | None] = [None] * len(entries)
    for index, (parent, fields) in enumerate(entries):
        if parent is None:  # a new 集团党委: rare, and each takes the next root path in turn
            try:
                created[index] = org_create(actor=actor, parent=None, **fields)
            except ValidationError as exc:
                raise RowInvalid(index, exc.messages) from exc
    below = [(i, p, f) for i, (p, f) in enumerate(entries) if p is not None]
    if not below:
        return created
    parents = _locked(Organization, [p for _, p, _ in below])
    taken: Counter = Counter()
    orgs = []
    for index, read, fields in below:
        parent = parents.get(read.pk)
        if parent is None:
            raise RowInvalid(index, GONE)
        try:
            check_child_kind(parent, fields["kind"])
        except ValidationError as exc:
            raise RowInvalid(index, exc.messages) from exc
        step = parent.next_child_index + taken[parent.pk]
        if step >= MAX_CHILDREN:
            raise RowInvalid(index, "该组织下的下级组织数量已达上限。")
        taken[parent.pk] += 1
        fields = with_province(parent, fields)
        org = Organization(
            parent=parent, path=child_path(parent.path, step), depth=parent.depth + 1, **fields
        )
        _clean(index, org, "parent")
        created[index] = org
        orgs.append((org, fields))
    Organization.objects.bulk_create([org for org, _ in orgs])
    for pk, count in taken.items():
        parents[pk].next_child_index += count
        parents[pk].child_count += count
    # As org_create's F() update: the counters are bookkeeping, not an edit (no version bump).
    Organization.objects.bulk_update(
        [parents[pk] for pk in taken], ["next_child_index", "child_count"]
    )
    audit_records(
        actor=actor,
        action="org_create",
        entries=((org, org.path, dict(fields)) for org, fields in orgs),
    )
    return created


def org_update_bulk(*, actor, updates: Sequence[tuple[Organization, dict]]) -> int:
    """Apply each (organisation, fields) to its row as it is now, locked, as org_update does
    without a version (neither kind nor parent: imports never change them). Returns how many
    changed."""
    locked = _locked(Organization, [org for org, _ in updates])
    changed, entries, now = [], [], clock.now()
    names: set[str] = set()
    for index, (read, fields) in enumerate(updates):
        org = locked.get(read.pk)
        if org is None:
            raise RowInvalid(index, GONE)
        changes = field_changes(org, {k: v for k, v in fields.items() if k in ORG_FIELDS})
        if not changes:
            continue
        _clean(index, org, "parent")
        org.version += 1
        org.updated_at = now
        names.update(changes)
        changed.append(org)
        entries.append((org, org.path, changes))
    if changed:
        Organization.objects.bulk_update(changed, [*sorted(names), "version", "updated_at"])
        audit_records(actor=actor, action="org_update", entries=entries)
    return len(changed)
