"""A whole theme workshop round in a real browser, as the people who run it: the secretary
collects candidates (one an AI draft) and sees their checks, a member votes on a phone, the
secretary decides, a member objects during publicity and is answered, the clock passes the
publicity period, and the adopted theme becomes the brand's name."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from partybrand.brands.models import Brand
from partybrand.themes.models import Vote, Workshop
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_full_workshop_round_from_candidates_to_the_brands_new_name(
    live_server, live_world, page, browser, settings
):
    page.on("dialog", lambda dialog: dialog.accept())
    brand = live_world.brand
    sign_in(page, live_server, "secretary")

    # The secretary starts the workshop from the brand page and adds a candidate.
    page.goto(f"{live_server.url}/brands/{brand.pk}/")
    page.click("text=开始主题征集")
    expect(page.locator("h1")).to_contain_text("品牌主题征集")
    page.click("text=添加候选")
    page.fill("#id_name", "光耀电网")
    page.fill("#id_slogan", "党建引领聚合力 光明使者暖万家")
    page.fill("#id_phrases", "光耀：以党建之光照亮一线\n电网：守护电网安全运行")
    page.click("button:has-text('提交')")
    checks = page.locator("#checks")
    expect(checks).to_contain_text("政治味")
    expect(checks).to_contain_text("独特性")
    shot(page, "themes-candidate-checks")

    # The assistant (offline engine) drafts candidates; one is accepted, the rest stay drafts.
    page.click("nav[aria-label=breadcrumb] >> text=主题征集")
    page.click("main >> text=AI 助手")
    page.fill("#id_count", "4")
    page.click("button:has-text('生成候选')")
    drafts = page.locator("#drafts .theme-draft")
    expect(drafts.first).to_be_visible()
    draft_name = drafts.first.locator(".fs-5").inner_text()
    shot(page, "themes-assistant-drafts")
    drafts.first.locator("button:has-text('采纳为候选')").click()
    expect(page.locator("h1")).to_contain_text(draft_name)
    expect(page.locator("#checks")).to_contain_text("禁用词")

    # A member proposes a name on a phone, then sees its checks.
    workshop = Workshop.objects.get(brand=brand)
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    mobile = phone.new_page()
    mobile.on("dialog", lambda dialog: dialog.accept())
    sign_in(mobile, live_server, "member")
    mobile.goto(f"{live_server.url}/themes/{workshop.pk}/")
    mobile.click("text=我来提议")
    mobile.fill("#id_name", "电靓初心")
    mobile.fill("#id_slogan", "初心如炬 电亮万家")
    shot(mobile, "themes-propose-phone")
    mobile.click("button:has-text('提交')")
    expect(mobile.locator("#checks")).to_contain_text("长度")

    # The secretary sees every candidate with its checks and opens voting (now → three days).
    page.click("nav[aria-label=breadcrumb] >> text=主题征集")
    expect(page.locator("#candidates tbody tr")).to_have_count(3)
    expect(page.locator("#candidates")).to_contain_text("党员提议")
    shot(page, "themes-workshop-candidates")
    page.click("button:has-text('开启投票')")
    expect(page.locator("#voting")).to_contain_text("进行中")

    # The member votes on the phone.
    mobile.goto(f"{live_server.url}/themes/{workshop.pk}/vote/")
    mobile.click("label:has-text('光耀电网')")
    shot(mobile, "themes-ballot-phone")
    mobile.click("button:has-text('投票')")
    expect(mobile.locator("#my-vote")).to_contain_text("光耀电网")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Vote.objects.filter(voter=live_world.member).count() == 1

    # The secretary closes voting, sees the chart and records the decision.
    page.reload()
    page.click("button:has-text('结束投票')")
    expect(page.locator("[data-chart=theme-votes] canvas")).to_be_visible()
    page.select_option("#id_candidate", label="光耀电网")
    page.fill("#id_reason", "得票最多，支委会研究同意。")
    page.click("button:has-text('确定并公示')")
    expect(page.locator("#decision")).to_contain_text("光耀电网")
    shot(page, "themes-decision-publicity")

    # During publicity the member objects; the secretary answers and resolves it.
    mobile.goto(f"{live_server.url}/themes/{workshop.pk}/")
    mobile.fill("#id_text", "“光耀”与兄弟单位品牌是否相近？")
    mobile.click("button:has-text('提出异议')")
    expect(mobile.locator("#publicity")).to_contain_text("待办结")
    page.reload()
    expect(page.locator("#adopt-blockers")).to_contain_text("1 条异议未办结")
    page.fill("textarea[name=answer]", "经自动检测与人工比对，不构成雷同。")
    page.click("button:has-text('提交答复')")
    expect(page.locator("#publicity")).to_contain_text("已办结")
    expect(page.locator("#adopt-blockers")).to_contain_text("公示期尚未结束")
    expect(page.locator("button:has-text('采用')")).to_be_disabled()

    # Six days later the period is over: the theme is adopted and the brand carries it.
    # The secretary's session ended after the idle time; she signs in again to adopt.
    settings.CLOCK_SHIFT = timedelta(days=6)
    page.reload()
    expect(page.get_by_text("长时间未操作，已自动退出")).to_be_visible()
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/themes/{workshop.pk}/")
    expect(page.locator("#adopt-blockers")).to_have_count(0)
    page.click("button:has-text('采用')")
    expect(page.locator("h1")).to_contain_text("光耀电网")
    expect(page.locator("#themes")).to_contain_text("已确定")
    shot(page, "themes-brand-adopted")
    brand = Brand.objects.get(pk=brand.pk)
    assert brand.name == "光耀电网" and brand.slogan == "党建引领聚合力 光明使者暖万家"
    assert list(brand.phrases.values_list("phrase", flat=True)) == ["光耀", "电网"]
    phone.close()


def test_the_assistant_page_through_the_local_ai_server_and_when_it_is_down(
    live_server, live_world, page, settings
):
    import socket

    from partybrand.themes.services import workshops as services
    from tests.assistant.server import FakeOpenAI

    workshop = services.workshop_start(actor=live_world.secretary, brand=live_world.brand)
    sign_in(page, live_server, "secretary")
    with FakeOpenAI() as server:
        settings.AI_PROVIDER, settings.AI_BASE_URL = "openai", server.url
        settings.AI_MODEL, settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = "party-7b", 0, 5
        page.goto(f"{live_server.url}/themes/{workshop.pk}/assistant/")
        page.fill("#id_count", "3")
        page.click("button:has-text('生成候选')")
        expect(page.locator("#drafts")).to_contain_text("来源：AI 服务")
        expect(page.locator("#drafts .theme-draft")).to_have_count(2)
        expect(page.locator("#drafts")).to_contain_text("银线先锋")
        expect(page.locator("#drafts")).to_contain_text("含有禁用词")  # a dropped draft
        shot(page, "themes-assistant-openai")
    with socket.socket() as probe:  # the service is gone: nothing listens on this port
        probe.bind(("127.0.0.1", 0))
        settings.AI_BASE_URL = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    page.click("button:has-text('生成候选')")
    expect(page.locator("#assistant-error")).to_contain_text(
        "无法连接 AI 服务，请检查服务地址和网络。"
    )
    shot(page, "themes-assistant-down")
    assert not workshop.candidates.exists()  # nothing was saved from either answer


def test_a_candidates_checks_and_nearest_brands_read_well_on_a_phone(
    live_server, live_world, page, browser
):
    from partybrand.benchmarks.services import benchmark_create
    from partybrand.brands.choices import BrandStatus
    from partybrand.brands.models import Brand
    from partybrand.brands.services import brand_create
    from partybrand.themes.services import workshops as services

    w = live_world
    public = brand_create(
        actor=w.outsider, org=w.branch_b, name="红心护网", slogan="红心向党 护网为民"
    )
    Brand.objects.filter(pk=public.pk).update(status=BrandStatus.NAMED)  # named: public knowledge
    benchmark_create(actor=w.staff, name="红心护航", slogan="红心向党 护航发展", org="某供电公司")
    workshop = services.workshop_start(actor=w.secretary, brand=w.brand)
    candidate, _ = services.candidate_add(
        actor=w.secretary, workshop=workshop, name="红心护网先锋", slogan="红心向党 护网为民"
    )
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    mobile = phone.new_page()
    sign_in(mobile, live_server, "member")
    mobile.goto(f"{live_server.url}/themes/candidates/{candidate.pk}/")
    nearest = mobile.locator(".theme-nearest li")
    expect(nearest.first).to_contain_text("红心护网")
    expect(nearest.first).to_contain_text("高度相似 相似度")
    expect(nearest.first).to_contain_text("相近之处")
    expect(mobile.locator("#checks")).to_contain_text("独特性")
    shot(mobile, "themes-candidate-nearest-phone")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The results chart's tooltip shows a member-typed name as text, never as markup.
    from datetime import timedelta as td

    from django.utils import timezone

    from partybrand.themes.services import votes as services_votes

    marked, _ = services.candidate_add(
        actor=w.member, workshop=workshop, name='<b id="pwn">护网</b>', source="member"
    )
    now = timezone.now()
    services_votes.voting_open(
        actor=w.secretary, workshop=workshop, opens_at=now, closes_at=now + td(days=1), now=now
    )
    services_votes.vote_cast(actor=w.member, workshop=workshop, candidate=marked)
    mobile.goto(f"{live_server.url}/themes/{workshop.pk}/vote/")
    chart = mobile.locator("[data-chart=theme-votes] canvas")
    expect(chart).to_be_visible()
    mobile.evaluate(
        """() => {
        const el = document.querySelector("[data-chart=theme-votes]");
        const tip = {type: "showTip", seriesIndex: 0, dataIndex: 0};
        echarts.getInstanceByDom(el).dispatchAction(tip);
    }"""
    )
    expect(mobile.locator("[data-chart=theme-votes]")).to_contain_text('<b id="pwn">护网</b>：1 票')
    assert mobile.locator("#pwn").count() == 0
    phone.close()
