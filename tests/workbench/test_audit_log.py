"""The audit log as its readers use it: filters by time, person, action, kind of object and
organisation within their scope, the address and browser of each row, an .xlsx export of what
is filtered (bounded, personal numbers still masked), and query counts that do not grow."""

import io
from datetime import date, datetime

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.core import clock
from partybrand.core.models import AuditLog
from partybrand.orgs.choices import Role
from partybrand.orgs.services import member_update, role_assign
from partybrand.workbench import audit_export
from tests.factories import make_user
from tests.helpers import PASSWORD, assert_queries_flat, client_for

pytestmark = pytest.mark.django_db

EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)


def row(world, *, org=None, at=None, action="brand_update", actor=None, **fields) -> AuditLog:
    entry = AuditLog.objects.create(
        actor=actor,
        action=action,
        object_type=fields.pop("object_type", "brands.brand"),
        object_id=fields.pop("object_id", str(world.brand.pk)),
        object_repr=fields.pop("object_repr", "红色引擎"),
        org_path=(org or world.branch_a).path,
        **fields,
    )
    if at is not None:  # created_at is set on insert; a row of another day is moved there
        AuditLog.objects.filter(pk=entry.pk).update(created_at=at)
    return entry


def listed(client, **params) -> str:
    response = client.get(reverse("audit_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def ids_shown(client, **params) -> set[int]:
    response = client.get(reverse("audit_list"), params)
    assert response.status_code == 200
    return {entry.pk for entry in response.context["page_obj"]}


def test_the_time_range_counts_whole_days_in_beijing(world):
    # 2026-03-01 00:30 in Beijing is still 02-28 in UTC: it belongs to March 1st.
    early = row(world, at=clock.at(date(2026, 3, 1), 0, 30))
    late = row(world, at=clock.at(date(2026, 3, 1), 23, 59))
    before = row(world, at=clock.at(date(2026, 2, 28), 23, 59))
    after = row(world, at=clock.at(date(2026, 3, 2), 0, 0))
    client = client_for(world.staff)
    shown = ids_shown(client, start="2026-03-01", end="2026-03-01")
    assert shown == {early.pk, late.pk}
    assert before.pk in ids_shown(client, end="2026-03-01") - ids_shown(client, start="2026-03-01")
    assert after.pk in ids_shown(client, start="2026-03-02")


def test_filters_by_person_action_kind_of_object_and_organisation(world):
    mine = row(world, actor=world.secretary, action="brand_submit")
    theirs = row(world, actor=world.outsider, org=world.branch_b, action="brand_submit")
    other_kind = row(world, actor=world.secretary, object_type="plans.plan", object_id="9")
    client = client_for(world.staff)
    for who in (world.secretary.username, "王书"):  # a user name, or a part of the name
        shown = ids_shown(client, actor=who)
        assert {mine.pk, other_kind.pk} <= shown and theirs.pk not in shown
    assert ids_shown(client, action="brand_submit") == {mine.pk, theirs.pk}
    assert other_kind.pk not in ids_shown(client, object_type="brands.brand")
    under_b = ids_shown(client, org=world.committee_b.pk)  # the subtree: 乙公司党委 and 支部B
    assert theirs.pk in under_b and mine.pk not in under_b
    html = listed(client, org=world.committee_b.pk)
    assert f'<option value="{world.committee_b.pk}" selected>' in html


def test_a_reader_sees_and_filters_only_their_subtree(world):
    office_a = make_user("office_a", "甲公司党建")
    role_assign(actor=None, user=office_a, org=world.committee_a, role=Role.PARTY_OFFICE)
    inside = row(world)
    outside = row(world, org=world.branch_b)
    nowhere = AuditLog.objects.create(action="user_login_failed", object_type="core.user")
    client = client_for(office_a)
    assert {inside.pk} <= ids_shown(client)
    assert not {outside.pk, nowhere.pk} & ids_shown(client)
    html = listed(client)
    assert "甲公司党委" in html and "乙公司党委" not in html  # the organisations offered
    refused = listed(client, org=world.branch_b.pk)  # out of scope: no rows, a reason
    assert "筛选条件有误" in refused and "没有符合条件的记录" in refused
    root = make_user("root", is_superuser=True)
    assert {inside.pk, outside.pk, nowhere.pk} <= ids_shown(client_for(root))


def test_filters_that_make_no_sense_are_told_not_applied(world):
    row(world)
    html = listed(client_for(world.staff), start="2026-03-02", end="2026-03-01")
    assert "截止日期不能早于起始日期" in html and "没有符合条件的记录" in html
    bad_day = listed(client_for(world.staff), start="2026-13-45")
    assert "筛选条件有误：起始日期：" in bad_day and "没有符合条件的记录" in bad_day
    for far in ({"start": "0001-01-01"}, {"end": "9999-12-31"}):  # no moment can be made of them
        assert "日期应在 1900-01-01 至 9998-12-31 之间" in listed(client_for(world.staff), **far)
        response = client_for(world.staff).get(reverse("audit_export"), far)
        assert response.status_code == 302


def test_each_row_shows_its_organisation_address_and_browser(world):
    client = Client(REMOTE_ADDR="10.20.30.40", HTTP_USER_AGENT=EDGE)
    assert client.login(username=world.secretary.username, password=PASSWORD)
    client.post(reverse("brands:brand_transition", args=[world.brand.pk]), {"action": "submit"})
    html = listed(client_for(world.staff), action="brand_submit")
    assert "10.20.30.40" in html and "Edge 131 · Windows" in html and f'title="{EDGE}"' in html
    assert f'href="?org={world.branch_a.pk}">支部A</a>' in html
    assert "<b>状态</b>：创建中 → 已申报" in html
    row(world, action="brand_review")  # written outside a request: a daily command
    assert "后台任务" in listed(client_for(world.staff), action="brand_review")


def test_a_failed_sign_in_reads_as_someone_not_signed_in(world):
    Client().post(reverse("login"), {"username": "nobody-here", "password": "x-wrong-1"})
    root = make_user("root", is_superuser=True)
    html = listed(client_for(root), action="user_login_failed")
    assert "未登录用户" in html and "nobody-here" in html and "<b>用户名</b>：nobody-here" in html


def test_the_export_holds_the_filtered_rows_as_the_page_shows_them(world):
    client = Client(REMOTE_ADDR="10.20.30.41", HTTP_USER_AGENT=EDGE)
    assert client.login(username=world.secretary.username, password=PASSWORD)
    client.post(reverse("brands:brand_transition", args=[world.brand.pk]), {"action": "submit"})
    row(world, org=world.branch_b, action="brand_submit", object_repr="乙的品牌")
    response = client_for(world.staff).get(
        reverse("audit_export"), {"action": "brand_submit", "org": world.committee_a.pk}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "操作人", "操作", "对象类型")
    assert len(rows) == 2  # the header and 支部A's row; 支部B is outside the filter
    when, who, action, kind, obj, obj_id, org, changes, _comment, ip, agent = rows[1]
    assert isinstance(when, datetime) and (who, action, kind) == ("王书记", "提交申报", "党建品牌")
    assert (obj, obj_id, org) == ("红色引擎", str(world.brand.pk), "支部A")
    assert changes == "状态：创建中 → 已申报" and (ip, agent) == ("10.20.30.41", EDGE)


def test_the_export_keeps_personal_numbers_out(world):
    member_update(actor=world.staff, member=world.member_a, phone="13900001111")
    response = client_for(world.staff).get(reverse("audit_export"), {"action": "member_update"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    text = " ".join(str(v) for r in sheet.iter_rows(values_only=True) for v in r if v)
    assert "手机号：(已修改)" in text
    assert "13900001111" not in text and "13812345678" not in text


def test_an_export_over_the_limit_is_refused_with_the_reason(world, monkeypatch):
    monkeypatch.setattr(audit_export, "EXPORT_MAX", 2)
    monkeypatch.setattr("partybrand.workbench.views.EXPORT_MAX", 2)
    for _ in range(3):
        row(world)
    client = client_for(world.staff)
    response = client.get(reverse("audit_export"), {"action": "brand_update"})
    assert response.status_code == 302
    assert response["Location"] == reverse("audit_list") + "?action=brand_update"
    page = client.get(response["Location"]).content.decode()
    assert "符合条件的记录有 3 条，超过单次导出上限 2 条" in page


def test_the_export_is_for_audit_readers_only(world):
    assert client_for(world.secretary).get(reverse("audit_export")).status_code == 403


def test_the_page_and_the_export_take_the_same_queries_however_many_rows(world):
    client = client_for(world.staff)
    orgs = [world.branch_a, world.branch_b, world.committee_a, world.group]

    def make_rows():
        for index in range(60):
            row(
                world,
                org=orgs[index % len(orgs)],
                actor=[world.secretary, world.outsider, None][index % 3],
                action=["brand_update", "brand_submit", "user_login"][index % 3],
                ip_address="10.0.0.1",
                user_agent=EDGE,
            )

    row(world, actor=world.secretary)
    assert_queries_flat(
        make_rows,
        lambda: client.get(reverse("audit_list")),
        lambda: client.get(reverse("audit_export")),
    )
