"""Importing organisations and members from .xlsx: all or nothing, every mistake pointed out."""

import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from partybrand.core.models import AuditLog
from partybrand.core.tabular import ImportRefused
from partybrand.orgs.choices import MemberStatus, OrgKind
from partybrand.orgs.imports import import_members, import_orgs
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.validators import id_check_digit
from tests.factories import make_member, make_org, make_user

ORG_HEADERS = [
    "组织编码",
    "组织名称",
    "组织类型",
    "上级组织编码",
    "简称",
    "所在单位及主责主业",
    "所在地区",
    "排序",
]
MEMBER_HEADERS = [
    "姓名",
    "性别",
    "出生日期",
    "入党日期",
    "党员状态",
    "所在组织编码",
    "岗位/职务",
    "手机号",
    "身份证号",
    "工号",
]


def make_upload(headers, rows, name="导入.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def id_number(first17: str) -> str:
    return first17 + id_check_digit(first17)


def refused(call, **kwargs) -> ImportRefused:
    with pytest.raises(ImportRefused) as info:
        call(**kwargs)
    return info.value


def where(exc: ImportRefused) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in exc.errors}


# ---------------------------------------------------------------- organisations


def test_org_file_with_parents_inside_file_in_any_order(world):
    upload = make_upload(
        ORG_HEADERS,
        [
            ["N3", "一支部第一党小组", "党小组", "N2", "", "", "", 1],
            ["N2", "新建第一党支部", "党支部", "N1", "一支部", "生产运营", "北京", 2],
            ["N1", "新建党总支", "党总支", "T1", "", "", "", ""],
            ["N4", "机关第二党支部", "党支部", "T11", "", "", "", ""],
        ],
    )
    result = import_orgs(actor=world.mid_admin, upload=upload)

    assert (result.created, result.updated) == (4, 0)
    group = Organization.objects.get(code="N3")
    assert group.parent.code == "N2" and group.parent.parent.code == "N1"
    assert group.path.startswith(world.committee_a.path)
    branch = Organization.objects.get(code="N2")
    assert (branch.short_name, branch.business, branch.region, branch.sort_order) == (
        "一支部",
        "生产运营",
        "北京",
        2,
    )
    summary = AuditLog.objects.get(action="org_import")
    assert summary.changes == {"created": 4, "updated": 0, "file": "导入.xlsx"}
    assert AuditLog.objects.filter(action="org_create", actor=world.mid_admin).count() == 4


def test_bad_org_file_lists_every_mistake_and_creates_nothing(world):
    before_orgs, before_audit = Organization.objects.count(), AuditLog.objects.count()
    upload = make_upload(
        ORG_HEADERS,
        [
            ["G1", "正确的一行", "党支部", "T1", "", "", "", ""],
            ["G2", "", "党支部", "T1", "", "", "", ""],
            ["G3", "类型写错", "支部", "T1", "", "", "", ""],
            ["G4", "上级不存在", "党支部", "NOPE", "", "", "", ""],
            ["G5", "党委下设小组", "党小组", "T1", "", "", "", "第一"],
            ["G6", "重复一", "党支部", "T1", "", "", "", ""],
            ["G6", "重复二", "党支部", "T1", "", "", "", ""],
            ["C1", "循环甲", "二级党委", "C2", "", "", "", ""],
            ["C2", "循环乙", "二级党委", "C1", "", "", "", ""],
        ],
    )
    exc = refused(import_orgs, actor=world.committee_admin, upload=upload)

    assert where(exc) == {
        (3, "组织名称"),
        (4, "组织类型"),
        (5, "上级组织编码"),
        (6, "组织类型"),
        (6, "排序"),
        (7, "组织编码"),
        (8, "组织编码"),
        (9, "上级组织编码"),
        (10, "上级组织编码"),
    }
    messages = {(e.row, e.column): e.message for e in exc.errors}
    assert messages[(3, "组织名称")] == "组织名称不能为空。"
    assert messages[(5, "上级组织编码")] == "上级组织编码 NOPE 在系统和本文件中都不存在。"
    assert messages[(6, "组织类型")] == "二级党委下不能设立党小组。"
    assert messages[(7, "组织编码")] == "组织编码 G6 在文件中重复出现（第 7、8 行）。"
    assert "循环" in messages[(9, "上级组织编码")]
    assert str(exc) == "导入被拒绝：共 9 处错误，未导入任何数据。"
    assert Organization.objects.count() == before_orgs
    assert AuditLog.objects.count() == before_audit


def test_existing_code_updates_details_but_not_parent_or_kind(world):
    upload = make_upload(
        ORG_HEADERS, [["T111", "支部A（更名）", "党支部", "T11", "A", "", "上海", 5]]
    )
    result = import_orgs(actor=world.mid_admin, upload=upload)
    world.branch_a.refresh_from_db()
    assert (result.created, result.updated) == (0, 1)
    assert (world.branch_a.name, world.branch_a.region, world.branch_a.sort_order) == (
        "支部A（更名）",
        "上海",
        5,
    )

    moved = make_upload(ORG_HEADERS, [["T111", "支部A", "党总支", "T1", "", "", "", ""]])
    exc = refused(import_orgs, actor=world.mid_admin, upload=moved)
    assert {e.message for e in exc.errors} == {"已有组织不能通过导入调整上级或类型。"}
    assert where(exc) == {(2, "组织类型"), (2, "上级组织编码")}
    world.branch_a.refresh_from_db()
    assert world.branch_a.parent == world.general_branch


def test_orgs_outside_scope_are_refused_without_revealing_names(world):
    count = Organization.objects.count()
    upload = make_upload(ORG_HEADERS, [["X1", "越权支部", "党支部", "T11", "", "", "", ""]])
    exc = refused(import_orgs, actor=world.outsider, upload=upload)
    assert exc.errors[0].message == "无权在该上级组织下导入（组织编码 T11 不在您的管理范围内）。"

    # 二级党委甲's admin may neither add under 乙公司党委 nor rename 支部B.
    upload = make_upload(
        ORG_HEADERS,
        [
            ["X2", "越权支部", "党支部", "T2", "", "", "", ""],
            ["T21", "改名", "党支部", "", "", "", "", ""],
        ],
    )
    exc = refused(import_orgs, actor=world.mid_admin, upload=upload)
    assert where(exc) == {(2, "上级组织编码"), (3, "组织编码")}
    assert not any("乙公司" in e.message or "支部B" in e.message for e in exc.errors)
    assert Organization.objects.count() == count
    assert Organization.objects.get(code="T21").name == "支部B"


def test_only_a_superuser_imports_a_top_group_committee(world):
    rows = [
        ["G0", "新集团党委", "集团党委", "", "", "", "", ""],
        ["G01", "新公司党委", "二级党委", "G0", "", "", "", ""],
    ]
    exc = refused(import_orgs, actor=world.committee_admin, upload=make_upload(ORG_HEADERS, rows))
    assert where(exc) == {(2, "上级组织编码")}

    root = make_user("root", is_superuser=True)
    result = import_orgs(actor=root, upload=make_upload(ORG_HEADERS, rows))
    assert result.created == 2
    assert Organization.objects.get(code="G01").parent.code == "G0"
    assert Organization.objects.get(code="G0").parent is None


# ---------------------------------------------------------------- members


def test_members_upsert_by_id_number(world):
    before = Member.objects.count()
    upload = make_upload(
        MEMBER_HEADERS,
        [
            [
                "李党员",
                "男",
                "1990-03-07",
                "2015/7/1",
                "正式",
                "T111",
                "宣传委员",
                13900001111,
                world.member_a.id_number,
            ],
            ["新党员", "女", datetime(1995, 5, 20), "2021年7月1日", "预备党员", "T111", "", "", ""],
            ["王五", "男", "", "", "", "T111", "", "", id_number("11010119881111003").lower()],
        ],
    )
    result = import_members(actor=world.secretary, upload=upload)

    assert (result.created, result.updated) == (2, 1)
    assert Member.objects.count() == before + 2
    world.member_a.refresh_from_db()
    assert (world.member_a.job_title, world.member_a.phone) == ("宣传委员", "13900001111")
    assert world.member_a.join_date == date(2015, 7, 1)
    newcomer = Member.objects.get(name="新党员")
    assert (newcomer.birth_date, newcomer.join_date) == (date(1995, 5, 20), date(2021, 7, 1))
    assert newcomer.status == MemberStatus.PROBATIONARY and newcomer.id_number is None
    wang = Member.objects.get(name="王五")
    assert wang.id_number == "11010119881111003X"  # typed with a small x
    assert wang.birth_date == date(1988, 11, 11)  # taken from the ID number
    assert AuditLog.objects.get(action="member_import").changes["created"] == 2


def test_member_mistakes_are_pointed_out_exactly(world):
    team = make_org(world.branch_a, "攻坚突击队", OrgKind.TEAM, "T111T")
    good_id = id_number("11010119900101002")
    before = Member.objects.count()
    upload = make_upload(
        MEMBER_HEADERS,
        [
            ["甲", "男", "", "", "", "T111", "", "", "110101199001010021"],  # bad check digit
            ["乙", "未知", "", "", "", "T111", "", "1234", ""],
            ["丙", "女", "1990-01-02", "", "", "T111", "", "", good_id],
            ["丁", "男", "", "2000-01-01", "", "T111", "", "", good_id],
            ["戊", "男", "2000-01-01", "2999-01-01", "", "T111", "", "", ""],
            ["己", "男", "", "", "", "T111T", "", "", ""],
            ["庚", "男", "昨天", "", "", "NOPE", "", "", ""],
        ],
    )
    exc = refused(import_members, actor=world.secretary, upload=upload)
    messages = {(e.row, e.column): e.message for e in exc.errors}
    assert messages == {
        (2, "身份证号"): "身份证号校验位不正确。",
        (3, "性别"): "性别应填写“男”或“女”。",
        (3, "手机号"): "手机号应为 11 位数字，以 1 开头。",
        (4, "出生日期"): "出生日期与身份证号中的出生日期（1990-01-01）不一致。",
        (4, "身份证号"): f"身份证号 {good_id} 在文件中重复出现（第 4、5 行）。",
        (5, "身份证号"): f"身份证号 {good_id} 在文件中重复出现（第 4、5 行）。",
        (5, "入党日期"): "入党日期应在年满 18 周岁之后。",
        (6, "入党日期"): "入党日期不能晚于今天。",
        (7, "所在组织编码"): "专项团队不能作为党员的所在组织，请填写党支部或党小组的编码。",
        (8, "出生日期"): "出生日期格式不正确，请填写如 2020-07-01 的日期。",
        (8, "所在组织编码"): "所在组织编码 NOPE 不存在。",
    }
    assert team.pk and Member.objects.count() == before


def test_outsider_cannot_import_members_into_another_branch(world):
    before = Member.objects.count()
    into_a = make_upload(MEMBER_HEADERS, [["张三", "男", "", "", "", "T111", "", "", ""]])
    exc = refused(import_members, actor=world.outsider, upload=into_a)
    assert exc.errors[0].message == "无权向该组织导入党员（组织编码 T111 不在您的管理范围内）。"

    # 支部B's secretary cannot take over 支部A's member by quoting the ID number.
    steal = make_upload(
        MEMBER_HEADERS, [["李党员", "男", "", "", "", "T21", "", "", world.member_a.id_number]]
    )
    exc = refused(import_members, actor=world.outsider, upload=steal)
    assert [e.message for e in exc.errors] == ["该身份证号已在其他组织登记，请联系上级组织处理。"]
    world.member_a.refresh_from_db()
    assert world.member_a.org == world.branch_a and Member.objects.count() == before


def test_manager_above_can_move_a_member_by_id_number(world):
    branch_c = make_org(world.general_branch, "支部C", "branch", "T112")
    upload = make_upload(
        MEMBER_HEADERS, [["李党员", "男", "", "", "", "T112", "", "", world.member_a.id_number]]
    )
    assert import_members(actor=world.mid_admin, upload=upload).updated == 1
    world.member_a.refresh_from_db()
    assert world.member_a.org == branch_c


def test_members_cannot_be_placed_in_a_general_branch(world):
    upload = make_upload(MEMBER_HEADERS, [["张三", "男", "", "", "", "T11", "", "", ""]])
    exc = refused(import_members, actor=world.mid_admin, upload=upload)
    assert exc.errors[0].message.startswith("党总支不能作为党员的所在组织")


# ---------------------------------------------------------------- file robustness


def test_non_xlsx_files_are_refused(world):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    for content in (b"name,code\n", archive.getvalue(), b""):
        upload = SimpleUploadedFile("伪装.xlsx", content)
        exc = refused(import_orgs, actor=world.committee_admin, upload=upload)
        assert [e.message for e in exc.errors] == ["文件不是有效的 Excel（.xlsx）文件。"]


def test_oversized_file_is_refused(world, settings):
    settings.IMPORT_MAX_BYTES = 1024
    upload = make_upload(
        ORG_HEADERS, [[f"B{i}", "很长的名称" * 5, "党支部", "T1"] for i in range(200)]
    )
    exc = refused(import_orgs, actor=world.committee_admin, upload=upload)
    assert "大小上限" in exc.errors[0].message


def test_headers_by_name_in_any_order_and_missing_column_named(world):
    headers = [" 上级组织编码 ", "备注", "组织类型", "组织名称*", "组织编码"]
    upload = make_upload(
        headers,
        [["T1", "随便写", "党支部", "新支部", "H1"], [None] * 5, ["T1", "", "党支部", "", "H2"]],
    )
    exc = refused(import_orgs, actor=world.committee_admin, upload=upload)
    assert where(exc) == {(4, "组织名称")}  # the empty row 3 is skipped, rows keep Excel numbers

    upload = make_upload(["组织编码", "组织名称", "上级组织编码"], [["H3", "新支部", "T1"]])
    exc = refused(import_orgs, actor=world.committee_admin, upload=upload)
    assert [e.message for e in exc.errors] == ["缺少必填列“组织类型”。"]


def test_too_many_rows_is_a_clear_error(world, settings):
    settings.IMPORT_MAX_ROWS = 3
    upload = make_upload(ORG_HEADERS, [[f"R{i}", "支部", "党支部", "T1"] for i in range(5)])
    exc = refused(import_orgs, actor=world.committee_admin, upload=upload)
    assert exc.errors[0].message == "数据超过 3 行的上限，请拆分为多个文件分批导入。"
    assert not Organization.objects.filter(code__startswith="R").exists()


def test_numbers_typed_as_numbers_are_understood(world):
    upload = make_upload(
        MEMBER_HEADERS,
        [
            [
                "赵六",
                "男",
                19850615,
                "",
                "正式党员",
                "T111",
                "",
                13812345678.0,
                " 110101198506150019 ",
            ]
        ],
    )
    import_members(actor=world.secretary, upload=upload)
    zhao = Member.objects.get(name="赵六")
    assert (zhao.phone, zhao.id_number, zhao.birth_date) == (
        "13812345678",
        "110101198506150019",
        date(1985, 6, 15),
    )
    # Excel itself keeps only 15 significant digits of a number: the tail is lost, say so.
    rounded = make_upload(
        MEMBER_HEADERS, [["钱七", "男", "", "", "", "T111", "", "", 1.1010119850615e17]]
    )
    exc = refused(import_members, actor=world.secretary, upload=rounded)
    assert where(exc) == {(2, "身份证号")} and "存成了数字" in exc.errors[0].message


def test_a_member_without_an_id_number_is_matched_by_name_on_reimport_not_created_again(world):
    row = ["新党员", "女", datetime(1995, 5, 20), "2021年7月1日", "预备党员", "T111", "", "", ""]
    import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, [row]))
    again = [*row[:6], "组织委员", 13900002222, ""]
    result = import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, [again]))
    assert (result.created, result.updated) == (0, 1)
    member = Member.objects.get(name="新党员")
    assert (member.job_title, member.phone) == ("组织委员", "13900002222")
    # Twice in one file, or two namesakes without ID numbers: the secretary is asked to tell them
    # apart, and nothing is written.
    with pytest.raises(ImportRefused) as twice:
        import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, [again, again]))
    assert "同一党员在文件中出现了两次" in str(twice.value.errors)
    make_member(world.branch_a, "新党员")
    with pytest.raises(ImportRefused) as namesakes:
        import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, [again]))
    assert "2 名未登记身份证号的“新党员”" in str(namesakes.value.errors)
    assert Member.objects.filter(name="新党员").count() == 2
