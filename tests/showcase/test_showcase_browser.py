"""On a phone, without an account: the showcase opened on the intranet shows the named brands
and only what they published; with the showcase closed the visitor is sent to sign in."""

import pytest
from playwright.sync_api import expect

from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create
from partybrand.promotion import services
from tests.browser import shot
from tests.promotion.helpers import make_activity, make_carrier

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _named(world):
    Brand.objects.filter(pk=world.brand.pk).update(
        status="named", meaning="以党建引领安全生产，让党旗在检修一线高高飘扬。"
    )
    carrier = make_carrier(world)
    make_activity(world, carrier)
    services.publicity_add(
        actor=world.secretary,
        brand=world.brand,
        channel="media",
        outlet="中国电力报",
        published_on=carrier.starts_on,
        title="红色引擎：党员突击在一线",
        level="provincial",
        url="https://news.example.com/1",
    )
    brand_create(actor=world.outsider, org=world.branch_b, name="蓝色港湾")  # a draft


def test_the_public_showcase_on_a_phone_shows_only_published_content(
    live_server, live_world, browser, settings
):
    _named(live_world)
    settings.SHOWCASE_PUBLIC = True
    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    page.goto(f"{live_server.url}/showcase/")
    expect(page.locator("h1")).to_contain_text("党建品牌展示")
    expect(page.locator("[data-testid=showcase-brand]")).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text("蓝色港湾")
    shot(page, "showcase-gallery-390")
    page.click("text=红色引擎")
    expect(page.locator("[data-testid=showcase-name]")).to_have_text("红色引擎")
    expect(page.locator("#carriers")).to_contain_text("检修一班党员示范岗")
    expect(page.locator("#publicity")).to_contain_text("中国电力报")
    body = page.locator("body")
    expect(body).not_to_contain_text("李党员")  # the carrier's leader and members stay inside
    expect(body).not_to_contain_text("13812345678")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    shot(page, "showcase-brand-390")

    settings.SHOWCASE_PUBLIC = False
    page.goto(f"{live_server.url}/showcase/{live_world.brand.pk}/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/showcase/{live_world.brand.pk}/")
