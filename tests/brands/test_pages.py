"""Brand pages: what an expert may see, moves from the brand page and their refusals, the edit
form, KPI chart data and the timeline, the logo, child brands the user may see, and who is
offered 新建品牌."""

import json
import re

from django.urls import reverse

from partybrand.brands.choices import BrandStatus
from partybrand.brands.services import brand_create, brand_update, kpi_create, kpi_record_value
from tests.helpers import complete_meaning, login
from tests.permissions.cases.pages import png_upload


def test_expert_sees_brands_under_review_but_not_drafts_or_member_rolls(world):
    from partybrand.brands.transitions import brand_transition

    client = login(world, "expert")
    url = reverse("brands:brand_detail", args=[world.brand.pk])
    assert client.get(url).status_code == 404  # a branch's draft is its own business
    complete_meaning(world.brand, world.secretary)
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    brand_transition(actor=world.mid_admin, brand=world.brand, action="start_review")
    assert client.get(url).status_code == 200
    assert client.get(reverse("orgs:member_list")).status_code == 403


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


def test_the_owning_organisation_is_linked_only_for_those_who_may_open_it(world):
    group_brand = brand_create(
        actor=world.committee_admin, org=world.committee_a, name="甲公司品牌"
    )
    org_url = reverse("orgs:org_detail", args=[world.committee_a.pk])
    page = login(world, "secretary").get(reverse("brands:brand_detail", args=[group_brand.pk]))
    assert page.status_code == 200 and "甲公司党委" in page.content.decode()
    assert org_url not in page.content.decode()  # the branch cannot open its company's page
    assert login(world, "secretary").get(org_url).status_code == 404
    assert (
        org_url
        in login(world, "staff")
        .get(reverse("brands:brand_detail", args=[group_brand.pk]))
        .content.decode()
    )
