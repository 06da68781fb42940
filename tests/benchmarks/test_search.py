"""Searching the benchmark library in Chinese: by word, by pinyin initials, with filters, ranked,
paginated, with a fixed number of queries however large the library grows."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.benchmarks.imports import import_shared_benchmarks
from partybrand.benchmarks.indexing import search_fields
from partybrand.benchmarks.models import Benchmark
from partybrand.benchmarks.selectors import Filters, search_benchmarks
from partybrand.benchmarks.services import benchmark_create
from tests.helpers import assert_queries_flat, login


@pytest.fixture
def library(world):
    import_shared_benchmarks(actor=None)
    return world


def names(user, **filters) -> list[str]:
    return [b.name for b in search_benchmarks(user, Filters(**filters))]


def test_a_word_finds_the_names_that_hold_it_even_inside_a_longer_word(library):
    found = names(library.member, q="先锋")
    assert found[0] == "先锋"  # the exact name first
    for name in ("忠诚党办·服务先锋", "集先锋", "银领先锋工程", "建证·军魂匠心/红色先锋"):
        assert name in found
    assert "“融心”党员志愿先锋队" in found  # 先锋 inside 先锋队
    assert "红色引擎 登高引领" not in found
    assert names(library.member, q="红色先锋")[0] == "建证·军魂匠心/红色先锋"


def test_pinyin_initials_find_names_and_parts_of_names(library):
    assert names(library.member, q="hsyq")[0] == "红色引擎 登高引领"
    assert names(library.member, q="HSYQ") == names(library.member, q="hsyq")
    assert set(names(library.member, q="fwxf")) == {"忠诚党办·服务先锋"}
    assert "红船共产党员服务队" in names(library.member, q="hcgcdyfwd")
    assert "红船共产党员服务队" in names(library.member, q="hcjs")  # the slogan's initials


def test_full_text_reaches_slogan_meaning_and_organisation(library):
    assert names(library.member, q="电力传承") == ["红船共产党员服务队"]  # slogan
    assert "子午先锋·七彩文旅" in names(library.member, q="正宁县")  # meaning and organisation
    both = names(library.member, q="先锋 甘肃")  # every token must match
    assert set(both) == {"忠诚党办·服务先锋", "子午先锋·七彩文旅"}
    assert names(library.member, q="不存在的品牌名") == []


def test_filters_by_sector_level_region_and_year(library):
    power = list(search_benchmarks(library.member, Filters(sector="电力")))
    assert len(power) == 9 and {b.sector for b in power} == {"电力"}
    branches = search_benchmarks(library.member, Filters(level="branch"))
    assert branches.count() == 26 and {b.level for b in branches} == {"支部"}
    zhejiang = search_benchmarks(library.member, Filters(region="浙江省"))
    assert "红船共产党员服务队" in {b.name for b in zhejiang}
    assert {b.region for b in zhejiang} == {"浙江省"}
    assert names(library.member, q="先锋", region="甘肃省", year=2024) == [
        "忠诚党办·服务先锋",
        "子午先锋·七彩文旅",
    ]
    assert Filters.from_params({"level": "nonsense", "year": "明年"}) == Filters()


def test_ranking_puts_exact_name_then_name_words_then_inside_names_then_texts_then_rest(world):
    for name, slogan, org in [
        ("绿色家园", "", "先锋集团党委"),  # only the organisation
        ("蓝色港湾", "做开路先锋", ""),  # the slogan
        ("领先锋行", "", ""),  # 先锋 as a word of the name
        ("争先锋芒", "", ""),  # 先锋 only inside other words (争先 锋芒)
        ("先锋", "", "某公司"),  # the exact name
    ]:
        benchmark_create(actor=None, name=name, slogan=slogan, org=org)
    rows = list(search_benchmarks(world.member, Filters(q="先锋")))
    assert [(b.name, b.rank) for b in rows] == [
        ("先锋", 0),
        ("领先锋行", 1),
        ("争先锋芒", 2),
        ("蓝色港湾", 3),
        ("绿色家园", 4),
    ]


def test_a_member_searches_on_the_page_by_word_and_by_initials(library):
    client = login(library, "member")
    page = client.get(reverse("benchmarks:benchmark_list"), {"q": "先锋"}).content.decode()
    assert "忠诚党办·服务先锋" in page and "按匹配程度排序" in page
    page = client.get(reverse("benchmarks:benchmark_list"), {"q": "hsyq"}).content.decode()
    assert "红色引擎 登高引领" in page and "共 1 个标杆品牌" in page
    assert "导入" not in page.split("<main", 1)[1].split("搜索标杆品牌")[0]  # no manager buttons
    outsider = login(library, "outsider")  # the library is shared by the whole group
    assert outsider.get(reverse("benchmarks:benchmark_list")).status_code == 200


def test_the_picker_offers_a_few_ranked_matches(library):
    client = login(library, "secretary")
    page = client.get(reverse("benchmarks:benchmark_pick"), {"q": "fwxf"}).content.decode()
    assert page.count('type="radio"') == 2 and "忠诚党办·服务先锋" in page
    page = client.get(reverse("benchmarks:benchmark_pick"), {"q": "先锋"}).content.decode()
    assert page.count('type="radio"') == 8


def test_the_api_searches_with_the_same_filters(library):
    api = APIClient()
    api.force_authenticate(library.outsider)
    response = api.get(reverse("api:benchmark-list"), {"q": "先锋", "region": "甘肃省"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [r["name"] for r in body["results"]] == ["忠诚党办·服务先锋", "子午先锋·七彩文旅"]
    row = body["results"][0]
    assert (row["level"], row["level_class"], row["level_class_label"]) == (
        "支部",
        "branch",
        "党支部",
    )
    pk = row["id"]
    detail = api.get(reverse("api:benchmark-detail", args=[pk])).json()
    assert detail["source_url"].startswith("https://") and detail["logo_url"] is None


# ---------------------------------------------------------------- many rows

WORDS = ["红色", "蓝色", "绿色", "金色", "银色"]
TAILS = ["先锋", "引擎", "港湾", "堡垒", "灯塔", "家园", "驿站", "桥梁"]
SECTORS = ["电力", "交通", "建筑", "高校", "金融"]


def grow(total: int) -> None:
    """Synthetic entries up to `total`, with search fields computed as the services do."""
    rows = []
    for i in range(Benchmark.objects.count(), total):
        name = f"{WORDS[i % 5]}{TAILS[i // 5 % 8]}{i}"
        slogan = f"{TAILS[i % 8]}引领、{WORDS[i % 3]}担当"
        org = f"第{i}供电公司党委"
        fields = search_fields(name=name, slogan=slogan, connotation="", org=org)
        rows.append(
            Benchmark(
                name=name,
                slogan=slogan,
                org=org,
                sector=SECTORS[i % 5],
                level="党支部",
                level_class="branch",
                region="浙江省" if i % 2 else "江苏省",
                year=2015 + i % 10,
                **fields,
            )
        )
    Benchmark.objects.bulk_create(rows, batch_size=500)


@pytest.mark.parametrize("params", [{}, {"q": "红色先锋"}, {"q": "lsyq", "sector": "建筑"}])
def test_the_list_page_runs_the_same_queries_for_30_or_2000_entries(world, params):
    client = login(world, "member")
    url = reverse("benchmarks:benchmark_list")
    grow(30)
    queries = assert_queries_flat(lambda: grow(2000), lambda: client.get(url, params))
    # session, user, roles, count, page, the three filter menus (sectors, regions, years)
    assert queries == 9  # with the unread-notice count of the bell
    assert client.get(url, params).context["page_obj"].paginator.count > 0


def test_the_api_list_runs_the_same_queries_for_30_or_2000_entries(world):
    api = APIClient()
    api.force_authenticate(world.member)
    url = reverse("api:benchmark-list")
    grow(30)
    queries = assert_queries_flat(
        lambda: grow(2000), lambda: api.get(url, {"q": "先锋", "page_size": 200})
    )
    assert queries == 2  # count and page: authentication is forced, no role lookup
    body = api.get(url, {"q": "先锋", "page_size": 200}).json()
    # 先锋 ends the name's first part in 5 of every 40 entries (250), begins the slogan in 5 of
    # every 40 (250), both in 1 of 40 (50): 450 found, the 250 names ranked first.
    assert body["count"] == 450 and len(body["results"]) == 200
    assert all("先锋" in row["name"] for row in body["results"])


def test_search_on_2000_entries_finds_by_word_and_initials_and_ranks(world):
    grow(2000)
    benchmark_create(actor=None, name="红色先锋", org="某公司")
    found = list(search_benchmarks(world.member, Filters(q="红色先锋")))
    assert found[0].name == "红色先锋" and found[0].rank == 0
    inside = found[1:51]  # 红色先锋<i>, one entry in forty: the phrase inside the name
    assert all(b.name.startswith("红色先锋") and b.rank == 2 for b in inside)
    assert all(b.rank > 2 and not b.name.startswith("红色先锋") for b in found[51:])
    initials = list(search_benchmarks(world.member, Filters(q="jsdt", sector="高校")))
    assert len(initials) == 50
    assert all(b.name.startswith("金色灯塔") and b.sector == "高校" for b in initials)
