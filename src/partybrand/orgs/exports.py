"""Import templates and exports of organisations and members; also the column layout they share."""

from collections.abc import Callable, Iterable
from datetime import date

from partybrand.core.tabular import (
    EXAMPLE_PREFIX,
    Column,
    max_data_rows,
    write_workbook,
)
from partybrand.orgs.choices import OrgKind

# The one column layout of templates, exports and imports.
ORG_KIND_LABELS = tuple(OrgKind.labels)
ORG_SHEET, MEMBER_SHEET = "组织导入模板", "党员导入模板"
ORG_COLUMNS = (
    Column(
        "组织编码", True, 14, True, help="必填。全系统唯一；已存在的编码将更新该组织的名称等信息。"
    ),
    Column("组织名称", True, 30, help="必填，不超过 100 字。"),
    Column("组织类型", True, 12, choices=ORG_KIND_LABELS, help="必填，从下拉列表选择。"),
    Column(
        "上级组织编码",
        True,
        14,
        True,
        help="必填（只有顶级集团党委可留空）。可以是系统中已有的组织，也可以是本文件中其他行的组织，"
        "顺序不限。已有组织不能通过导入调整上级或类型。",
    ),
    Column("简称", width=16, help="选填，不超过 50 字。"),
    Column("所在单位及主责主业", width=36, help="选填，不超过 200 字。"),
    Column("所在地区", width=14, help="选填，不超过 50 字。"),
    Column("排序", width=8, help="选填，非负整数，数字小的排在前面。"),
)
MEMBER_COLUMNS = (
    Column("姓名", True, 12, help="必填。"),
    Column("性别", True, 8, choices=("男", "女"), help="必填，男或女。"),
    Column(
        "出生日期",
        width=14,
        help="选填，如 1990-03-07；留空时按身份证号填写。填写了身份证号时须与其中的出生日期一致。",
    ),
    Column("入党日期", width=14, help="选填，如 2015-07-01，应在年满 18 周岁之后且不晚于今天。"),
    Column(
        "党员状态",
        width=12,
        choices=("正式党员", "预备党员"),
        help="正式党员或预备党员；新增时留空为正式党员，更新时留空则保持不变。",
    ),
    Column(
        "所在组织编码",
        True,
        14,
        True,
        help="必填。须为您管理范围内已有的组织编码（不能是专项团队）。",
    ),
    Column("岗位/职务", width=20, help="选填。"),
    Column("手机号", width=16, text=True, help="选填，11 位手机号。"),
    Column(
        "身份证号",
        width=22,
        text=True,
        help="选填，18 位。系统按身份证号识别党员：已登记的身份证号将更新该党员信息；"
        "未填写身份证号的行每次导入都会新增一名党员。",
    ),
    Column(
        "工号",
        width=14,
        text=True,
        help="选填，单位人事系统中的工号（字母、数字和 - _ .），全系统唯一；"
        "启用统一身份认证时据此识别本人。",
    ),
)

ORG_EXAMPLE = (
    f"{EXAMPLE_PREFIX}：D0101",
    "XX公司第一党支部",
    "党支部",
    "D01",
    "一支部",
    "XX公司生产运营部，负责设备运维",
    "北京",
    1,
)
MEMBER_EXAMPLE = (
    f"{EXAMPLE_PREFIX}：张三",
    "男",
    date(1985, 6, 15),
    date(2010, 7, 1),
    "正式党员",
    "D0101",
    "党支部书记",
    "13800138000",
    "11010519850615201X",
    "E10086",
)


def general_notes() -> tuple[str, ...]:
    return (
        "表头行不能删除或改名；列的顺序可以调整，多出的列会被忽略。",
        "导入前系统会检查全部数据：只要有一处错误，就不会导入任何数据，并逐条列出错误所在的行号"
        "和列名，改正后重新上传即可。",
        f"每个文件最多 {max_data_rows()} 行数据；空行会被跳过。",
        "选填列整列不存在时，已有记录的该项保持不变；列存在但单元格留空时，该项会被清空。",
    )


EXAMPLE_NOTE = (
    "第 2 行是灰色的示例行（第一格以“示例”开头），导入时会自动跳过，可以保留也可以删除；"
    "请从第 3 行起填写。只上传未填写的模板会提示“没有可导入的数据”，不会新增任何记录。"
)
ORG_NOTES = (
    "组织编码已存在的行会更新该组织的名称、简称、所在单位及主责主业、所在地区和排序；"
    "其他行会新增组织。",
    "上级组织可以是系统中已有的组织，也可以是本文件中的其他行，前后顺序不限。",
    "您只能在自己有组织管理权限的组织下新增或修改组织。",
)
MEMBER_NOTES = (
    "日期可写成 2020-07-01、2020/7/1 或 2020年7月1日，也可使用 Excel 日期格式。",
    "手机号、身份证号两列已设为文本格式，请勿改成数字格式，否则身份证号末几位会丢失。",
    "导出文件中带 * 的脱敏号码不能直接导入，请填写完整号码或清空该格。",
    "您只能向自己有党员管理权限的组织导入党员。",
)


def _notes(columns: tuple[Column, ...], *extra: str) -> list[list[str]]:
    rows = [["列名", "填写说明"]]
    rows += [[c.header + ("（必填）" if c.required else ""), c.help] for c in columns]
    rows += [["", ""]]
    rows += [["注意事项" if i == 0 else "", line] for i, line in enumerate(extra)]
    return rows


def org_template_workbook() -> bytes:
    notes = _notes(ORG_COLUMNS, EXAMPLE_NOTE, *general_notes(), *ORG_NOTES)
    return write_workbook(ORG_SHEET, ORG_COLUMNS, [], example=ORG_EXAMPLE, notes=notes)


def member_template_workbook() -> bytes:
    notes = _notes(MEMBER_COLUMNS, EXAMPLE_NOTE, *general_notes(), *MEMBER_NOTES)
    return write_workbook(MEMBER_SHEET, MEMBER_COLUMNS, [], example=MEMBER_EXAMPLE, notes=notes)


def _as_is(rows: Iterable) -> Iterable:
    return rows


def export_orgs(orgs_queryset, *, track: Callable[[Iterable], Iterable] = _as_is) -> bytes:
    """The organisations, parents first; can be edited and imported again. `track` sees the rows
    as they stream into the workbook (a background export counts them)."""
    labels = dict(OrgKind.choices)
    orgs = orgs_queryset.select_related("parent").order_by("path").iterator(chunk_size=2000)
    rows = (
        (
            org.code,
            org.name,
            labels.get(org.kind, org.kind),
            org.parent.code if org.parent_id else None,
            org.short_name or None,
            org.business or None,
            org.region or None,
            org.sort_order,
        )
        for org in orgs
    )
    notes = _notes(ORG_COLUMNS, *general_notes(), *ORG_NOTES)
    return write_workbook("组织名册", ORG_COLUMNS, track(rows), notes=notes)


def export_members(
    members_queryset,
    *,
    unmasked_org_paths: list[str] | None,
    track: Callable[[Iterable], Iterable] = _as_is,
) -> bytes:
    """The members; phone and ID number are masked outside `unmasked_org_paths` (None: nowhere)."""
    paths = None if unmasked_org_paths is None else tuple(unmasked_org_paths)

    def clear(member) -> bool:
        return paths is None or member.org.path.startswith(paths)

    members = members_queryset.select_related("org").iterator(chunk_size=2000)
    rows = (
        (
            member.name,
            member.get_gender_display(),
            # The full birth date is personal data (with a masked ID number it narrows the ID).
            member.birth_date
            if clear(member) or not member.birth_date
            else f"{member.birth_date.year}年",
            member.join_date,
            member.get_status_display(),
            member.org.code,
            member.job_title or None,
            (member.phone if clear(member) else member.phone_masked) or None,
            (member.id_number if clear(member) else member.id_number_masked) or None,
            member.staff_number or None,
        )
        for member in members
    )
    notes = _notes(MEMBER_COLUMNS, *general_notes(), *MEMBER_NOTES)
    return write_workbook("党员名册", MEMBER_COLUMNS, track(rows), notes=notes)
