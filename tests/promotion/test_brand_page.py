"""Every brand page shows its carriers, recent activities and publicity — also the brand of an
organisation above the reader, whose carriers a branch member once saw as none."""

from django.urls import reverse

from partybrand.brands.services import brand_create
from partybrand.promotion import services
from tests.helpers import login
from tests.promotion.helpers import make_activity, make_carrier


def test_a_member_sees_the_carriers_of_the_company_brand_above_the_branch(world):
    company = brand_create(actor=world.mid_admin, org=world.committee_a, name="光明之源")
    carrier = services.carrier_create(
        actor=world.mid_admin,
        brand=company,
        kind="commando",
        name="甲公司党员突击队",
        starts_on=company.created_at.date(),
    )
    html = login(world, "member").get(reverse("brands:brand_detail", args=[company.pk]))
    html = html.content.decode()
    assert "甲公司党员突击队" in html and "暂无活动载体" not in html
    page = login(world, "member").get(reverse("promotion:carrier_detail", args=[carrier.pk]))
    assert page.status_code == 200 and "修改" not in page.content.decode().split("基本情况")[0]
    other = login(world, "outsider").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    assert other.status_code == 404


def test_the_brand_page_lists_recent_activities_with_their_results(world):
    carrier = make_carrier(world)
    make_activity(world, carrier, content="党员带队排查隐患。")
    html = login(world, "member").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    html = html.content.decode()
    assert "近期载体活动" in html and "党员带队排查隐患。" in html and "排查隐患 12项" in html
