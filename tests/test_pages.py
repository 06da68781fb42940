"""The pages as a user meets them: masking, the lazy tree, the brand record and sign-in."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partybrand.brands.choices import BrandStatus
from partybrand.brands.services import brand_create, brand_update, kpi_create, kpi_record_value
from partybrand.orgs.models import Organization
from tests.factories import PASSWORD, make_member, make_org
from tests.permissions.cases.pages import png_upload


def login(world, persona) -> Client:
    client = Client()
    assert client.login(username=getattr(world, persona).username, password=PASSWORD)
    return client


def test_member_list_masks_personal_data_for_a_plain_member(world):
    make_member(world.branch_a, "张三", phone="13987654321")
    page = login(world, "member").get(reverse("orgs:member_list")).content.decode()
    assert "139****4321" in page and "13987654321" not in page
    page = login(world, "secretary").get(reverse("orgs:member_list")).content.decode()
    assert "13987654321" in page


def test_a_member_sees_own_phone_and_id_unmasked(world):
    client = login(world, "member")
    page = client.get(reverse("orgs:member_detail", args=[world.member_a.pk])).content.decode()
    assert world.member_a.phone in page and world.member_a.id_number in page


def test_expert_sees_brands_under_review_but_not_drafts_or_member_rolls(world):
    from partybrand.brands.transitions import brand_transition

    client = login(world, "expert")
    url = reverse("brands:brand_detail", args=[world.brand.pk])
    assert client.get(url).status_code == 404  # a branch's draft is its own business
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    brand_transition(actor=world.mid_admin, brand=world.brand, action="start_review")
    assert client.get(url).status_code == 200
    assert client.get(reverse("orgs:member_list")).status_code == 403


def test_tree_starts_at_the_users_own_organisation_and_loads_children_on_demand(world):
    make_org(world.branch_a, "第一党小组", "group", "T1111")
    client = login(world, "mid_admin")
    page = client.get(reverse("orgs:org_tree")).content.decode()
    assert "甲公司党委" in page and "测试集团党委" not in page and "支部B" not in page
    assert "支部A" not in page  # two levels down: not loaded until opened
    partial = client.get(reverse("orgs:org_children", args=[world.general_branch.pk]))
    assert "支部A" in partial.content.decode()


def test_org_search_finds_only_inside_the_users_scope(world):
    client = login(world, "secretary")
    page = client.get(reverse("orgs:org_tree"), {"q": "支部"}).content.decode()
    assert "支部A" in page and "支部B" not in page


def test_submitting_a_brand_from_its_page_moves_it_and_says_so(world):
    client = login(world, "secretary")
    url = reverse("brands:brand_detail", args=[world.brand.pk])
    assert "提交申报" in client.get(url).content.decode()
    response = client.post(
        reverse("brands:brand_transition", args=[world.brand.pk]), {"action": "submit"}, follow=True
    )
    page = response.content.decode()
    assert "操作成功" in page and "已申报" in page
    world.brand.refresh_from_db()
    assert world.brand.status == BrandStatus.SUBMITTED


def test_a_refused_move_shows_the_reason(world):
    client = login(world, "staff")
    response = client.post(
        reverse("brands:brand_transition", args=[world.brand.pk]),
        {"action": "approve"},
        follow=True,
    )
    assert "不能执行“批准立项”" in response.content.decode()


def test_brand_edit_saves_identity_and_phrases(world):
    client = login(world, "secretary")
    response = client.post(
        reverse("brands:brand_edit", args=[world.brand.pk]),
        {
            "name": "红色引擎",
            "slogan": "红色引擎 动力澎湃",
            "meaning": "以党建红色引擎驱动业务发展。",
            "phrases-TOTAL_FORMS": "2",
            "phrases-INITIAL_FORMS": "0",
            "phrases-0-phrase": "红色",
            "phrases-0-explanation": "坚持党的领导。",
            "phrases-1-phrase": "引擎",
            "phrases-1-explanation": "驱动检修提质增效。",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("brands:brand_detail", args=[world.brand.pk])).content.decode()
    assert "红色引擎 动力澎湃" in page and "驱动检修提质增效" in page


def test_brand_page_shows_kpi_chart_data_and_timeline(world):
    from datetime import date

    kpi = kpi_create(
        actor=world.secretary,
        brand=world.brand,
        name="故障抢修时长",
        unit="小时",
        direction="down",
        baseline=4.5,
        baseline_on=date(2025, 1, 1),
        target=3,
    )
    kpi_record_value(actor=world.secretary, kpi=kpi, measured_on=date(2025, 6, 30), value=3.8)
    page = login(world, "member").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    text = page.content.decode()
    data = json.loads(re.search(r'id="kpi-data" type="application/json">(.*?)</script>', text)[1])
    assert data[0]["name"] == "故障抢修时长"
    assert data[0]["values"] == [{"date": "2025-06-30", "value": 3.8}]
    assert "创建品牌" in text  # the first timeline step


def test_uploaded_logo_is_served_with_a_locked_down_policy(world):
    client = login(world, "secretary")
    client.post(reverse("brands:logo_upload", args=[world.brand.pk]), {"logo": png_upload()})
    response = login(world, "member").get(reverse("brands:logo", args=[world.brand.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_a_fake_logo_is_refused_with_a_message(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world, "secretary")
    fake = SimpleUploadedFile("logo.png", b"MZ not a picture", content_type="image/png")
    response = client.post(
        reverse("brands:logo_upload", args=[world.brand.pk]), {"logo": fake}, follow=True
    )
    assert "标识只能是 PNG、JPEG 或 SVG 图像" in response.content.decode()
    world.brand.refresh_from_db()
    assert not world.brand.logo


def test_login_is_throttled_after_repeated_failures(world, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    url = reverse("login")
    for _ in range(3):
        assert client.post(url, {"username": "secretary", "password": "wrong"}).status_code == 200
    response = client.post(url, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_forms_refuse_posts_without_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.login(username="secretary", password=PASSWORD)
    response = client.post(reverse("brands:brand_transition", args=[world.brand.pk]), {})
    assert response.status_code == 403


def test_audit_log_filters_by_user(world):
    client = login(world, "staff")
    page = client.get(reverse("audit_list"), {"actor": "secretary"}).content.decode()
    assert "brand_create" in page
    assert "role_assign" not in page  # made by the system, not by the secretary


def test_healthz_answers(db):
    assert Client().get(reverse("healthz")).json() == {"status": "ok"}


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(world, n):
    start = Organization.objects.count()
    for i in range(n):
        org = make_org(world.general_branch, f"新增支部{start}-{i}", "branch", f"X{start}-{i}")
        make_member(org, f"党员{i}", phone="13800000000")
        brand_create(actor=world.secretary, org=world.branch_a, name=f"品牌{i}")


@pytest.mark.parametrize(
    ("url_name", "params", "persona"),
    [
        ("brands:brand_list", {}, "staff"),
        ("brands:brand_matrix", {}, "staff"),
        ("orgs:member_list", {}, "staff"),
        ("orgs:org_tree", {"q": "支部"}, "staff"),
        ("audit_list", {}, "staff"),
        ("home", {}, "staff"),
    ],
)
def test_list_pages_run_the_same_number_of_queries_whatever_the_row_count(
    world, url_name, params, persona
):
    client = login(world, persona)
    _grow(world, 3)
    before = _queries(client, reverse(url_name), params)
    _grow(world, 25)
    assert _queries(client, reverse(url_name), params) == before


def test_org_detail_runs_the_same_number_of_queries_whatever_the_subtree_size(world):
    client = login(world, "staff")
    url = reverse("orgs:org_detail", args=[world.general_branch.pk])
    _grow(world, 3)
    before = _queries(client, url)
    _grow(world, 25)
    assert _queries(client, url) == before


def test_pages_work_on_a_phone_sized_screen_markup(world):
    page = login(world, "secretary").get(reverse("home")).content.decode()
    assert re.search(r'<meta name="viewport" content="width=device-width', page)
    assert "navbar-toggler" in page


def test_superuser_assigns_a_role_in_administration_and_it_is_audited(world):
    from partybrand.core.models import AuditLog
    from partybrand.orgs.models import RoleAssignment
    from tests.factories import make_user

    admin_user = make_user("root", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:orgs_roleassignment_add"),
        {"user": world.outsider.pk, "org": world.branch_a.pk, "role": "branch_committee"},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=world.outsider, org=world.branch_a).exists()
    assert AuditLog.objects.filter(action="role_assign", actor=admin_user).exists()
    assert login(world, "secretary").get(reverse("admin:index")).status_code == 302


def test_new_brand_is_offered_only_to_roles_that_may_create_one(world):
    assert "新建品牌" not in login(world, "member").get(reverse("home")).content.decode()
    assert "新建品牌" in login(world, "secretary").get(reverse("home")).content.decode()


def test_a_brand_page_lists_only_the_child_brands_the_user_may_see(world):
    group_brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")
    brand_create(actor=world.outsider, org=world.branch_b, name="乙支部品牌", parent=group_brand)
    brand_update(actor=world.secretary, brand=world.brand, parent=group_brand)
    page = login(world, "member").get(reverse("brands:brand_detail", args=[group_brand.pk]))
    text = page.content.decode()
    assert "红色引擎" in text and "乙支部品牌" not in text


def test_member_changes_are_audited_without_personal_data(world):
    from datetime import date

    from partybrand.core.models import AuditLog
    from partybrand.orgs.services import member_update

    member_update(
        actor=world.secretary, member=world.member_a, birth_date=date(1990, 3, 8), job_title="班长"
    )
    row = AuditLog.objects.filter(action="member_update").latest("id")
    assert row.changes["job_title"] == ["", "班长"]
    assert "1990" not in str(row.changes)


def test_a_rejected_brand_edit_saves_nothing(world):
    response = login(world, "secretary").post(
        reverse("brands:brand_edit", args=[world.brand.pk]),
        {
            "name": "新名称",
            "phrases-TOTAL_FORMS": "1",
            "phrases-INITIAL_FORMS": "0",
            "phrases-0-phrase": "红色",  # a phrase without its explanation is refused
        },
    )
    assert "每条释义都需要填写词句和释义" in response.content.decode()
    world.brand.refresh_from_db()
    assert world.brand.name == "红色引擎"


def test_pages_forbid_inline_script_by_policy(world):
    response = login(world, "secretary").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "<script>" not in response.content.decode()  # scripts come from static files only


def test_not_found_and_forbidden_pages_speak_chinese(world):
    client = login(world, "outsider")
    response = client.get(reverse("brands:brand_detail", args=[world.brand.pk]))
    assert response.status_code == 404 and "页面不存在，或您无权访问" in response.content.decode()
    response = login(world, "member").get(reverse("brands:brand_edit", args=[world.brand.pk]))
    assert response.status_code == 403 and "您没有权限修改该品牌" in response.content.decode()
