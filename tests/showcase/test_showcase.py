"""The brand showcase: named brands only, only what they published and no personal data;
signed-in users always, visitors without an account only when PARTYBRAND_SHOWCASE_PUBLIC is on
(and then limited per address); each brand printable as an A3 poster."""

import io

from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from pypdf import PdfReader

from partybrand.brands.models import Brand, BrandPhrase
from partybrand.brands.services import brand_create
from partybrand.cases.choices import CaseState
from partybrand.promotion import services
from tests.cases.builders import make_case
from tests.helpers import assert_queries_flat, login
from tests.promotion.helpers import make_activity, make_carrier

GALLERY = reverse("showcase:gallery")


def named(world, brand=None):
    brand = brand or world.brand
    Brand.objects.filter(pk=brand.pk).update(status="named", meaning="以党建引领安全生产。")
    BrandPhrase.objects.create(brand=brand, phrase="红色", explanation="坚守初心。")
    carrier = make_carrier(world)
    make_activity(world, carrier)
    services.recognition_record(
        actor=world.staff,
        carrier=carrier,
        title="党员示范岗",
        criteria="活动经常、成效可量化。",
        decision="granted",
        decided_on=carrier.starts_on,
    )
    return Brand.objects.get(pk=brand.pk)


def page_of(world):
    return reverse("showcase:brand", args=[world.brand.pk])


def test_signed_in_users_see_named_brands_only(world):
    named(world)
    brand_create(actor=world.outsider, org=world.branch_b, name="蓝色港湾")  # a draft
    html = login(world, "outsider").get(GALLERY).content.decode()
    assert "红色引擎" in html and "蓝色港湾" not in html
    draft = Brand.objects.get(name="蓝色港湾")
    response = login(world, "outsider").get(reverse("showcase:brand", args=[draft.pk]))
    assert response.status_code == 404


def test_the_brand_page_shows_what_was_published_and_names_no_member(world):
    named(world)
    html = login(world, "outsider").get(page_of(world)).content.decode()
    assert "以党建引领安全生产。" in html and "坚守初心。" in html
    assert "检修一班党员示范岗" in html and "检修质量我把关" in html and "排查隐患 12项" in html
    assert "党员示范岗</span>" in html
    assert "李党员" not in html and "13812345678" not in html
    assert 'id="cases"' not in html  # no published case yet: the section is hidden


def test_visitors_without_an_account_are_sent_to_sign_in_while_the_showcase_is_closed(world):
    named(world)
    response = Client().get(page_of(world))
    assert response.status_code == 302 and "/login/" in response["Location"]
    api = Client().get(reverse("api:showcase-brand-list"))
    assert api.status_code in (401, 403)


@override_settings(SHOWCASE_PUBLIC=True)
def test_the_public_showcase_opens_to_visitors_and_hides_personal_data(world):
    named(world)
    client = Client(REMOTE_ADDR="10.9.0.1")
    html = client.get(GALLERY).content.decode()
    assert "红色引擎" in html and "退出" not in html
    html = client.get(page_of(world)).content.decode()
    assert "检修一班党员示范岗" in html and "李党员" not in html
    body = client.get(reverse("api:showcase-brand-detail", args=[world.brand.pk])).json()
    assert body["carriers"][0]["titles"] == ["党员示范岗"]
    assert "李党员" not in str(body) and "leader" not in body["carriers"][0]


@override_settings(SHOWCASE_PUBLIC=True, SHOWCASE_VIEWS_PER_MINUTE=2)
def test_anonymous_visits_are_limited_per_address(world):
    cache.clear()
    client = Client(REMOTE_ADDR="10.9.0.2")
    logo = reverse("showcase:logo", args=[world.brand.pk])
    assert [client.get(logo).status_code for _ in range(3)] == [404] * 3  # logos not counted
    assert [client.get(GALLERY).status_code for _ in range(3)] == [200, 200, 429]
    assert Client(REMOTE_ADDR="10.9.0.3").get(GALLERY).status_code == 200
    assert login(world, "member").get(GALLERY).status_code == 200  # accounts are not counted


def test_the_poster_is_an_a3_pdf(world):
    named(world)
    response = login(world, "member").get(reverse("showcase:poster", args=[world.brand.pk]))
    assert response["Content-Type"] == "application/pdf"
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 1191)


def test_the_gallery_takes_the_same_queries_for_few_or_many_brands(world):
    named(world)
    client = login(world, "member")

    def many():
        for i in range(8):
            brand = brand_create(actor=world.secretary, org=world.branch_a, name=f"品牌{i}")
            Brand.objects.filter(pk=brand.pk).update(status="named")

    assert_queries_flat(many, lambda: client.get(GALLERY))


def test_published_cases_show_on_the_showcase_and_the_brand_page_drafts_do_not(world):
    named(world)
    make_case(world, CaseState.PUBLISHED, title="检修一班“三亮”工作法")
    make_case(world, CaseState.DRAFT, title="尚未提交的案例")
    with override_settings(SHOWCASE_PUBLIC=True):
        cache.clear()
        visitor = Client().get(page_of(world)).content.decode()
    assert "检修一班“三亮”工作法" in visitor and "尚未提交的案例" not in visitor
    assert reverse("cases:case_list") not in visitor  # no link into the platform for visitors
    assert world.member_a.name not in visitor  # the case's authors stay off the showcase
    brand_page = login(world, "secretary").get(
        reverse("brands:brand_detail", args=[world.brand.pk])
    )
    html = brand_page.content.decode()
    assert 'data-testid="published-case"' in html and "尚未提交的案例" not in html
