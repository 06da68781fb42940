"""A brand's comparisons with benchmarks (对标记录), and keeping the library by hand."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from partybrand.benchmarks import services
from partybrand.benchmarks.models import Benchmark, Comparison
from partybrand.benchmarks.selectors import brand_comparisons
from partybrand.core.models import AuditLog
from tests.helpers import api_client, assert_queries_flat, login
from tests.permissions.cases.pages import png_upload


@pytest.fixture
def pioneer(world):
    return services.benchmark_create(
        actor=world.staff,
        name="红船共产党员服务队",
        slogan="红船精神、电力传承",
        org="国网浙江省电力公司",
        sector="电力",
        level="省公司",
        source_url="https://example.com/hongchuan",
        year=2020,
    )


def test_a_secretary_records_what_to_learn_and_how_the_brand_differs(world, pioneer):
    client = login(world, "secretary")
    url = reverse("benchmarks:brand_comparisons", args=[world.brand.pk])
    response = client.post(
        url, {"benchmark": pioneer.pk, "learn": "服务队常态化运行", "differ": "突出检修一线"}
    )
    assert response.status_code == 302
    comparison = Comparison.objects.get()
    assert (comparison.brand, comparison.benchmark, comparison.created_by) == (
        world.brand,
        pioneer,
        world.secretary,
    )
    page = client.get(url).content.decode()
    assert "服务队常态化运行" in page and "突出检修一线" in page and "红船共产党员服务队" in page
    assert reverse("brands:brand_detail", args=[world.brand.pk]) in page  # the way back
    audit = AuditLog.objects.get(action="comparison_create")
    assert audit.org_path == world.branch_a.path and audit.actor == world.secretary


def test_the_same_benchmark_twice_and_empty_answers_are_refused(world, pioneer):
    client = login(world, "secretary")
    url = reverse("benchmarks:brand_comparisons", args=[world.brand.pk])
    page = client.post(url, {"benchmark": pioneer.pk, "learn": "", "differ": ""})
    assert page.status_code == 400 and not Comparison.objects.exists()
    services.comparison_create(
        actor=world.secretary, brand=world.brand, benchmark=pioneer, learn="学", differ="异"
    )
    page = client.post(url, {"benchmark": pioneer.pk, "learn": "再学", "differ": "再异"})
    assert "已有与“红船共产党员服务队”的对标记录" in page.content.decode()
    assert Comparison.objects.count() == 1
    assert (
        "请先搜索并选择一个标杆品牌"
        in client.post(url, {"learn": "a", "differ": "b"}).content.decode()
    )


def test_a_member_reads_comparisons_but_cannot_add_and_an_outsider_sees_nothing(world, pioneer):
    services.comparison_create(
        actor=world.secretary, brand=world.brand, benchmark=pioneer, learn="学服务", differ="重检修"
    )
    url = reverse("benchmarks:brand_comparisons", args=[world.brand.pk])
    member = login(world, "member")
    page = member.get(url).content.decode()
    assert "学服务" in page and "comparison-form" not in page
    body = {"benchmark": pioneer.pk, "learn": "x", "differ": "y"}
    assert member.post(url, body).status_code == 403
    assert login(world, "outsider").get(url).status_code == 404
    api_url = reverse("api:brand-comparison-list", args=[world.brand.pk])
    assert api_client(world.outsider).get(api_url).status_code == 404
    assert api_client(world.member).post(api_url, body, format="json").status_code == 403
    assert Comparison.objects.count() == 1


def test_the_api_lists_and_creates_comparisons(world, pioneer):
    url = reverse("api:brand-comparison-list", args=[world.brand.pk])
    body = {"benchmark": pioneer.pk, "learn": "学服务", "differ": "重检修"}
    created = api_client(world.branch_committee).post(url, body, format="json")
    assert created.status_code == 201
    assert created.json()["benchmark_name"] == "红船共产党员服务队"
    listed = api_client(world.member).get(url).json()
    assert [row["learn"] for row in listed["results"]] == ["学服务"]
    again = api_client(world.secretary).post(url, body, format="json")
    assert again.status_code == 400 and "已有" in again.json()["detail"]
    missing = api_client(world.secretary).post(url, {**body, "benchmark": 999999}, format="json")
    assert missing.status_code == 400 and missing.json()["benchmark"] == ["标杆品牌不存在。"]
    assert Comparison.objects.count() == 1


def test_brand_comparisons_selector_loads_benchmarks_in_one_query(world, pioneer):
    other = services.benchmark_create(actor=None, name="太行黎明共产党员服务队", org="国网山西")
    for benchmark in (pioneer, other):
        services.comparison_create(
            actor=world.secretary, brand=world.brand, benchmark=benchmark, learn="学", differ="异"
        )
    names = [c.benchmark.name for c in brand_comparisons(world.brand)]
    assert names == ["红船共产党员服务队", "太行黎明共产党员服务队"]

    def more_comparisons():
        for i in range(8):
            benchmark = services.benchmark_create(actor=None, name=f"标杆{i}", org="某单位")
            services.comparison_create(
                actor=world.secretary,
                brand=world.brand,
                benchmark=benchmark,
                learn="学",
                differ="异",
            )

    queries = assert_queries_flat(
        more_comparisons, lambda: [c.benchmark.name for c in brand_comparisons(world.brand)]
    )
    assert queries == 1


def test_the_comparisons_page_runs_the_same_queries_for_few_or_many(world):
    client = login(world, "secretary")
    url = reverse("benchmarks:brand_comparisons", args=[world.brand.pk])

    def add(start, stop):
        for i in range(start, stop):
            benchmark = services.benchmark_create(actor=None, name=f"标杆{i}", org="某单位")
            services.comparison_create(
                actor=world.secretary,
                brand=world.brand,
                benchmark=benchmark,
                learn="学",
                differ="异",
            )

    add(0, 2)
    queries = assert_queries_flat(lambda: add(2, 25), lambda: client.get(url))
    # session, user, roles, brand, comparisons, and the bell's unread-notice count
    assert queries == 6


def test_edit_and_delete_of_a_comparison(world, pioneer):
    comparison = services.comparison_create(
        actor=world.secretary, brand=world.brand, benchmark=pioneer, learn="学", differ="异"
    )
    client = login(world, "branch_committee")
    url = reverse("benchmarks:comparison_edit", args=[comparison.pk])
    assert client.post(url, {"learn": "学得更细", "differ": "异"}).status_code == 302
    assert Comparison.objects.get().learn == "学得更细"
    assert login(world, "member").post(url, {"learn": "x", "differ": "y"}).status_code == 403
    client.post(reverse("benchmarks:comparison_delete", args=[comparison.pk]))
    assert not Comparison.objects.exists()


def test_a_benchmark_in_use_cannot_be_deleted(world, pioneer):
    services.comparison_create(
        actor=world.secretary, brand=world.brand, benchmark=pioneer, learn="学", differ="异"
    )
    with pytest.raises(ValidationError, match="1 条对标记录"):
        services.benchmark_delete(actor=world.staff, benchmark=pioneer)
    response = login(world, "staff").post(reverse("benchmarks:benchmark_delete", args=[pioneer.pk]))
    assert response.status_code == 302 and Benchmark.objects.filter(pk=pioneer.pk).exists()


def test_staff_add_and_edit_entries_and_the_search_fields_follow(world, pioneer):
    client = login(world, "staff")
    response = client.post(
        reverse("benchmarks:benchmark_create"),
        {
            "name": "红色引擎",
            "org": "某省电力公司党委",
            "region": "",
            "year": "2024",
            "level": "支部",
        },
    )
    assert response.status_code == 302
    entry = Benchmark.objects.get(name="红色引擎")
    assert (entry.name_initials, entry.level_class, entry.created_by) == (
        "hsyq",
        "branch",
        world.staff,
    )
    edit = reverse("benchmarks:benchmark_edit", args=[entry.pk])
    data = {"name": "蓝色引擎", "org": "国网湖州供电公司", "source_url": "www.example.com/a"}
    assert client.post(edit, data).status_code == 302
    entry.refresh_from_db()
    assert (entry.name_norm, entry.name_initials, entry.region) == ("蓝色引擎", "lsyq", "浙江省")
    assert entry.source_url == "http://www.example.com/a" and entry.year is None
    clash = {"name": "红船共产党员服务队", "org": "国网浙江省电力公司"}
    page = client.post(edit, clash).content.decode()
    assert "同名同组织的品牌只能录入一次" in page
    bad = client.post(edit, {"name": "蓝色引擎", "source_url": "javascript:alert(1)"})
    assert "http://" in bad.content.decode()
    assert login(world, "secretary").get(reverse("benchmarks:benchmark_create")).status_code == 403


def test_the_detail_page_opens_the_source_safely_and_offers_the_users_brand(world, pioneer):
    page = (
        login(world, "secretary")
        .get(reverse("benchmarks:benchmark_detail", args=[pioneer.pk]))
        .content.decode()
    )
    assert 'href="https://example.com/hongchuan" target="_blank" rel="noopener noreferrer"' in page
    link = reverse("benchmarks:brand_comparisons", args=[world.brand.pk])
    assert f"{link}?benchmark={pioneer.pk}" in page and "记入“红色引擎”的对标" in page
    member_page = (
        login(world, "member")
        .get(reverse("benchmarks:benchmark_detail", args=[pioneer.pk]))
        .content.decode()
    )
    assert link not in member_page and "编辑" not in member_page.split("<main", 1)[1]
    preselected = login(world, "secretary").get(link, {"benchmark": pioneer.pk}).content.decode()
    assert f'value="{pioneer.pk}" checked' in preselected


def test_a_logo_is_checked_on_upload_and_served_to_signed_in_users(world, pioneer):
    staff = login(world, "staff")
    upload_url = reverse("benchmarks:benchmark_logo_upload", args=[pioneer.pk])
    assert staff.post(upload_url, {"logo": png_upload()}).status_code == 302
    response = login(world, "outsider").get(reverse("benchmarks:benchmark_logo", args=[pioneer.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    staff.post(upload_url, {"logo": SimpleUploadedFile("x.png", b"<html>hello</html>")})
    pioneer.refresh_from_db()
    assert pioneer.logo_content_type == "image/png"  # the bad file did not replace the logo
    assert Client().get(reverse("benchmarks:benchmark_logo", args=[pioneer.pk])).status_code == 302


def test_a_revoked_brand_takes_no_new_comparisons(world, pioneer):
    type(world.brand).objects.filter(pk=world.brand.pk).update(status="revoked")
    client = login(world, "secretary")
    url = reverse("benchmarks:brand_comparisons", args=[world.brand.pk])
    assert "comparison-form" not in client.get(url).content.decode()
    page = client.post(url, {"benchmark": pioneer.pk, "learn": "学", "differ": "异"})
    assert "已摘牌的品牌不能再修改" in page.content.decode()
    assert not Comparison.objects.exists()
