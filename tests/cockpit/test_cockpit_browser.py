"""In a browser: the committee's cockpit draws its charts and drills down from the heat map on a
phone; the 大屏 fills a 1920×1080 screen without scrolling; the weights are set and saved; a
brand's index is raised by finishing the work its page names."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from partybrand.brands.services import brand_create
from partybrand.cockpit import compute
from partybrand.cockpit.models import BrandHealth, HealthWeights
from partybrand.plans import services as plan_services
from tests.browser import shot, sign_in
from tests.permissions.cases.supervision import make_plan, today

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_cockpit_on_a_phone_and_the_screen_at_1920(live_server, live_world, browser):
    compute.recompute()
    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/cockpit/")
    expect(page.locator("h1")).to_contain_text("测试集团党委 · 品牌驾驶舱")
    expect(page.locator("[data-chart='cockpit-heat'] canvas")).to_be_visible()
    expect(page.locator("[data-chart='bar'] canvas").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    shot(page, "cockpit-390")
    page.click("#children-table >> text=甲公司党委")
    expect(page.locator("h1")).to_contain_text("甲公司党委 · 品牌驾驶舱")

    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    sign_in(screen, live_server, "staff")
    screen.goto(f"{live_server.url}/cockpit/orgs/{live_world.group.pk}/screen/")
    expect(screen.locator("[data-chart='screen-heat'] canvas")).to_be_visible()
    expect(screen.locator("[data-chart='screen-pie'] canvas")).to_be_visible()
    size = screen.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size == [1920, 1080], f"the 大屏 scrolls: {size}"
    shot(screen, "cockpit-screen-1920")

    big = browser.new_context(viewport={"width": 3840, "height": 2160}).new_page()
    sign_in(big, live_server, "staff")
    big.goto(f"{live_server.url}/cockpit/orgs/{live_world.group.pk}/screen/")
    expect(big.locator("[data-chart='screen-heat'] canvas")).to_be_visible()
    size = big.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size == [3840, 2160], f"the 大屏 scrolls at 3840×2160: {size}"
    shot(big, "cockpit-screen-3840")


def test_a_committee_sets_its_weights(live_server, live_world, browser):
    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(page, live_server, "midadmin")
    page.goto(f"{live_server.url}/cockpit/")
    page.click("text=健康度权重")
    page.fill("input[name=basics]", "40")
    page.fill("input[name=note]", "本单位重基础")
    page.click("button:has-text('保存为新版本')")
    expect(page.locator(".alert-success")).to_contain_text("已保存第 1 版权重")
    expect(page.locator("#weights-history")).to_contain_text("基础 40")
    row = HealthWeights.objects.get(org=live_world.committee_a)
    assert (row.version, row.weights["basics"], row.note) == (1, 40, "本单位重基础")


def test_the_map_colours_provinces_and_opens_their_brands(live_server, live_world, browser):
    for org, province in ((live_world.branch_a, "江苏"), (live_world.branch_b, "浙江")):
        org.province = province
        org.save(update_fields=["province"])
    compute.recompute()
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/cockpit/")
    expect(page.locator("#province-map canvas")).to_be_visible()
    page.click("button[data-map-metric=health]")
    expect(page.locator("button[data-map-metric=health]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#province-map canvas")).to_be_visible()
    page.locator("#map").scroll_into_view_if_needed()
    shot(page, "cockpit-map-1366")
    page.click("#province-table a >> nth=0")
    expect(page.locator("body")).to_contain_text("红色引擎")
    assert "province=" in page.url

    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    sign_in(screen, live_server, "staff")
    screen.goto(f"{live_server.url}/cockpit/orgs/{live_world.group.pk}/screen/")
    expect(screen.locator("[data-chart='screen-map'] canvas")).to_be_visible()
    size = screen.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size == [1920, 1080], f"the 大屏 scrolls with its map: {size}"


# Each of the ten lowest lies wholly inside its panel's list (none cut off at the bottom).
SHOWN_LOWEST = """() => {
    const list = document.querySelector('.lowest').getBoundingClientRect();
    return [...document.querySelectorAll('.lowest li')].filter(li => {
        const box = li.getBoundingClientRect();
        return box.height > 0 && box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
    }).length;
}"""


def test_the_screen_shows_all_ten_lowest_brands_and_the_years_round_results(
    live_server, live_world, browser
):
    """At 1920×1080 the 大屏 showed nine of the ten lowest brands, the tenth cut off."""
    for i in range(11):
        brand_create(actor=live_world.staff, org=live_world.branch_b, name=f"品牌{i}", slogan="")
    compute.recompute()
    for size in ({"width": 1920, "height": 1080}, {"width": 3840, "height": 2160}):
        screen = browser.new_context(viewport=size).new_page()
        sign_in(screen, live_server, "staff")
        screen.goto(f"{live_server.url}/cockpit/orgs/{live_world.group.pk}/screen/")
        expect(screen.locator("[data-chart='screen-heat'] canvas")).to_be_visible()
        assert screen.locator(".lowest li").count() == 10
        assert screen.evaluate(SHOWN_LOWEST) == 10, size
        expect(screen.locator("[data-testid=round-entries-year]")).to_have_text("0")
        shot(screen, f"cockpit-screen-lowest-{size['width']}")


def test_an_index_explained_and_raised_by_finishing_the_work_it_names(
    live_server, live_world, browser
):
    """The secretary reads why the brand's index is low, follows “1 项任务逾期未验收” to the
    task; its owner reports it done and the secretary, its checker, verifies it there: the
    index on the brand's page has gone up and the item is gone."""
    w = live_world
    plan = make_plan(w)
    task = plan_services.task_create(
        actor=w.secretary,
        plan=plan,
        title="印发品牌手册",
        duty="编印品牌手册并发放到每名党员。",
        standard="手册印发到位。",
        owner=w.branch_committee,
        checker=w.secretary,
        start=today() - timedelta(days=30),
        deadline=today() - timedelta(days=4),
    )
    compute.recompute()
    before = BrandHealth.objects.get(brand=w.brand).score
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/cockpit/brands/{w.brand.pk}/")
    expect(page.locator("[data-testid=health-score]")).to_have_text(str(before))
    shot(page, "brand-health-before")
    page.click("#part-mechanism >> text=1 项任务逾期未验收")
    expect(page.locator("h1")).to_contain_text("印发品牌手册")
    assert page.url.endswith(f"/plans/tasks/{task.pk}/")

    owner = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(owner, live_server, "branchcommittee")
    owner.goto(page.url)
    owner.fill("#report input[name=percent]", "100")
    owner.fill("#report textarea[name=text]", "品牌手册已印发到每名党员。")
    owner.click("[data-testid=report-submit]")
    expect(owner.locator(".alert-success")).to_contain_text("已上报完成")

    page.reload()
    page.click("[data-testid=verify-submit]")
    expect(page.locator(".alert-success")).to_contain_text("任务已验收通过")
    page.goto(f"{live_server.url}/cockpit/brands/{w.brand.pk}/")
    after = BrandHealth.objects.get(brand=w.brand).score  # the event's recompute, nothing else
    assert after > before
    expect(page.locator("[data-testid=health-score]")).to_have_text(str(after))
    expect(page.locator("#part-mechanism")).not_to_contain_text("逾期未验收")
    shot(page, "brand-health-after")
