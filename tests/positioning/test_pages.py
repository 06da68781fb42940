"""The stock-taking and positioning summary pages: what each persona sees, and query counts."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from partybrand.brands.services import honour_add
from partybrand.positioning import selectors, services
from partybrand.positioning.models import Practice
from partybrand.surveys.services.surveys import survey_create
from tests.helpers import assert_queries_flat, login
from tests.permissions.cases.positioning import evidence_pdf, make_practice
from tests.positioning.helpers import (
    answer,
    benchmark_compared,
    survey_with_answers,
)

PLACEHOLDER = "标准化建设评分：尚无已评定的测评"

# Pages -----------------------------------------------------------------------------------------


def test_the_stock_taking_shows_practices_honours_swot_and_no_score_before_an_assessment(world):
    make_practice(world)
    honour_add(
        actor=world.secretary, brand=world.brand, title="红旗党支部", level="company", year=2023
    )
    services.swot_create(
        actor=world.secretary, brand=world.brand, side="strength", text="青年骨干多"
    )
    page = login(world, "member").get(reverse("positioning:inventory", args=[world.brand.pk]))
    text = page.content.decode()
    assert "“三个一”安全工作法" in text and "班组台账" in text and "2021 年起" in text
    assert "红旗党支部" in text and "公司级" in text and "青年骨干多" in text
    assert PLACEHOLDER in text
    honours_link = reverse("brands:brand_detail", args=[world.brand.pk]) + "#honours"
    assert honours_link in text
    assert "添加做法" not in text and "上传佐证" not in text  # a member only reads


def test_the_stock_taking_page_carries_the_print_stylesheet(world):
    text = login(world, "member").get(reverse("positioning:inventory", args=[world.brand.pk]))
    assert "positioning/print.css" in text.content.decode()
    with open(finders.find("positioning/print.css"), encoding="utf-8") as file:
        css = file.read()
    assert "@media print" in css and "size: A4" in css
    assert "break-before: page" in css and "nav.navbar" in css and ".btn" in css


def test_the_stock_taking_shows_the_latest_finalised_standardisation_score(world):
    from tests.assessments.test_results import A_2025, result

    assert selectors.latest_standardisation(world.branch_a) is None
    result(world, world.branch_a, A_2025, actor=world.secretary, manager=world.mid_admin)
    score = selectors.latest_standardisation(world.branch_a)
    assert score.total == 79 and "第1版" in score.system
    text = login(world, "member").get(reverse("positioning:inventory", args=[world.brand.pk]))
    assert '<b class="text-danger">79' in text.content.decode()


def test_evidence_is_downloaded_only_through_the_checked_view(world):
    evidence = make_practice(world).evidence.get()
    response = login(world, "member").get(
        reverse("positioning:evidence_download", args=[evidence.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert Client().get(settings.MEDIA_URL + evidence.file.name).status_code == 404
    assert (
        login(world, "outsider")
        .get(reverse("positioning:evidence_download", args=[evidence.pk]))
        .status_code
        == 404
    )


def test_the_summary_brings_together_surveys_stock_taking_benchmarks_and_conclusion(world):
    survey_with_answers(
        world,
        [
            ("突出检修匠心，安全生产", ("匠心检修", "精益检修")),
            ("安全生产是根本，匠心精神", ("匠心检修", "")),
            ("党员带头攻坚", ("红色引擎", "动力澎湃")),
        ],
    )
    make_practice(world)
    benchmark_compared(world)
    services.conclusion_save(actor=world.secretary, brand=world.brand, conclusion="立足检修主业")
    text = login(world, "member").get(reverse("positioning:summary", args=[world.brand.pk]))
    text = text.content.decode()
    assert "“红色引擎”品牌创建意见征集" in text
    assert "答卷 <b>3</b> 份" in text and "目标人群 10 人" in text and "30.0%" in text
    # The free-text answers' keywords, each with the number of answers that use it.
    assert re.search(r"安全生产 <span class=\"text-danger\">2</span>", text)
    assert re.search(r"攻坚 <span class=\"text-danger\">1</span>", text)
    assert "“匠心检修” 2 人" in text
    assert "“三个一”安全工作法" in text and "红色先锋" in text and "党员责任区划分清楚" in text
    assert "立足检修主业" in text and PLACEHOLDER in text
    assert "填写定位结论" not in text and "修改定位结论" not in text  # read-only for a member


def test_survey_highlights_take_only_the_brands_surveys(world):
    survey_with_answers(world, [("安全", ("匠心", ""))])
    survey_create(actor=world.outsider, org=world.branch_b, title="乙支部调研")
    highlights, total = selectors.survey_highlights(world.brand)
    assert [h.survey.title for h in highlights] == ["“红色引擎”品牌创建意见征集"] and total == 1


def test_the_secretary_writes_the_conclusion_on_the_summary_page(world):
    client = login(world, "secretary")
    url = reverse("positioning:summary", args=[world.brand.pk])
    assert "填写定位结论" in client.get(url).content.decode()
    response = client.post(
        reverse("positioning:conclusion_save", args=[world.brand.pk]),
        {"conclusion": "以“匠心”为定位，聚焦设备检修。"},
        follow=True,
    )
    assert "定位结论已保存" in response.content.decode()
    assert "以“匠心”为定位，聚焦设备检修。" in response.content.decode()


def test_the_brand_page_links_to_the_positioning_pages(world):
    text = login(world, "member").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    text = text.content.decode()
    assert reverse("positioning:summary", args=[world.brand.pk]) in text
    assert reverse("positioning:inventory", args=[world.brand.pk]) in text


def _grow(world, n):
    for i in range(n):
        practice = services.practice_create(
            actor=world.secretary,
            brand=world.brand,
            name=f"做法{Practice.objects.count()}",
            description="做法",
            evidence=[evidence_pdf(f"材料{i}a.pdf"), evidence_pdf(f"材料{i}b.pdf")],
        )
        services.swot_create(
            actor=world.secretary, brand=world.brand, side="strength", text=practice.name
        )
        honour_add(
            actor=world.secretary, brand=world.brand, title=practice.name, level="group", year=2024
        )


@pytest.mark.parametrize(
    "url_name", ["positioning:inventory", "positioning:summary", "positioning:summary_export"]
)
def test_stock_taking_pages_run_the_same_number_of_queries_whatever_the_row_count(world, url_name):
    survey = survey_with_answers(world, [("安全生产", ("匠心检修", ""))])
    benchmark_compared(world)
    client = login(world, "secretary")
    url = reverse(url_name, args=[world.brand.pk])
    _grow(world, 2)

    def many_more():
        _grow(world, 12)
        answer(survey, [("安全第一，匠心守护", ("匠心", "精益求精"))] * 15)
        benchmark_compared(world, name="铁塔先锋")

    assert_queries_flat(many_more, lambda: client.get(url))


def test_the_summary_reads_at_most_five_surveys_in_a_bounded_number_of_queries(world):
    for n in range(7):
        survey_with_answers(world, [("安全生产", ("匠心检修", ""))], title=f"第{n + 1}次调研")
    client = login(world, "secretary")
    summary = lambda: client.get(reverse("positioning:summary", args=[world.brand.pk]))  # noqa: E731

    def more_surveys():
        for n in range(7, 12):
            survey_with_answers(world, [("安全生产", ("匠心检修", ""))], title=f"第{n + 1}次调研")

    text = summary().content.decode()
    assert "共 7 次，显示最近 5 次" in text and "第7次调研" in text and "第2次调研" not in text
    assert assert_queries_flat(more_surveys, summary) <= 30
