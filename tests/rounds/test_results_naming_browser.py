"""After 预审, in a browser: the 党建工作部 draws the panel at random from the expert pool and the
assignment refuses the expert of the entrant's own unit; an expert scores on a phone; a member
votes once on a phone; the results are computed within the quotas and read back from the score
matrix (.xlsx) and the 评审结果报告 (.docx); the list is publicized, a member objects and the
objection is answered; the 党委 issues the 命名决定, whose .docx is read, and the brands are
named. Then a 复评 round downgrades one of them and removes (摘牌) the other."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document as Docx
from openpyxl import load_workbook
from playwright.sync_api import expect

from partybrand.brands.models import Brand
from partybrand.rounds.models import Entry, RoundTier, ScoreSheet, Vote
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services import panel, scoring
from partybrand.rounds.services import rounds as round_services
from tests.browser import shot, sign_in
from tests.rounds.helpers import open_round
from tests.rounds.panel_helpers import PASS, expert, full_marks, prescreened_round

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
DESK = {"viewport": {"width": 1400, "height": 900}}


def submit_form(page, action: str) -> None:
    page.locator(f"form:has(input[name=action][value={action}]) button[type=submit]").click()


def docx_text(page, url: str) -> str:
    answer = page.request.get(url)
    assert answer.ok
    doc = Docx(BytesIO(answer.body()))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def score(round_, entry, user, rate: str) -> None:
    sheet = ScoreSheet.objects.get(assignment__member__user=user, entry=entry)
    scoring.sheet_save(actor=user, sheet=sheet, items=full_marks(round_, rate), submit=True)


def test_draw_vote_results_publicity_naming_then_a_rereview(
    live_server, live_world, browser, settings
):
    w = live_world
    url = live_server.url
    round_, entries = prescreened_round(w, vote_enabled=True, vote_weight=Decimal("0.2"))
    red, blue = entries
    RoundTier.objects.filter(round=round_, rank=1).update(quota=1)  # one 示范 place
    pool = [expert(w, "expA"), expert(w, "expB"), expert(w, "expH", home=w.branch_a)]

    desk = browser.new_page(**DESK)
    sign_in(desk, live_server, "staff")
    desk.goto(f"{url}/rounds/{round_.pk}/panel/")
    desk.fill("#id_g-name", "第一评审组")
    submit_form(desk, "group")
    expect(desk.get_by_text("评审组已添加")).to_be_visible()
    desk.fill("#id_d-count", "4")  # the whole pool: expA, expB, expH and the group's 郑专家
    desk.select_option("#id_d-group", label="第一评审组")
    submit_form(desk, "draw")
    expect(desk.get_by_text("已从专家库随机抽取 4 名专家")).to_be_visible()
    desk.select_option("#id_a-group", label="第一评审组")
    submit_form(desk, "assign")
    expect(desk.get_by_text("expH 回避“红色引擎”")).to_be_visible()  # 支部A is expH's own unit
    shot(desk, "rounds-10-panel-drawn-conflict-refused")
    assert not ScoreSheet.objects.filter(assignment__member__user=pool[2], entry=red).exists()

    phone = browser.new_page(**PHONE)
    sign_in(phone, live_server, "expA")
    phone.goto(f"{url}/rounds/{round_.pk}/sheets/")
    phone.locator("[data-testid=sheet-row]", has_text="红色引擎").click()
    for field in phone.locator("input[name^=item_]").all():
        field.fill(f"{round(float(field.get_attribute('max')) * 0.9 * 2) / 2:g}")
    phone.fill("#id_comments", "品牌内涵清晰，成效数据扎实。")
    phone.click("[data-testid=submit-sheet]")
    expect(phone.get_by_text("评分表已提交")).to_be_visible()
    shot(phone, "rounds-11-expert-sheet-on-phone")
    for user in (pool[0], pool[1], w.expert):
        if user != pool[0]:
            score(round_, red, user, "0.9")
        score(round_, blue, user, "0.88")
    score(round_, blue, pool[2], "0.88")

    voter = browser.new_page(**PHONE)
    sign_in(voter, live_server, "member")
    voter.goto(f"{url}/rounds/{round_.pk}/vote/")
    voter.check(f"#v{blue.pk}")
    voter.get_by_role("button", name="投票").click()
    expect(voter.get_by_text("投票成功")).to_be_visible()
    shot(voter, "rounds-12-member-voted-on-phone")
    assert Vote.objects.filter(round=round_, voter=w.member).count() == 1

    desk.goto(f"{url}/rounds/{round_.pk}/results/")
    desk.click("[data-testid=compute]")
    expect(desk.locator("[data-testid=result-row]")).to_have_count(2)
    desk.click("[data-testid=confirm]")
    expect(desk.get_by_text("确认")).not_to_have_count(0)
    rows = desk.locator("[data-testid=result-row]")
    expect(rows.nth(0)).to_contain_text("示范品牌")
    expect(rows.nth(1)).to_contain_text("培育品牌")  # over the 示范 quota of 1: one tier down
    shot(desk, "rounds-13-results-within-quota")
    on_page = {
        Entry.objects.get(pk=e.pk).brand.name: Entry.objects.get(pk=e.pk).final_score
        for e in entries
    }
    for n in range(2):
        name = rows.nth(n).locator("td").nth(1).inner_text().split("\n")[0].strip()
        shown = rows.nth(n).locator("td b").inner_text()
        assert Decimal(shown) == on_page[name]
    with desk.expect_download() as got:
        desk.get_by_role("link", name="评分汇总表").click()
    book = load_workbook(BytesIO(got.value.path().read_bytes()))
    table = list(book.active.iter_rows(values_only=True))
    head = list(table[1])
    matrix = {row[1]: row for row in table[2:]}
    assert set(matrix) == {"红色引擎", "蓝色先锋"}
    for name, final in on_page.items():
        assert Decimal(str(matrix[name][head.index("总分")])) == final
    assert matrix["红色引擎"][head.index("expH")] == "回避"
    report = docx_text(desk, f"{url}/documents/round/{round_.pk}/round-results/docx/")
    assert "红色引擎" in report and "蓝色先锋" in report and "示范品牌" in report

    desk.click("[data-testid=publicize]")
    objector = browser.new_page(**DESK)
    sign_in(objector, live_server, "secretary")
    objector.goto(f"{url}/rounds/{round_.pk}/publicity/")
    objector.select_option("#id_o-entry", value=str(blue.pk))
    objector.fill("#id_o-text", "蓝色先锋的成效数据是否包含外委项目？请核实。")
    objector.get_by_role("button", name="提出异议").click()
    expect(objector.locator("[data-testid=objection]")).to_have_count(1)
    desk.goto(f"{url}/rounds/{round_.pk}/publicity/")
    desk.fill("#id_a-answer", "经核实，统计口径仅含本支部自修项目，异议不成立。")
    desk.get_by_role("button", name="答复").click()
    expect(desk.get_by_text("异议不成立。")).to_be_visible()
    shot(desk, "rounds-14-publicity-objection-answered")

    settings.CLOCK_SHIFT = timedelta(days=round_.publicity_days + 1)  # the 公示 is over
    chair = browser.new_page(**DESK)
    sign_in(chair, live_server, "committeeadmin")
    chair.goto(f"{url}/rounds/{round_.pk}/publicity/")
    chair.click("[data-testid=name]")
    naming = chair.locator("[data-testid=naming]")
    expect(naming).to_be_visible()
    number = naming.locator("a").inner_text().strip()
    assert "〔" in number
    decision = docx_text(chair, f"{url}/documents/round/{round_.pk}/round-naming/docx/")
    assert number in decision and "红色引擎" in decision and "蓝色先锋" in decision
    chair.goto(f"{url}/brands/{w.brand.pk}/")
    expect(chair.get_by_text(number).first).to_be_visible()
    shot(chair, "rounds-15-brand-named")
    named = {b.name: (b.status, b.tier, b.doc_no) for b in Brand.objects.filter(doc_no=number)}
    # 蓝色先锋 scored 88 to 红色引擎's 90, but the member's vote (weight 0.2) puts it first.
    assert named == {
        "蓝色先锋": ("named", "demonstration", number),
        "红色引擎": ("named", "cultivated", number),
    }

    # 复评: 蓝色先锋 (示范) reaches only 培育, one step down; 红色引擎 reaches no tier: 摘牌.
    rereview = open_round(w, kind="rereview", title="2026年度党建品牌复评")
    for owner, brand_id, above in (
        (w.secretary, w.brand.pk, w.mid_admin),
        (w.outsider, blue.brand_id, w.staff),
    ):
        brand = Brand.objects.get(pk=brand_id)
        entry = entry_services.entry_create(
            actor=owner, round=rereview, brand=brand, tier=rereview.tiers.get(rank=2)
        )
        entry = entry_services.entry_submit(actor=owner, entry=entry)
        entry = entry_services.entry_recommend(
            actor=above, entry=entry, decision="pass", comments="同意推荐复评"
        )
        entry_services.entry_prescreen(actor=w.staff, entry=entry, decision="pass", checklist=PASS)
    for _ in range(3):
        rereview = round_services.round_advance(actor=w.staff, round=rereview)
    group = panel.group_create(actor=w.staff, round=rereview, name="复评组")
    for user in (pool[0], pool[1], w.expert):
        panel.member_add(actor=w.staff, round=rereview, user=user, group=group)
    again = list(rereview.entries.order_by("id"))
    panel.assign_group(actor=w.staff, round=rereview, group=group, entries=again)
    for user in (pool[0], pool[1], w.expert):
        score(rereview, again[0], user, "0.5")
        score(rereview, again[1], user, "0.75")
    sign_in(desk, live_server, "staff")  # a week later: the idle session has ended
    desk.goto(f"{url}/rounds/{rereview.pk}/results/")
    desk.click("[data-testid=compute]")
    rows = desk.locator("[data-testid=result-row]")
    expect(rows.filter(has_text="蓝色先锋")).to_contain_text("降级")
    expect(rows.filter(has_text="红色引擎")).to_contain_text("摘牌")
    desk.click("[data-testid=confirm]")
    desk.click("[data-testid=publicize]")
    expect(desk.locator("[data-testid=publicize]")).to_have_count(0)
    shot(desk, "rounds-16-rereview-results")
    settings.CLOCK_SHIFT = timedelta(days=2 * (round_.publicity_days + 1))
    sign_in(chair, live_server, "committeeadmin")
    chair.goto(f"{url}/rounds/{rereview.pk}/publicity/")
    chair.click("[data-testid=name]")
    expect(chair.locator("[data-testid=naming]")).to_be_visible()
    chair.goto(f"{url}/brands/{w.brand.pk}/")
    expect(chair.get_by_text("已摘牌").first).to_be_visible()
    expect(chair.locator("body")).to_contain_text("原命名文号")  # not shown as still named
    shot(chair, "rounds-17-rereview-brand-removed")
    red_brand, blue_brand = Brand.objects.get(pk=w.brand.pk), Brand.objects.get(pk=blue.brand_id)
    assert (blue_brand.status, blue_brand.tier) == ("named", "cultivated")
    assert red_brand.status == "revoked"
