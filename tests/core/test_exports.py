"""Templates and exports: what users download, and that it imports back."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from partybrand.core import palette
from partybrand.core.models import AuditLog
from partybrand.core.tabular import ImportRefused
from partybrand.orgs.access import visible_members, visible_orgs
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.exports import (
    export_members,
    export_orgs,
    member_template_workbook,
    org_template_workbook,
)
from partybrand.orgs.imports import import_members, import_orgs
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.roles import Cap, paths_with
from tests.core.test_imports import MEMBER_HEADERS, ORG_HEADERS
from tests.factories import make_member, make_org


def as_upload(workbook_or_bytes, name="回传.xlsx") -> SimpleUploadedFile:
    if isinstance(workbook_or_bytes, bytes):
        return SimpleUploadedFile(name, workbook_or_bytes)
    out = io.BytesIO()
    workbook_or_bytes.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def open_xlsx(data: bytes):
    return load_workbook(io.BytesIO(data))


def rows_of(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize(
    ("build", "sheet_name", "headers", "dropdowns"),
    [
        (
            org_template_workbook,
            "组织导入模板",
            ORG_HEADERS,
            {"C": "集团党委,二级党委,党总支,党支部,党小组,专项团队"},
        ),
        (
            member_template_workbook,
            "党员导入模板",
            MEMBER_HEADERS,
            {"B": "男,女", "E": "正式党员,预备党员"},
        ),
    ],
)
def test_templates_have_styled_header_dropdowns_example_and_guide(
    build, sheet_name, headers, dropdowns
):
    workbook = open_xlsx(build())
    assert workbook.sheetnames == [sheet_name, "填写说明"]
    sheet = workbook[sheet_name]
    assert [c.value for c in sheet[1]] == headers
    band = palette.argb(palette.RED_TINT)
    assert all(c.font.bold and c.fill.fgColor.rgb == band for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > 8
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists == {letter: f'"{options}"' for letter, options in dropdowns.items()}
    assert str(sheet["A2"].value).startswith("示例")
    guide = [row[0] for row in workbook["填写说明"].iter_rows(min_row=2, values_only=True)]
    assert all(any(str(cell).startswith(h) for cell in guide if cell) for h in headers)


@pytest.mark.parametrize(
    ("build", "importer"),
    [(org_template_workbook, import_orgs), (member_template_workbook, import_members)],
)
def test_template_imported_unchanged_creates_nothing_and_says_why(world, build, importer):
    counts = Organization.objects.count(), Member.objects.count()
    with pytest.raises(ImportRefused) as info:
        importer(actor=world.committee_admin, upload=as_upload(build()))
    assert [e.message for e in info.value.errors] == [
        "文件中没有可导入的数据。以“示例”开头的示例行不会导入，请在表头下方填写数据。"
    ]
    assert (Organization.objects.count(), Member.objects.count()) == counts


def test_filled_in_templates_import_and_skip_the_example(world):
    workbook = open_xlsx(org_template_workbook())
    workbook.active.append(["D77", "新建党支部", "党支部", "T11", "", "", "", 3])
    assert import_orgs(actor=world.mid_admin, upload=as_upload(workbook)).created == 1
    assert Organization.objects.get(code="D77").parent == world.general_branch
    assert not Organization.objects.filter(name="XX公司第一党支部").exists()

    workbook = open_xlsx(member_template_workbook())
    workbook.active.append(["张三", "男", "1990-01-01", "2015-07-01", "正式党员", "T111"])
    assert import_members(actor=world.secretary, upload=as_upload(workbook)).created == 1
    assert Member.objects.get(name="张三").org == world.branch_a
    assert not Member.objects.filter(name__startswith="示例").exists()


def test_template_example_rows_are_real_data_once_unmarked(world):
    make_org(world.group, "XX公司党委", OrgKind.COMMITTEE, "D01")
    workbook = open_xlsx(org_template_workbook())
    workbook.active["A2"] = "D0101"  # the user turns the example into a real row
    assert import_orgs(actor=world.committee_admin, upload=as_upload(workbook)).created == 1
    assert Organization.objects.get(code="D0101").parent.code == "D01"

    workbook = open_xlsx(member_template_workbook())
    workbook.active["A2"] = "张三"
    assert import_members(actor=world.committee_admin, upload=as_upload(workbook)).created == 1
    zhang = Member.objects.get(name="张三")
    assert (zhang.org.code, zhang.id_number) == ("D0101", "11010519850615201X")


def test_member_export_masks_for_a_member_and_not_for_the_secretary(world):
    def export_as(user) -> list:
        data = export_members(
            visible_members(user), unmasked_org_paths=paths_with(user, Cap.SEE_PERSONAL)
        )
        return rows_of(open_xlsx(data).active)

    as_member = {row[0]: row for row in export_as(world.member)}["李党员"]
    assert (as_member[7], as_member[8]) == ("138****5678", "1101**********1233")
    assert as_member[2] == "1990年"  # the year only: the full date would narrow the ID number
    as_secretary = {row[0]: row for row in export_as(world.secretary)}["李党员"]
    assert (as_secretary[7], as_secretary[8]) == ("13812345678", world.member_a.id_number)
    assert as_secretary[1:6] == ["男", as_secretary[2], None, "正式党员", "T111"]
    assert as_secretary[2].date() == world.member_a.birth_date


def test_member_export_unmasks_only_inside_given_paths(world):
    make_member(world.branch_b, "乙支部党员", phone="13911112222")
    data = export_members(Member.objects.all(), unmasked_org_paths=[world.branch_a.path])
    phones = {row[0]: row[7] for row in rows_of(open_xlsx(data).active)}
    assert phones == {"李党员": "13812345678", "乙支部党员": "139****2222"}
    everything = export_members(Member.objects.all(), unmasked_org_paths=None)
    assert "13911112222" in {row[7] for row in rows_of(open_xlsx(everything).active)}


def test_exports_have_template_columns_and_frozen_styled_header(world):
    for data, headers in (
        (export_orgs(visible_orgs(world.staff)), ORG_HEADERS),
        (export_members(visible_members(world.staff), unmasked_org_paths=None), MEMBER_HEADERS),
    ):
        sheet = open_xlsx(data).active
        assert [c.value for c in sheet[1]] == headers
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    rows = rows_of(open_xlsx(export_orgs(visible_orgs(world.mid_admin))).active)
    assert [row[:4] for row in rows] == [
        ["T1", "甲公司党委", "二级党委", "T0"],
        ["T11", "甲公司机关党总支", "党总支", "T1"],
        ["T111", "支部A", "党支部", "T11"],
    ]


def test_org_export_edited_and_reimported_updates_without_duplicates(world):
    workbook = open_xlsx(export_orgs(visible_orgs(world.mid_admin)))
    sheet = workbook.active
    sheet["B4"] = "支部A（新名称）"  # row 4 is 支部A
    sheet["G4"] = "杭州"
    count = Organization.objects.count()

    result = import_orgs(actor=world.mid_admin, upload=as_upload(workbook))

    assert (result.created, result.updated) == (0, 1)
    assert Organization.objects.count() == count
    world.branch_a.refresh_from_db()
    assert (world.branch_a.name, world.branch_a.region) == ("支部A（新名称）", "杭州")
    assert AuditLog.objects.filter(action="org_update").count() == 1


def test_member_export_edited_and_reimported_updates_without_duplicates(world):
    data = export_members(visible_members(world.secretary), unmasked_org_paths=None)
    workbook = open_xlsx(data)
    workbook.active["G2"] = "组织委员"
    count = Member.objects.count()

    result = import_members(actor=world.secretary, upload=as_upload(workbook))

    assert (result.created, result.updated) == (0, 1)
    assert Member.objects.count() == count
    world.member_a.refresh_from_db()
    assert world.member_a.job_title == "组织委员"
    assert world.member_a.phone == "13812345678"


def test_masked_export_cannot_be_reimported_over_real_numbers(world):
    data = export_members(visible_members(world.secretary), unmasked_org_paths=[])
    with pytest.raises(ImportRefused) as info:
        import_members(actor=world.secretary, upload=as_upload(data))
    assert {e.column for e in info.value.errors} == {"出生日期", "手机号", "身份证号"}
    assert "脱敏" in info.value.errors[0].message
    world.member_a.refresh_from_db()
    assert world.member_a.phone == "13812345678"
