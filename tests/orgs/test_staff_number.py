"""工号 (staff number): optional, one person's, kept in one form whether typed in the member form,
imported from .xlsx or sent to the API, and shown on the member page and in exports."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.core.tabular import ImportRefused
from partybrand.orgs.exports import export_members
from partybrand.orgs.imports import import_members
from partybrand.orgs.models import Member
from partybrand.orgs.services import member_update
from partybrand.orgs.validators import validate_staff_number
from tests.core.test_imports import MEMBER_HEADERS, make_upload
from tests.factories import make_member
from tests.helpers import api_client, client_for

HEADERS = MEMBER_HEADERS


def form_data(member: Member, **changes) -> dict:
    data = {
        "name": member.name,
        "gender": member.gender,
        "birth_date": member.birth_date.isoformat() if member.birth_date else "",
        "join_date": "",
        "status": member.status,
        "job_title": "",
        "phone": member.phone,
        "id_number": member.id_number or "",
        "staff_number": "",
    }
    return {**data, **changes}


def test_the_member_form_keeps_a_staff_number_half_width_and_upper_case(world):
    client = client_for(world.secretary)
    url = reverse("orgs:member_edit", args=[world.member_a.pk])
    response = client.post(url, form_data(world.member_a, staff_number=" ｅ10086 "))
    assert response.status_code == 302
    world.member_a.refresh_from_db()
    assert world.member_a.staff_number == "E10086"
    page = client.get(reverse("orgs:member_detail", args=[world.member_a.pk]))
    assert 'data-testid="staff-number">E10086<' in page.content.decode()


def test_a_staff_number_belongs_to_one_member_and_bad_ones_are_explained(world):
    make_member(world.branch_a, "张工", staff_number="E1")
    client = client_for(world.secretary)
    url = reverse("orgs:member_edit", args=[world.member_a.pk])

    taken = client.post(url, form_data(world.member_a, staff_number="e1"))
    assert taken.status_code == 400
    assert "该工号已登记给其他党员。" in taken.content.decode()
    bad = client.post(url, form_data(world.member_a, staff_number="工号 1"))
    assert bad.status_code == 400
    assert "工号只能由字母、数字和 - _ . 组成" in bad.content.decode()
    world.member_a.refresh_from_db()
    assert world.member_a.staff_number is None


def test_clearing_a_staff_number_frees_it(world):
    member = make_member(world.branch_a, "张工", staff_number="E1")
    member_update(actor=world.secretary, member=member, staff_number="")
    member.refresh_from_db()
    assert member.staff_number is None
    assert make_member(world.branch_a, "刘工", staff_number="e1").staff_number == "E1"


def test_import_reads_the_staff_number_column_and_refuses_duplicates(world):
    row = ["新党员", "女", "", "", "", "T111", "", "", ""]
    rows = [[*row, "ｅ-2001"], ["赵六", *row[1:], 3001]]
    import_members(actor=world.secretary, upload=make_upload(HEADERS, rows))
    assert Member.objects.get(name="新党员").staff_number == "E-2001"
    assert Member.objects.get(name="赵六").staff_number == "3001"  # typed as a number

    with pytest.raises(ImportRefused) as twice:
        import_members(
            actor=world.secretary,
            upload=make_upload(HEADERS, [["甲", *row[1:], "X9"], ["乙", *row[1:], "x9"]]),
        )
    assert {(e.row, e.column) for e in twice.value.errors} == {(2, "工号"), (3, "工号")}

    with pytest.raises(ImportRefused) as taken:
        import_members(
            actor=world.secretary, upload=make_upload(HEADERS, [["丙", *row[1:], "3001"]])
        )
    assert [e.message for e in taken.value.errors] == ["工号 3001 已登记给其他党员。"]
    assert not Member.objects.filter(name__in=["甲", "乙", "丙"]).exists()


def test_reimporting_a_member_keeps_its_own_staff_number(world):
    member_update(actor=None, member=world.member_a, staff_number="E5")
    row = ["李党员", "男", "1990-03-07", "", "", "T111", "", "13812345678"]
    row += [world.member_a.id_number, "E5"]
    result = import_members(actor=world.secretary, upload=make_upload(HEADERS, [row]))
    assert (result.created, result.updated) == (0, 0)


def test_export_has_the_staff_number_column(world):
    member_update(actor=None, member=world.member_a, staff_number="E5")
    data = export_members(Member.objects.filter(pk=world.member_a.pk), unmasked_org_paths=None)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("工号")
    assert rows[1][column] == "E5"


def test_the_api_reads_and_writes_the_staff_number(world):
    client = api_client(world.secretary)
    url = reverse("api:member-detail", args=[world.member_a.pk])
    response = client.patch(url, {"staff_number": "ｅ77"}, format="json")
    assert response.status_code == 200, response.content
    assert client.get(url).json()["staff_number"] == "E77"

    make_member(world.branch_a, "张工", staff_number="E1")
    taken = client.patch(url, {"staff_number": "E1"}, format="json")
    assert taken.status_code == 400
    assert "该工号已登记给其他党员。" in taken.content.decode()
    bad = client.patch(url, {"staff_number": "a b"}, format="json")
    assert bad.status_code == 400
    assert "staff_number" in bad.json()


def test_the_validator_explains_itself():
    with pytest.raises(ValidationError):
        validate_staff_number("-E1")
    validate_staff_number("E1.2_3-4")
