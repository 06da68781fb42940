"""A member without an ID number is never imported twice: rows that may be one person written
twice are refused naming both rows, and a row that may be a member already registered is
reported instead of creating a second one. Before, two identical rows without ID numbers made
two members. All or nothing: a refused file writes no row."""

from datetime import date

import pytest

from partybrand.core.tabular import ImportRefused
from partybrand.orgs.imports import import_members
from partybrand.orgs.models import Member
from tests.core.test_imports import MEMBER_HEADERS, id_number, make_upload
from tests.factories import make_member


def member_row(name, *, born="", phone="", id_no="", org="T111", job=""):
    return [name, "男", born, "", "", org, job, phone, id_no]


def refused(actor, rows) -> ImportRefused:
    before = Member.objects.count()
    with pytest.raises(ImportRefused) as exc:
        import_members(actor=actor, upload=make_upload(MEMBER_HEADERS, rows))
    assert Member.objects.count() == before  # nothing written, not even the good rows
    return exc.value


def test_the_same_row_twice_without_an_id_number_is_refused_naming_both_rows(world):
    rows = [
        member_row("孙小明", born="1988-04-02"),
        member_row("周敏", born="1990-01-01"),
        member_row("孙小明", born="1988-04-02"),
    ]
    exc = refused(world.secretary, rows)
    assert [(e.row, e.column) for e in exc.errors] == [(2, "姓名"), (4, "姓名")]
    assert exc.errors[0].message.startswith("第 2、4 行疑似同一党员在文件中出现了两次")


def test_a_repeated_name_with_one_birth_date_missing_is_still_a_repeat(world):
    rows = [member_row("孙小明", born="1988-04-02"), member_row("孙小明", phone="13900001234")]
    exc = refused(world.secretary, rows)
    assert {e.row for e in exc.errors} == {2, 3}


def test_three_rows_name_all_three(world):
    rows = [member_row("孙小明"), member_row("孙小明"), member_row("孙小明")]
    exc = refused(world.secretary, rows)
    expected = "第 2、3、4 行疑似同一党员在文件中出现了三次"
    assert all(e.message.startswith(expected) for e in exc.errors)


def test_a_row_without_id_number_repeating_a_row_with_one_is_refused(world):
    with_id = id_number("11010119880402001")
    rows = [member_row("孙小明", id_no=with_id), member_row("孙小明", born="1988-04-02")]
    exc = refused(world.secretary, rows)
    assert {e.row for e in exc.errors} == {2, 3}


def test_namesakes_told_apart_by_birth_date_phone_or_id_number_are_two_people(world):
    rows = [
        member_row("孙小明", born="1988-04-02"),
        member_row("孙小明", born="1991-09-30"),
        member_row("王芳", phone="13900001111"),
        member_row("王芳", phone="13900002222"),
        member_row("赵强", id_no=id_number("11010119880402001")),
        member_row("赵强", id_no=id_number("11010119910930002")),
    ]
    result = import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, rows))
    assert result.created == 6
    assert Member.objects.filter(name="孙小明", org=world.branch_a).count() == 2


def test_a_row_without_id_number_matching_a_registered_member_is_reported(world):
    registered = world.member_a  # 李党员, registered with an ID number
    exc = refused(world.secretary, [member_row(registered.name)])
    assert [(e.row, e.column) for e in exc.errors] == [(2, "身份证号")]
    assert "已登记身份证号" in exc.errors[0].message
    assert Member.objects.filter(name=registered.name).count() == 1


def test_a_row_with_an_id_number_matching_a_member_registered_without_one_is_reported(world):
    make_member(world.branch_a, "孙小明")
    exc = refused(world.secretary, [member_row("孙小明", id_no=id_number("11010119880402001"))])
    assert "本组织已有未登记身份证号的“孙小明”" in exc.errors[0].message
    assert Member.objects.filter(name="孙小明").count() == 1


def test_a_registered_namesake_with_another_birth_date_is_another_person(world):
    make_member(world.branch_a, "孙小明", birth_date=date(1975, 1, 1))
    result = import_members(
        actor=world.secretary,
        upload=make_upload(MEMBER_HEADERS, [member_row("孙小明", born="1988-04-02")]),
    )
    assert (result.created, result.updated) == (1, 0)


def test_a_member_without_id_number_is_still_updated_on_reimport(world):
    make_member(world.branch_a, "孙小明", birth_date=date(1988, 4, 2))
    row = member_row("孙小明", born="1988-04-02", job="组织委员")
    result = import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, [row]))
    assert (result.created, result.updated) == (0, 1)
    assert Member.objects.get(name="孙小明").job_title == "组织委员"


def test_many_namesakes_are_refused_quickly_without_comparing_every_pair(world):
    rows = [member_row("孙小明") for _ in range(400)]
    exc = refused(world.secretary, rows)
    assert len(exc.errors) == 400
    assert "有 400 行姓名都是“孙小明”" in exc.errors[0].message
