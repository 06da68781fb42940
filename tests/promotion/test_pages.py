"""The carrier pages as people use them: the list per brand, organisation and kind; a carrier
with its activities, totals and recognition; the forms, and what a refused form keeps."""

import re
from datetime import timedelta

from django.urls import reverse

from partybrand.core.clock import today
from partybrand.promotion.models import Activity, Carrier
from partybrand.promotion.services import carrier_update, recognition_record
from tests.helpers import assert_queries_flat, login
from tests.promotion.helpers import jpeg, make_activity, make_carrier

LIST = reverse("promotion:carrier_list")


def test_the_list_filters_by_kind_and_shows_counts_and_titles(world):
    post = make_carrier(world)
    make_carrier(world, name="抢修党员突击队", kind="commando", members=[])
    make_activity(world, post)
    recognition_record(
        actor=world.staff,
        carrier=post,
        title="党员示范岗",
        criteria="活动经常、成效可量化。",
        decision="granted",
        decided_on=today(),
    )
    client = login(world, "member")
    html = client.get(LIST).content.decode()
    assert "检修一班党员示范岗" in html and "抢修党员突击队" in html
    assert "成员 1 人 · 活动 1 次" in html and "党员示范岗</span>" in html
    html = client.get(LIST + "?kind=commando").content.decode()
    assert "抢修党员突击队" in html and "检修一班党员示范岗" not in html
    html = client.get(LIST + f"?brand={world.brand.pk}&org={world.branch_a.pk}").content.decode()
    assert "检修一班党员示范岗" in html
    assert "新建载体" not in html  # a member reads only


def test_an_outsider_sees_none_of_the_branchs_carriers(world):
    make_carrier(world)
    html = login(world, "outsider").get(LIST).content.decode()
    assert "检修一班党员示范岗" not in html and "暂无活动载体" in html


def test_the_list_takes_the_same_queries_for_few_or_many_carriers(world):
    client = login(world, "staff")
    carrier = make_carrier(world)
    make_activity(world, carrier)

    def many():
        for i in range(8):
            more = make_carrier(world, name=f"党员责任区{i}", kind="area")
            make_activity(world, more)
            recognition_record(
                actor=world.staff,
                carrier=more,
                title="优秀党员责任区",
                criteria="成效可量化。",
                decision="granted",
                decided_on=today(),
            )

    assert assert_queries_flat(many, lambda: client.get(LIST)) <= 14
    assert client.get(LIST).content.decode().count('data-testid="carrier"') == 9


def test_the_secretary_sets_up_a_carrier_from_the_roll(world):
    client = login(world, "secretary")
    url = reverse("promotion:carrier_create", args=[world.brand.pk])
    form = client.get(url).content.decode()
    assert "李党员" in form and "亮身份" in form and "党员突击队" in form
    response = client.post(
        url,
        {
            "brand": world.brand.pk,
            "kind": "commando",
            "name": "抢修党员突击队",
            "leader": world.member_a.pk,
            "members": [world.member_a.pk],
            "area": "城区配网",
            "commitment": "抢修不过夜。",
            "starts_on": today().isoformat(),
            "display": ["identity", "sign"],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "已新建活动载体“抢修党员突击队”。" in html
    assert "亮标识" in html and "抢修不过夜。" in html
    carrier = Carrier.objects.get(name="抢修党员突击队")
    assert carrier.leader == world.member_a and carrier.display == ["identity", "sign"]


def test_a_refused_carrier_form_keeps_what_was_typed(world):
    client = login(world, "secretary")
    url = reverse("promotion:carrier_create", args=[world.brand.pk])
    response = client.post(
        url,
        {
            "brand": world.brand.pk,
            "kind": "post",
            "name": "示范岗",
            "starts_on": today().isoformat(),
            "ends_on": (today() - timedelta(days=5)).isoformat(),
            "commitment": "我的承诺",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "截止日期不能早于起始日期" in html and "我的承诺" in html and 'value="示范岗"' in html
    assert not Carrier.objects.exists()


def test_recording_an_activity_with_a_photo_and_results(world):
    carrier = make_carrier(world)
    client = login(world, "secretary")
    url = reverse("promotion:activity_create", args=[carrier.pk])
    assert "成效1名称" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "held_on": today().isoformat(),
            "place": "检修一班学习室",
            "participants": [world.member_a.pk],
            "content": "“微课堂”讲解给水泵密封更换要点。",
            "result_label_1": "参训青工",
            "result_number_1": "18",
            "result_unit_1": "人",
            "photos": [jpeg("微课堂一.jpg"), jpeg("微课堂二.jpg")],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "已记录活动。" in html and "参训青工 18人" in html and "参加 1 人：李党员" in html
    activity = Activity.objects.get(carrier=carrier)
    assert [p.title for p in activity.photos.all()] == ["微课堂一", "微课堂二"]
    photo = activity.photos.first()
    assert reverse("promotion:photo_view", args=[photo.pk]) in html
    image = client.get(reverse("promotion:photo_view", args=[photo.pk]))
    assert image["Content-Type"] == "image/jpeg"


def test_a_refused_activity_keeps_the_text_and_says_why(world):
    carrier = make_carrier(world)
    client = login(world, "secretary")
    response = client.post(
        reverse("promotion:activity_create", args=[carrier.pk]),
        {
            "held_on": today().isoformat(),
            "content": "进社区宣传安全用电。",
            "result_label_1": "走访住户",
            "result_number_1": "86",
            "photos": [jpeg("a.jpg"), *[jpeg(f"{i}.jpg") for i in range(9)]],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "最多上传 9 张照片" in html and "进社区宣传安全用电。" in html and 'value="86"' in html


def test_the_decision_page_shows_what_the_carrier_did_and_records_the_judgement(world):
    carrier = make_carrier(world)
    make_activity(world, carrier, results=[{"label": "排查隐患", "number": "12", "unit": "项"}])
    make_activity(world, carrier, results=[{"label": "排查隐患", "number": "5", "unit": "项"}])
    staff = login(world, "staff")
    url = reverse("promotion:recognition_create", args=[carrier.pk])
    page = staff.get(url).content.decode()
    text = re.sub(r"<[^>]+>", "", page)
    assert "活动记录（2 次）" in text and "排查隐患 17项" in text  # the results added up
    assert "检修质量我把关" in page and 'value="党员示范岗"' in page
    assert "积分" not in page.replace("不以登录、签到、积分排名作为依据", "")
    response = staff.post(
        url,
        {
            "title": "党员示范岗",
            "criteria": "承诺公开、活动经常、成效可量化。",
            "decision": "granted",
            "decided_on": today().isoformat(),
            "plaque_on": today().isoformat(),
            "recheck_on": (today() + timedelta(days=365)).isoformat(),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "已记录评定：党员示范岗（予以认定）。" in html and "下次复核" in html
    secretary_page = login(world, "secretary").get(
        reverse("promotion:carrier_detail", args=[carrier.pk])
    )
    assert "予以认定" in secretary_page.content.decode()
    assert 'href="' + url + '"' not in secretary_page.content.decode()  # no 评定 button


def test_the_brand_page_lists_its_carriers_to_those_who_see_them(world):
    carrier = make_carrier(world)
    make_activity(world, carrier)
    url = reverse("brands:brand_detail", args=[world.brand.pk])
    html = login(world, "member").get(url).content.decode()
    assert reverse("promotion:carrier_detail", args=[carrier.pk]) in html
    assert "检修一班党员示范岗" in html and "活动 1 次" in html
    empty = make_carrier(world, name="无活动的服务队", kind="service")
    html = login(world, "staff").get(url).content.decode()
    assert "无活动的服务队" in html and "活动 0 次" in html and empty.name in html


def test_odd_filter_values_are_ignored_not_errors(world):
    make_carrier(world)
    client = login(world, "member")
    for query in ("?brand=²", "?org=99999999999999999999", "?kind=nonsense&brand=abc"):
        response = client.get(LIST + query)
        assert response.status_code == 200 and "检修一班党员示范岗" in response.content.decode()


def test_a_carrier_saved_from_an_old_page_is_refused_and_shows_the_other_change(world):
    carrier = make_carrier(world)
    client = login(world, "secretary")
    edit = reverse("promotion:carrier_edit", args=[carrier.pk])
    opened = client.get(edit).content.decode()
    assert re.search(r'name="version" value="1"', opened)
    # Someone else changes the commitment and the 亮牌方式 while the page is open.
    update(carrier, commitment="设备零缺陷，服务零投诉。", display=["sign"])

    refused = client.post(
        edit,
        {
            "version": "1",
            "kind": "post",
            "name": "检修一班党员示范岗",
            "commitment": "我的承诺：安全第一。",
            "starts_on": carrier.starts_on.isoformat(),
            "display": ["identity"],
            "state": "active",
        },
    )

    assert refused.status_code == 409
    html = refused.content.decode()
    assert "这条记录在您打开后已被他人修改" in html and 'data-testid="conflict"' in html
    assert "设备零缺陷，服务零投诉。" in html and "我的承诺：安全第一。" in html  # theirs, yours
    assert "亮标识" in html and "亮身份" in html  # the 亮牌方式 by their labels
    assert 'name="version" value="2"' in html  # saved again, it applies the edit over theirs
    assert Carrier.objects.get(pk=carrier.pk).commitment == "设备零缺陷，服务零投诉。"


def update(carrier, **fields):
    carrier_update(actor=None, carrier=carrier, **fields)
