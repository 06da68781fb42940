"""Importing organisations and members from .xlsx: every row is checked first, then all or nothing.

A column missing from the file leaves that field of existing records untouched; a column that
is present but blank clears it.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.tabular import (
    ErrorList,
    ImportRefused,
    RowError,
    cell_date,
    cell_text,
    read_sheet,
)
from partybrand.orgs.choices import Gender, MemberStatus, OrgKind
from partybrand.orgs.exports import (
    MEMBER_COLUMNS,
    MEMBER_SHEET,
    ORG_COLUMNS,
    ORG_KIND_LABELS,
    ORG_SHEET,
)
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.roles import Cap, can
from partybrand.orgs.services import (
    MEMBER_ORG_KINDS,
    check_child_kind,
    member_create,
    member_update,
    org_create,
    org_update,
)
from partybrand.orgs.validators import (
    normalize_staff_number,
    validate_id_number,
    validate_phone,
    validate_staff_number,
)

KINDS = {label: value for value, label in OrgKind.choices}
GENDERS = {"男": Gender.MALE, "男性": Gender.MALE, "女": Gender.FEMALE, "女性": Gender.FEMALE}
STATUSES = {
    "正式党员": MemberStatus.FULL,
    "正式": MemberStatus.FULL,
    "预备党员": MemberStatus.PROBATIONARY,
    "预备": MemberStatus.PROBATIONARY,
}
MAX_NAMESAKES = 50  # rows of one name in one organisation compared pairwise
CONFLICT = "保存时发生冲突（可能有他人正在修改相同数据），请稍后重新导入。"


@dataclass
class ImportResult:
    created: int
    updated: int  # existing records that actually changed


@dataclass
class _Row:
    row: int
    values: dict
    parent: str = ""  # organisations: the parent code as written
    fields: dict = field(default_factory=dict)
    existing: Any = None  # the Organization or Member the row updates
    changes: dict = field(default_factory=dict)


def _text(row: _Row, header: str, model, name: str, errors: ErrorList, required=False) -> str:
    value = cell_text(row.values.get(header))
    limit = model._meta.get_field(name).max_length
    if required and not value:
        errors.add(row.row, header, f"{header}不能为空。")
    elif limit and len(value) > limit:
        errors.add(row.row, header, f"{header}不能超过 {limit} 个字。")
    return value


def _fetch(queryset, name: str, values) -> list:
    values = sorted(v for v in set(values) if v)
    found = []
    for start in range(0, len(values), 1000):
        found.extend(queryset.filter(**{f"{name}__in": values[start : start + 1000]}))
    return found


def _diff(obj, data: dict) -> dict:
    return {k: v for k, v in data.items() if getattr(obj, k) != v}


def _no_progress(done: int, total: int) -> None:
    """`on_progress(done, total)` of the imports: told at the start and end of checking the rows
    and of writing them (the background job shows it)."""


def _apply(rows: list[_Row], action) -> None:
    """Run `action` on each row; a late failure (a race, a model rule) still refuses it all."""
    for row in rows:
        try:
            action(row)
        except ValidationError as exc:
            raise ImportRefused([RowError(row.row, "", "；".join(exc.messages))]) from exc
        except IntegrityError as exc:
            raise ImportRefused([RowError(row.row, "", CONFLICT)]) from exc


# ---------------------------------------------------------------- organisations


def import_orgs(*, actor, upload, on_progress=_no_progress) -> ImportResult:
    sheet = read_sheet(upload, ORG_COLUMNS, ORG_SHEET)
    total = len(sheet.rows)
    on_progress(0, total)
    errors = ErrorList()
    rows = [
        _parse_org(_Row(number, values), sheet.headers, errors) for number, values in sheet.rows
    ]
    errors.duplicates(((r.row, r.fields["code"]) for r in rows), "组织编码")
    codes = [r.fields["code"] for r in rows] + [r.parent for r in rows]
    existing = {
        o.code: o for o in _fetch(Organization.objects.select_related("parent"), "code", codes)
    }
    new: dict[str, _Row] = {}
    for row in rows:
        row.existing = existing.get(row.fields["code"])
        if not row.existing and row.fields["code"]:
            new.setdefault(row.fields["code"], row)
    for row in rows:
        if row.existing:
            _check_org_update(row, actor, errors)
        else:
            _check_org_create(row, actor, existing, new, errors)
    depth = _org_depths(new, errors)
    on_progress(total, total)
    if errors:
        raise ImportRefused(errors)
    created: dict[str, Organization] = {}
    touched: list[Organization] = []

    def save(row: _Row) -> None:
        if row.existing:
            touched.append(row.existing)
            if row.changes:
                org_update(actor=actor, org=row.existing, **row.changes)
            return
        parent = created.get(row.parent) or existing.get(row.parent)
        org = org_create(actor=actor, parent=parent, **row.fields)
        created[org.code] = org
        touched.append(org)

    on_progress(0, total)
    with transaction.atomic():
        _apply(sorted(rows, key=lambda r: (depth.get(r.fields["code"], 0), r.row)), save)
        result = ImportResult(len(created), sum(1 for r in rows if r.existing and r.changes))
        _summary(actor, "org_import", min(touched, key=lambda o: o.path), result, upload)
    on_progress(total, total)
    return result


def _parse_org(row: _Row, headers: set[str], errors: ErrorList) -> _Row:
    row.fields["code"] = _text(row, "组织编码", Organization, "code", errors, required=True)
    row.fields["name"] = _text(row, "组织名称", Organization, "name", errors, required=True)
    label = cell_text(row.values.get("组织类型"))
    row.fields["kind"] = KINDS.get(label, "")
    if label and not row.fields["kind"]:
        errors.add(row.row, "组织类型", f"组织类型应为以下之一：{'、'.join(ORG_KIND_LABELS)}。")
    row.parent = cell_text(row.values.get("上级组织编码"))
    for header, name in (
        ("简称", "short_name"),
        ("所在单位及主责主业", "business"),
        ("所在地区", "region"),
    ):
        if header in headers:
            row.fields[name] = _text(row, header, Organization, name, errors)
    if "排序" in headers:
        value = row.values.get("排序")
        text = cell_text(value)
        if text.isdecimal() and int(text) <= 2_147_483_647:
            row.fields["sort_order"] = int(text)
        elif not text:
            row.fields["sort_order"] = 0
        else:
            errors.add(row.row, "排序", "排序应为非负整数。")
    return row


def _check_org_update(row: _Row, actor, errors: ErrorList) -> None:
    org, code = row.existing, row.fields["code"]
    if not can(actor, Cap.MANAGE_ORGS, org.path):
        errors.add(row.row, "组织编码", f"无权修改该组织（组织编码 {code} 不在您的管理范围内）。")
        return
    fixed = "已有组织不能通过导入调整上级或类型。"
    if row.fields["kind"] and row.fields["kind"] != org.kind:
        errors.add(row.row, "组织类型", fixed)
    if row.parent and row.parent != (org.parent.code if org.parent else ""):
        errors.add(row.row, "上级组织编码", fixed)
    row.changes = _diff(org, {k: v for k, v in row.fields.items() if k not in ("code", "kind")})


def _check_org_create(row: _Row, actor, existing: dict, new: dict, errors: ErrorList) -> None:
    kind, parent_code, column = row.fields["kind"], row.parent, "上级组织编码"
    if not kind and not cell_text(row.values.get("组织类型")):
        errors.add(row.row, "组织类型", "组织类型不能为空。")
    if not parent_code:
        if kind == OrgKind.GROUP_COMMITTEE and not actor.is_superuser:
            errors.add(row.row, column, "只有系统管理员可以导入顶级集团党委，请填写上级组织编码。")
        elif kind and kind != OrgKind.GROUP_COMMITTEE:
            errors.add(row.row, column, "上级组织编码不能为空（只有集团党委可以作为顶级组织）。")
        return
    parent = existing.get(parent_code)
    if parent is not None:
        if not can(actor, Cap.MANAGE_ORGS, parent.path):
            message = f"无权在该上级组织下导入（组织编码 {parent_code} 不在您的管理范围内）。"
            errors.add(row.row, column, message)
            return
        if not parent.is_active:
            errors.add(
                row.row, column, f"上级组织（编码 {parent_code}）已停用，不能在其下新增组织。"
            )
            return
    elif parent_code in new:
        parent = Organization(kind=new[parent_code].fields["kind"])
    else:
        errors.add(row.row, column, f"上级组织编码 {parent_code} 在系统和本文件中都不存在。")
        return
    if kind and parent.kind:
        try:
            check_child_kind(parent, kind)
        except ValidationError as exc:
            errors.add(row.row, "组织类型", "；".join(exc.messages))


def _org_depths(new: dict[str, _Row], errors: ErrorList) -> dict[str, int]:
    """How deep each new organisation sits below existing ones; reports cycles."""
    depth: dict[str, int] = {}
    for start in new:
        chain, code = [], start
        while code in new and code not in depth and code not in chain:
            chain.append(code)
            code = new[code].parent
        if code in chain:
            loop = chain[chain.index(code) :]
            text = " → ".join([*loop, code])
            for c in loop:
                message = (
                    "上级组织编码不能是本组织自己。"
                    if len(loop) == 1
                    else f"上级组织关系形成循环：{text}。"
                )
                errors.add(new[c].row, "上级组织编码", message)
        base = depth.get(code, 0)
        for offset, c in enumerate(reversed(chain), start=1):
            depth[c] = base + offset
    return depth


def _summary(actor, action: str, org: Organization, result: ImportResult, upload) -> None:
    name = getattr(upload, "name", "") or ""
    changes = {"created": result.created, "updated": result.updated, "file": name}
    audit_record(actor=actor, action=action, obj=org, org_path=org.path, changes=changes)


# ---------------------------------------------------------------- members


def import_members(*, actor, upload, on_progress=_no_progress) -> ImportResult:
    sheet = read_sheet(upload, MEMBER_COLUMNS, MEMBER_SHEET)
    total = len(sheet.rows)
    on_progress(0, total)
    errors = ErrorList()
    rows = [_parse_member(_Row(n, values), sheet.headers, errors) for n, values in sheet.rows]
    errors.duplicates(((r.row, r.fields.get("id_number")) for r in rows), "身份证号")
    repeated = _repeated_without_id(rows, errors)
    errors.duplicates(((r.row, r.fields.get("staff_number")) for r in rows), "工号")
    orgs = {o.code: o for o in _fetch(Organization.objects.all(), "code", (r.parent for r in rows))}
    ids = (r.fields.get("id_number") for r in rows)
    known = {m.id_number: m for m in _fetch(Member.objects.select_related("org"), "id_number", ids)}
    namesakes = _namesakes(rows, orgs)
    matched_by_name: set[int] = set()
    for row in rows:
        org = _member_org(row, actor, orgs, errors)
        member = known.get(row.fields.get("id_number"))
        if member is None and org is not None and row.row not in repeated:
            member = _match_by_name(row, namesakes.get((org.pk, row.fields.get("name"))), errors)
            if member is not None and member.pk in matched_by_name:
                errors.add(row.row, "姓名", "同一党员在文件中出现了两次，请合并为一行。")
                member = None
            elif member is not None:
                matched_by_name.add(member.pk)
        if member is not None and not can(actor, Cap.MANAGE_MEMBERS, member.org.path):
            errors.add(row.row, "身份证号", "该身份证号已在其他组织登记，请联系上级组织处理。")
        elif member is not None:
            row.existing = member
            if row.fields.get("status") is None:
                row.fields.pop("status", None)
            row.changes = _diff(member, row.fields)
            if org is not None and org.pk != member.org_id:
                row.changes["org"] = org
        if row.fields.get("status", "") is None:
            row.fields["status"] = MemberStatus.FULL
    _check_staff_numbers_free(rows, errors)
    on_progress(total, total)
    if errors:
        raise ImportRefused(errors)

    def save(row: _Row) -> None:
        if row.existing is None:
            member_create(actor=actor, org=orgs[row.parent], **row.fields)
        elif row.changes:
            member_update(actor=actor, member=row.existing, **row.changes)

    on_progress(0, total)
    with transaction.atomic():
        _apply(rows, save)
        result = ImportResult(
            sum(1 for r in rows if r.existing is None), sum(1 for r in rows if r.changes)
        )
        _summary(actor, "member_import", orgs[rows[0].parent], result, upload)
    on_progress(total, total)
    return result


def _may_be_one_person(a: dict, b: dict) -> bool:
    """Two people of one name in one organisation may be one person unless both give a birth
    date, or both a phone number, and these differ."""
    compared = [name for name in ("birth_date", "phone") if a.get(name) and b.get(name)]
    return all(a[name] == b[name] for name in compared)


def _repeated_without_id(rows: list[_Row], errors: ErrorList) -> set[int]:
    """Rows of one organisation and name that may be one person written twice, one of them at
    least without an ID number (two ID numbers tell people apart): every such row is refused,
    naming the rows it repeats. Returns their row numbers."""
    groups: dict[tuple[str, str], list[_Row]] = {}
    for row in rows:
        if row.parent and row.fields.get("name"):
            groups.setdefault((row.parent, row.fields["name"]), []).append(row)
    repeated: dict[int, set[int]] = {}
    for (code, name), group in groups.items():
        if len(group) > MAX_NAMESAKES:  # more namesakes than anyone could tell apart by eye
            unnamed = [r.row for r in group if not r.fields.get("id_number")]
            message = (
                f"组织 {code} 中有 {len(group)} 行姓名都是“{name}”，请为每一行填写身份证号以区分。"
            )
            for number in unnamed:
                errors.add(number, "姓名", message)
            repeated.update({number: set() for number in unnamed})
            continue
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                both_named = a.fields.get("id_number") and b.fields.get("id_number")
                if not both_named and _may_be_one_person(a.fields, b.fields):
                    repeated.setdefault(a.row, {a.row}).add(b.row)
                    repeated.setdefault(b.row, {b.row}).add(a.row)
    for number, same in repeated.items():
        if not same:
            continue
        where = "、".join(map(str, sorted(same)))
        times = {2: "两次", 3: "三次"}.get(len(same), f"{len(same)} 次")
        errors.add(
            number,
            "姓名",
            f"第 {where} 行疑似同一党员在文件中出现了{times}：所在组织和姓名相同，出生日期、"
            "手机号也没有不同，且没有都填写身份证号。如为同一人请合并为一行；"
            "如为不同的人请填写身份证号以区分。",
        )
    return set(repeated)


def _check_staff_numbers_free(rows: list[_Row], errors: ErrorList) -> None:
    """A staff number already on another member's record is refused (it names one person)."""
    numbers = (r.fields.get("staff_number") for r in rows)
    holders = {m.staff_number: m.pk for m in _fetch(Member.objects.all(), "staff_number", numbers)}
    for row in rows:
        number = row.fields.get("staff_number")
        holder = holders.get(number)
        if holder is not None and (row.existing is None or row.existing.pk != holder):
            errors.add(row.row, "工号", f"工号 {number} 已登记给其他党员。")


def _namesakes(rows: list[_Row], orgs: dict) -> dict[tuple, list[Member]]:
    """The members already registered under the rows' names in the rows' organisations, by
    (organisation, name): without an ID number on both sides, the name within the organisation
    (and a birth date or phone number where both have one) is all a re-import can match on."""
    names = sorted({str(r.fields.get("name") or "") for r in rows} - {""})
    org_ids = [o.pk for o in orgs.values()]
    found: dict[tuple, list[Member]] = {}
    for start in range(0, len(names) if org_ids else 0, 1000):
        chunk = names[start : start + 1000]
        for m in Member.objects.filter(org_id__in=org_ids, name__in=chunk).select_related("org"):
            found.setdefault((m.org_id, m.name), []).append(m)
    return found


def _match_by_name(row: _Row, namesakes: list[Member] | None, errors: ErrorList):
    """The one member without an ID number this row (without one either) may be; a registered
    member it may be, or a row with an ID number that may be a member registered without one,
    is refused rather than created a second time."""
    mine = row.fields
    same = [
        m
        for m in namesakes or ()
        if not (m.id_number and m.id_number == mine.get("id_number"))
        and _may_be_one_person({"birth_date": m.birth_date, "phone": m.phone}, mine)
    ]
    registered = [m for m in same if m.id_number]
    unregistered = [m for m in same if not m.id_number]
    name = mine["name"]
    if mine.get("id_number"):
        if unregistered:
            errors.add(
                row.row,
                "身份证号",
                f"本组织已有未登记身份证号的“{name}”，可能与本行是同一人：如为同一人，请先在"
                "党员信息中为其补填身份证号再导入；如为不同的人，请先为其补填出生日期以区分。",
            )
        return None
    if registered and not unregistered:
        errors.add(
            row.row,
            "身份证号",
            f"本组织已有同名党员“{name}”（已登记身份证号），本行未填写身份证号，可能是同一人："
            "请填写身份证号；如为不同的人，也请填写身份证号以区分。",
        )
        return None
    if len(unregistered) + len(registered) > 1:
        errors.add(
            row.row,
            "身份证号",
            f"本组织已有 {len(unregistered)} 名未登记身份证号的“{name}”"
            + (f"和 {len(registered)} 名已登记的同名党员" if registered else "")
            + "，请填写身份证号以区分。",
        )
        return None
    return unregistered[0] if unregistered else None


def _member_org(row: _Row, actor, orgs: dict, errors: ErrorList) -> Organization | None:
    code, column = row.parent, "所在组织编码"
    org = orgs.get(code)
    if not code:
        errors.add(row.row, column, "所在组织编码不能为空。")
    elif org is None:
        errors.add(row.row, column, f"所在组织编码 {code} 不存在。")
    elif not can(actor, Cap.MANAGE_MEMBERS, org.path):
        errors.add(row.row, column, f"无权向该组织导入党员（组织编码 {code} 不在您的管理范围内）。")
    elif org.kind not in MEMBER_ORG_KINDS:
        errors.add(
            row.row,
            column,
            f"{OrgKind(org.kind).label}不能作为党员的所在组织，请填写党支部或党小组的编码。",
        )
    elif not org.is_active:
        errors.add(row.row, column, f"组织（编码 {code}）已停用，不能导入党员。")
    else:
        return org
    return None


def _parse_member(row: _Row, headers: set[str], errors: ErrorList) -> _Row:
    fields, number = row.fields, row.row
    fields["name"] = _text(row, "姓名", Member, "name", errors, required=True)
    gender = cell_text(row.values.get("性别"))
    fields["gender"] = GENDERS.get(gender, "")
    if not fields["gender"]:
        errors.add(number, "性别", "性别应填写“男”或“女”。" if gender else "性别不能为空。")
    row.parent = cell_text(row.values.get("所在组织编码"))
    if "岗位/职务" in headers:
        fields["job_title"] = _text(row, "岗位/职务", Member, "job_title", errors)
    if "党员状态" in headers:
        status = cell_text(row.values.get("党员状态"))
        fields["status"] = STATUSES.get(status) if status else None
        if status and not fields["status"]:
            errors.add(number, "党员状态", "党员状态应填写“正式党员”或“预备党员”。")
    if "手机号" in headers:
        fields["phone"] = _identifier(row, "手机号", validate_phone, errors)
    id_date = None
    if "身份证号" in headers:
        before = len(errors)
        id_number = _identifier(row, "身份证号", validate_id_number, errors)
        if id_number and len(errors) == before:
            id_date = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
        fields["id_number"] = id_number or None
    if "工号" in headers:
        fields["staff_number"] = _staff_number(row, errors) or None
    dates = {}
    for header, name in (("出生日期", "birth_date"), ("入党日期", "join_date")):
        if header in headers:
            try:
                dates[name] = fields[name] = cell_date(row.values.get(header))
            except ValueError:
                errors.add(number, header, f"{header}格式不正确，请填写如 2020-07-01 的日期。")
    birth, join, today = dates.get("birth_date"), dates.get("join_date"), clock.today()
    if birth and id_date and birth != id_date:
        errors.add(
            number, "出生日期", f"出生日期与身份证号中的出生日期（{id_date:%Y-%m-%d}）不一致。"
        )
    elif id_date and not birth:
        birth = fields["birth_date"] = id_date
    if birth and not date(1900, 1, 1) <= birth <= today:
        errors.add(number, "出生日期", "出生日期不能晚于今天，也不能早于 1900 年。")
    if join and join > today:
        errors.add(number, "入党日期", "入党日期不能晚于今天。")
    elif join and birth and join < _adult(birth):
        errors.add(number, "入党日期", "入党日期应在年满 18 周岁之后。")
    return row


def _staff_number(row: _Row, errors: ErrorList) -> str:
    value = normalize_staff_number(cell_text(row.values.get("工号")))
    try:
        validate_staff_number(value)
    except ValidationError as exc:
        errors.add(row.row, "工号", "；".join(exc.messages))
        return ""
    return value


def _identifier(row: _Row, header: str, validator, errors: ErrorList) -> str:
    value = row.values.get(header)
    if isinstance(value, float) and value >= 1e15:
        errors.add(
            row.row,
            header,
            f"{header}被 Excel 存成了数字，末几位已丢失，请将该列设为文本后重新填写。",
        )
        return ""
    text = cell_text(value).upper().replace(" ", "").replace("-", "")
    if "*" in text:
        errors.add(row.row, header, f"{header}是脱敏后的号码（含 *），请填写完整号码或清空该格。")
        return ""
    try:
        validator(text)
    except ValidationError as exc:
        errors.add(row.row, header, "；".join(exc.messages))
    return text


def _adult(birth: date) -> date:
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:  # born on 29 February
        return date(birth.year + 18, 3, 1)
