"""Brands through /api/v1/: the list and its filters, the whole record, who may create and edit,
and the lifecycle moves with their refusals; queries do not grow with the rows."""

import json
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand, BrandEvent
from partybrand.brands.services import (
    attachment_add,
    brand_create,
    brand_set_phrases,
    honour_add,
    kpi_create,
    kpi_record_value,
)
from partybrand.brands.transitions import brand_transition
from partybrand.orgs.choices import OrgKind
from tests.factories import make_org
from tests.helpers import api_client, assert_queries_flat, ready_brand


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


def detail(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


# Brands ----------------------------------------------------------------------------------------


def test_brand_list_shows_the_brand(world):
    response = api_client(world.member).get(reverse("api:brand-list"))
    row = response.json()["results"][0]
    assert row["name"] == "红色引擎"
    assert row["status"] == BrandStatus.DRAFT and row["status_display"] == "创建中"
    assert row["org_name"] == "支部A"


def test_outsider_brand_list_does_not_contain_branch_a(world):
    b_brand = brand_create(actor=world.outsider, org=world.branch_b, name="乙品牌")
    assert ids(api_client(world.outsider).get(reverse("api:brand-list"))) == {b_brand.pk}


def test_brand_filters(world):
    b_brand = brand_create(actor=world.outsider, org=world.branch_b, name="乙品牌")
    group_brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    client = api_client(world.staff)
    url = reverse("api:brand-list")
    assert ids(client.get(url)) == {world.brand.pk, b_brand.pk, group_brand.pk}
    assert ids(client.get(url, {"status": "submitted"})) == {world.brand.pk}
    assert ids(client.get(url, {"level": "group"})) == {group_brand.pk}
    assert ids(client.get(url, {"tier": "cultivated"})) == {
        world.brand.pk,
        b_brand.pk,
        group_brand.pk,
    }
    assert ids(client.get(url, {"org": world.committee_b.pk})) == {b_brand.pk}
    assert ids(client.get(url, {"q": "引擎"})) == {world.brand.pk}


def test_brand_detail_carries_the_whole_record(world):
    brand = world.brand
    brand_set_phrases(
        actor=world.secretary, brand=brand, phrases=[("红色", "初心"), ("引擎", "动力")]
    )
    kpi = kpi_create(
        actor=world.secretary,
        brand=brand,
        name="客户满意度",
        unit="%",
        baseline=80,
        baseline_on=date(2024, 1, 1),
        target=95,
    )
    kpi_record_value(actor=world.secretary, kpi=kpi, measured_on=date(2024, 6, 30), value=88)
    honour_add(actor=world.secretary, brand=brand, title="先进基层党组织", level="group", year=2024)
    attachment_add(
        actor=world.secretary,
        brand=brand,
        kind="video",
        title="宣传片",
        url="https://v.example.cn/1",
    )
    response = api_client(world.member).get(reverse("api:brand-detail", args=[brand.pk]))
    assert response.status_code == 200
    body = response.json()
    assert [p["phrase"] for p in body["phrases"]] == ["红色", "引擎"]
    assert body["kpis"][0]["values"] == [
        {"measured_on": "2024-06-30", "value": "88.00", "note": ""}
    ]
    assert body["honours"][0]["level_display"] == "集团级"
    assert body["attachments"][0]["has_file"] is False
    assert body["events"][0]["label"] == "创建品牌"
    assert body["events"][0]["actor_name"] == "王书记"
    assert body["has_logo"] is False
    assert body["can_edit"] is False
    assert body["available_actions"] == []


def test_available_actions_follow_the_users_role(world):
    url = reverse("api:brand-detail", args=[world.brand.pk])
    actions = api_client(world.secretary).get(url).json()["available_actions"]
    assert actions == [
        {"action": "submit", "label": "提交申报", "needs_comment": False, "params": []}
    ]
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    names = {a["action"] for a in api_client(world.mid_admin).get(url).json()["available_actions"]}
    assert names == {"return", "start_review"}
    assert api_client(world.secretary).get(url).json()["available_actions"] == []


def test_secretary_creates_a_brand(world):
    response = api_client(world.secretary).post(
        reverse("api:brand-list"), {"org": world.branch_a.pk, "name": " 先锋灯塔 "}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "先锋灯塔"
    assert body["level"] == "branch"
    assert body["status"] == "draft"
    assert body["events"][0]["action"] == "create"
    assert Brand.objects.get(pk=body["id"]).created_by == world.secretary


def test_member_cannot_create_a_brand(world):
    response = api_client(world.member).post(
        reverse("api:brand-list"), {"org": world.branch_a.pk, "name": "先锋"}, format="json"
    )
    assert response.status_code == 403
    assert not Brand.objects.filter(name="先锋").exists()


def test_brands_cannot_be_created_by_a_party_group(world):
    group = make_org(world.branch_a, "第一党小组", OrgKind.GROUP, "TG1")
    response = api_client(world.secretary).post(
        reverse("api:brand-list"), {"org": group.pk, "name": "小组品牌"}, format="json"
    )
    assert response.status_code == 400
    assert "党支部及以上" in detail(response)
    assert not Brand.objects.filter(name="小组品牌").exists()


def test_it_rejects_a_too_long_brand_name(world):
    response = api_client(world.secretary).patch(
        reverse("api:brand-detail", args=[world.brand.pk]), {"name": "长" * 31}, format="json"
    )
    assert response.status_code == 400
    assert "name" in response.json()
    world.brand.refresh_from_db()
    assert world.brand.name == "红色引擎"


def test_secretary_updates_the_brand(world):
    response = api_client(world.secretary).patch(
        reverse("api:brand-detail", args=[world.brand.pk]),
        {"slogan": "党建引领发展", "meaning": "以党建为引擎"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["slogan"] == "党建引领发展"
    world.brand.refresh_from_db()
    assert world.brand.meaning == "以党建为引擎"


def test_a_parent_brand_must_belong_to_an_ancestor(world):
    group_brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")
    sibling = brand_create(actor=world.outsider, org=world.branch_b, name="支部B品牌")
    url = reverse("api:brand-detail", args=[world.brand.pk])
    # A brand of another branch is outside the secretary's reach, so it cannot be named.
    response = api_client(world.secretary).patch(url, {"parent": sibling.pk}, format="json")
    assert response.status_code == 400
    assert Brand.objects.get(pk=world.brand.pk).parent is None
    # The group's brand stands above the branch and is the matrix parent it may choose.
    response = api_client(world.secretary).patch(url, {"parent": group_brand.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["parent_name"] == "集团总品牌"


def test_a_revoked_brand_cannot_be_edited(world):
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.REVOKED)
    response = api_client(world.secretary).patch(
        reverse("api:brand-detail", args=[world.brand.pk]), {"slogan": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "已摘牌" in detail(response)
    world.brand.refresh_from_db()
    assert world.brand.slogan == "党建引领"


def test_outsider_gets_404_for_every_method_on_a_brand(world):
    client = api_client(world.outsider)
    url = reverse("api:brand-detail", args=[world.brand.pk])
    assert client.get(url).status_code == 404
    assert client.patch(url, {"slogan": "x"}, format="json").status_code == 404
    response = client.post(
        reverse("api:brand-transition", args=[world.brand.pk]), {"action": "submit"}, format="json"
    )
    assert response.status_code == 404
    world.brand.refresh_from_db()
    assert world.brand.status == BrandStatus.DRAFT


# Transitions -----------------------------------------------------------------------------------


def _move(user, brand, **body):
    return api_client(user).post(
        reverse("api:brand-transition", args=[brand.pk]), body, format="json"
    )


def test_member_may_not_submit_the_brand(world):
    response = _move(world.member, world.brand, action="submit")
    assert response.status_code == 403
    assert response.json()["detail"] == "您的角色不能对该品牌执行“提交申报”。"
    assert Brand.objects.get(pk=world.brand.pk).status == BrandStatus.DRAFT
    assert list(BrandEvent.objects.filter(brand=world.brand).values_list("action", flat=True)) == [
        "create"
    ]


def test_it_refuses_a_move_from_the_wrong_status(world):
    response = _move(world.staff, world.brand, action="approve")
    assert response.status_code == 400
    assert "不能执行“批准立项”" in detail(response)
    assert Brand.objects.get(pk=world.brand.pk).status == BrandStatus.DRAFT


def test_it_refuses_an_unknown_action(world):
    response = _move(world.secretary, world.brand, action="explode")
    assert response.status_code == 400
    assert "action" in response.json()
    assert Brand.objects.get(pk=world.brand.pk).status == BrandStatus.DRAFT


def test_returning_needs_a_comment(world):
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    response = _move(world.mid_admin, world.brand, action="return")
    assert response.status_code == 400
    assert "需要填写意见" in detail(response)
    assert Brand.objects.get(pk=world.brand.pk).status == BrandStatus.SUBMITTED
    response = _move(world.mid_admin, world.brand, action="return", comment="请补充材料")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response.json()["events"][-1]["comment"] == "请补充材料"


def test_nobody_approves_their_own_level(world):
    brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")
    brand_transition(actor=world.staff, brand=brand, action="submit")
    assert _move(world.staff, brand, action="start_review").status_code == 403
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.SUBMITTED


def _by_round(world, brand, user, body, expected):
    """A move a round owns: the API refuses it with the round's note and changes nothing; the
    round's services make it."""
    before = Brand.objects.get(pk=brand.pk).status
    response = _move(user, brand, **body)
    assert response.status_code == 400, response.content
    assert "评选批次" in detail(response)
    assert Brand.objects.get(pk=brand.pk).status == before
    params = {k: v for k, v in body.items() if k not in ("action", "comment")}
    if "named_on" in params:
        params["named_on"] = date.fromisoformat(params["named_on"])
    moved = brand_transition(
        actor=user,
        brand=brand,
        action=body["action"],
        comment=body.get("comment", ""),
        by_round="round",
        **params,
    )
    assert moved.status == expected


def test_a_brand_walks_its_whole_lifecycle_through_the_api(world):
    brand = ready_brand(world)
    today = timezone.localdate()
    steps = [
        (world.secretary, {"action": "submit"}, "submitted"),
        (world.mid_admin, {"action": "start_review"}, "reviewing"),
        (world.staff, {"action": "approve"}, None),  # 立项 is the committee's own decision
        (world.committee_admin, {"action": "approve", "comment": "同意立项"}, "round:approved"),
        (world.secretary, {"action": "start_cultivation"}, "cultivating"),
        (world.staff, {"action": "start_midterm"}, "midterm"),
        (world.committee_admin, {"action": "pass_midterm"}, "round:cultivating"),
        (world.branch_committee, {"action": "apply_acceptance"}, None),  # not an owner: 403
        (world.secretary, {"action": "apply_acceptance"}, "accepting"),
        (world.staff, {"action": "accept", "publicity_days": 5}, "round:publicizing"),
    ]
    current = "draft"
    for user, body, expected in steps:
        if expected and expected.startswith("round:"):
            current = expected.removeprefix("round:")
            _by_round(world, brand, user, body, current)
            continue
        response = _move(user, brand, **body)
        if expected is None:
            assert response.status_code == 403
            assert Brand.objects.get(pk=brand.pk).status == current  # unchanged
            continue
        assert response.status_code == 200, (body, response.content)
        assert response.json()["status"] == expected
        current = expected
    brand.refresh_from_db()
    assert brand.publicity_ends_on == today + timedelta(days=5)

    Brand.objects.filter(pk=brand.pk).update(publicity_ends_on=today - timedelta(days=1))
    body = {
        "action": "name",
        "doc_no": "集团党发〔2025〕1号",
        "named_on": str(today),
        "tier": "demonstration",
    }
    _by_round(world, brand, world.committee_admin, body, "named")
    response = api_client(world.member).get(reverse("api:brand-detail", args=[brand.pk]))
    body = response.json()
    assert body["tier"] == "demonstration" and body["doc_no"] == "集团党发〔2025〕1号"
    assert body["next_review_on"] is not None
    # What remains on the brand's side is offered; what a round owns is not.
    assert "rereview" not in [t["action"] for t in body.get("transitions", [])]
    _by_round(
        world,
        brand,
        world.staff,
        {"action": "rereview", "outcome": "upgrade", "comment": "成效突出"},
        "named",
    )
    assert Brand.objects.get(pk=brand.pk).tier == "flagship"

    events = list(BrandEvent.objects.filter(brand=brand).values_list("action", flat=True))
    assert events == [
        "create",
        "submit",
        "start_review",
        "approve",
        "start_cultivation",
        "start_midterm",
        "pass_midterm",
        "apply_acceptance",
        "accept",
        "name",
        "rereview",
    ]


# Query counts ----------------------------------------------------------------------------------


def _assert_constant(client, url, add_rows, expected: int) -> None:
    """5 rows, then 35: the same, pinned number of queries."""
    add_rows(0, 5)
    queries = assert_queries_flat(
        lambda: add_rows(5, 35), lambda: client.get(url, {"page_size": 200})
    )
    assert queries == expected


def test_brand_list_queries_do_not_grow_with_rows(world):
    group_brand = brand_create(actor=world.staff, org=world.group, name="集团总品牌")

    def add(start, stop):
        for i in range(start, stop):
            brand = brand_create(actor=world.secretary, org=world.branch_a, name=f"品牌{i}")
            Brand.objects.filter(pk=brand.pk).update(parent=group_brand)

    # token + user, roles, count, rows with organisation and parent brand
    _assert_constant(api_client(world.staff), reverse("api:brand-list"), add, 4)


def test_brand_detail_queries_do_not_grow_with_its_parts(world):
    brand = world.brand
    url = reverse("api:brand-detail", args=[brand.pk])

    def add(start, stop):
        for i in range(start, stop):
            kpi = kpi_create(
                actor=world.secretary,
                brand=brand,
                name=f"指标{i}",
                baseline=1,
                baseline_on=date(2024, 1, 1),
                target=2,
            )
            kpi_record_value(actor=world.secretary, kpi=kpi, measured_on=date(2024, 2, 1), value=1)
            honour_add(
                actor=world.secretary, brand=brand, title=f"荣誉{i}", level="group", year=2024
            )
            BrandEvent.objects.create(
                brand=brand, action="x", label="x", to_status="draft", actor=world.staff
            )

    # token + user, roles, the brand, phrases, KPIs, KPI values, honours, attachments, events
    _assert_constant(api_client(world.secretary), url, add, 9)
