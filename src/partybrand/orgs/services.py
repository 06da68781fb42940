"""Every state change of organisations, members and roles."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from partybrand.core.audit import audit_record, field_changes
from partybrand.core.versioning import check_version
from partybrand.orgs.choices import ALLOWED_CHILD_KINDS, OrgKind, Role, province_in
from partybrand.orgs.models import Member, Organization, RoleAssignment
from partybrand.orgs.tree import MAX_CHILDREN, child_path, decode_step, encode_step
from partybrand.orgs.validators import normalize_staff_number

ORG_FIELDS = (
    "name",
    "short_name",
    "kind",
    "business",
    "region",
    "province",
    "sort_order",
    "code",
)
MEMBER_ORG_KINDS = (OrgKind.BRANCH, OrgKind.GROUP)
MEMBER_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "join_date",
    "status",
    "job_title",
    "phone",
    "id_number",
    "staff_number",
)


def check_child_kind(parent: Organization | None, kind: str) -> None:
    if parent is None:
        if kind != OrgKind.GROUP_COMMITTEE:
            raise ValidationError("顶级组织必须是集团党委。")
        return
    if kind not in ALLOWED_CHILD_KINDS[OrgKind(parent.kind)]:
        raise ValidationError(f"{parent.get_kind_display()}下不能设立{OrgKind(kind).label}。")


def _check_kind_change(org: Organization, kind: str) -> None:
    check_child_kind(org.parent, kind)
    allowed_below = ALLOWED_CHILD_KINDS[OrgKind(kind)]
    for child_kind in org.children.values_list("kind", flat=True).distinct():
        if child_kind not in allowed_below:
            raise ValidationError(
                f"该组织下设有{OrgKind(child_kind).label}，不能改为{OrgKind(kind).label}。"
            )
    if kind not in MEMBER_ORG_KINDS and org.members.exists():
        raise ValidationError(
            f"该组织有登记的党员，不能改为{OrgKind(kind).label}；请先转移党员组织关系。"
        )


def with_province(parent: Organization | None, fields: dict) -> dict:
    """The fields of a new organisation with a province: the one given, else the one its region
    names, else its parent's, so the cockpit's map places every organisation."""
    if fields.get("province"):
        return fields
    found = province_in(fields.get("region") or "") or (parent.province if parent else "")
    return {**fields, "province": found} if found else fields


@transaction.atomic
def org_create(*, actor, parent: Organization | None, **fields) -> Organization:
    kind = fields["kind"]
    check_child_kind(parent, kind)
    fields = with_province(parent, fields)
    if parent is None:
        last = Organization.objects.filter(parent__isnull=True).order_by("-path").first()
        index = decode_step(last.path) + 1 if last else 0  # never reuse a root's path
        path, depth = encode_step(index), 1
    else:
        parent = Organization.objects.select_for_update().get(pk=parent.pk)
        if parent.next_child_index >= MAX_CHILDREN:
            raise ValidationError("该组织下的下级组织数量已达上限。")
        path, depth = child_path(parent.path, parent.next_child_index), parent.depth + 1
        Organization.objects.filter(pk=parent.pk).update(
            next_child_index=F("next_child_index") + 1, child_count=F("child_count") + 1
        )
    org = Organization(parent=parent, path=path, depth=depth, **fields)
    org.full_clean()
    org.save()
    audit_record(
        actor=actor,
        action="org_create",
        obj=org,
        org_path=org.path,
        changes={k: fields[k] for k in fields},
    )
    return org


@transaction.atomic
def org_update(*, actor, org: Organization, version: int | None = None, **fields) -> Organization:
    org = Organization.objects.select_for_update().get(pk=org.pk)
    check_version(org, version)
    if "kind" in fields and fields["kind"] != org.kind:
        _check_kind_change(org, fields["kind"])
    changes = field_changes(org, {k: v for k, v in fields.items() if k in ORG_FIELDS})
    if not changes:
        return org
    org.full_clean()
    org.save(update_fields=[*changes, "updated_at"])
    audit_record(actor=actor, action="org_update", obj=org, org_path=org.path, changes=changes)
    return org


@transaction.atomic
def member_create(*, actor, org: Organization, **fields) -> Member:
    if org.kind not in MEMBER_ORG_KINDS:
        raise ValidationError(
            f"党员的组织关系应在党支部或党小组，不能直接登记在{OrgKind(org.kind).label}。"
        )
    member = Member(org=org, **{k: v for k, v in fields.items() if k in MEMBER_FIELDS})
    member.id_number = member.id_number or None
    member.staff_number = normalize_staff_number(member.staff_number) or None
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        action="member_create",
        obj=member,
        org_path=org.path,
        changes={"name": member.name, "org": org.name},
    )
    return member


@transaction.atomic
def member_update(
    *, actor, member: Member, org: Organization | None = None, version: int | None = None, **fields
) -> Member:
    member = Member.objects.select_for_update().select_related("org").get(pk=member.pk)
    check_version(member, version)
    data = {k: v for k, v in fields.items() if k in MEMBER_FIELDS}
    if "id_number" in data:
        data["id_number"] = data["id_number"] or None
    if "staff_number" in data:
        data["staff_number"] = normalize_staff_number(data["staff_number"]) or None
    if org is not None and org.pk != member.org_id:
        if org.kind not in MEMBER_ORG_KINDS or not org.is_active:
            raise ValidationError("党员的组织关系只能转入在用的党支部或党小组。")
        data["org"] = org
    changes = field_changes(member, data)
    if not changes:
        return member
    member.full_clean()
    member.save(update_fields=[("org" if k == "org" else k) for k in changes] + ["updated_at"])
    # Personal identifiers never go into the audit trail in clear text.
    for secret in ("phone", "id_number", "birth_date"):
        if secret in changes:
            changes[secret] = ["(已修改)", "(已修改)"]
    audit_record(
        actor=actor, action="member_update", obj=member, org_path=member.org.path, changes=changes
    )
    return member


@transaction.atomic
def role_assign(*, actor, user, org: Organization, role: str) -> RoleAssignment:
    Role(role)
    assignment, created = RoleAssignment.objects.get_or_create(user=user, org=org, role=role)
    if created:
        audit_record(
            actor=actor,
            action="role_assign",
            obj=assignment,
            org_path=org.path,
            changes={"user": user.username, "role": Role(role).label},
        )
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    audit_record(
        actor=actor,
        action="role_revoke",
        obj=assignment,
        org_path=assignment.org.path,
        changes={"user": assignment.user.username, "role": assignment.get_role_display()},
    )
    assignment.delete()


def member_login_role(*, actor, member: Member) -> RoleAssignment:
    """The ordinary member's role at the member's own organisation, for the account the member
    signs in with: what every member of the rolls may see and do."""
    return role_assign(actor=actor, user=member.user, org=member.org, role=Role.MEMBER)
