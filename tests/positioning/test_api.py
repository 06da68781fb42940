"""The stock-taking and positioning summary through /api/v1/brands/<pk>/…"""

import pytest
from django.core.management import call_command

from partybrand.core.models import AuditLog
from partybrand.positioning import services
from partybrand.positioning.models import Practice, SwotItem
from tests.helpers import api_client, assert_queries_flat
from tests.permissions.cases.positioning import evidence_pdf, make_practice
from tests.positioning.helpers import benchmark_compared, survey_with_answers


def practices_url(world, pk=None) -> str:
    base = f"/api/v1/brands/{world.brand.pk}/practices/"
    return f"{base}{pk}/" if pk else base


def test_secretary_records_a_practice_and_it_is_listed_with_its_evidence(world):
    make_practice(world)
    created = api_client(world.secretary).post(
        practices_url(world),
        {
            "name": "班组“微课堂”",
            "description": "每周一讲",
            "since": 2022,
            "is_method_candidate": True,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["brand_name"] == "红色引擎" and created.json()["evidence"] == []
    rows = api_client(world.member).get(practices_url(world)).json()["results"]
    assert [r["name"] for r in rows] == ["班组“微课堂”", "“三个一”安全工作法"]  # candidates first
    evidence = rows[1]["evidence"][0]
    assert evidence["title"] == "班组台账" and evidence["download_url"].startswith("/positioning/")
    assert AuditLog.objects.filter(action="practice_create", actor=world.secretary).count() == 2


def test_a_practice_is_changed_and_deleted_through_the_api(world):
    practice = make_practice(world)
    client = api_client(world.secretary)
    changed = client.patch(practices_url(world, practice.pk), {"effect": "事故为零"}, format="json")
    assert changed.status_code == 200 and changed.json()["effect"] == "事故为零"
    assert client.delete(practices_url(world, practice.pk)).status_code == 204
    assert not Practice.objects.exists()


def test_errors_are_in_chinese_and_name_the_field(world):
    client = api_client(world.secretary)
    response = client.post(practices_url(world), {"description": "x"}, format="json")
    assert response.status_code == 400 and "name" in response.json()
    response = client.post(
        practices_url(world), {"name": "微课堂", "description": "x", "since": 2999}, format="json"
    )
    assert response.status_code == 400 and "起始年份" in str(response.json())
    assert not Practice.objects.exists()
    response = client.post(
        f"/api/v1/brands/{world.brand.pk}/swot-items/", {"side": "good", "text": "x"}, format="json"
    )
    assert response.status_code == 400 and "side" in response.json()
    assert not SwotItem.objects.exists()


def test_a_member_reads_but_may_not_change_and_an_outsider_sees_nothing(world):
    practice = make_practice(world)
    member = api_client(world.member)
    refused = member.patch(practices_url(world, practice.pk), {"name": "改名"}, format="json")
    assert refused.status_code == 403 and "没有权限" in refused.json()["detail"]
    assert Practice.objects.get(pk=practice.pk).name == practice.name
    assert api_client(world.outsider).get(practices_url(world)).status_code == 404
    assert api_client(world.outsider).get(practices_url(world, practice.pk)).status_code == 404


def test_an_item_is_addressed_only_under_its_own_brand(world):
    from partybrand.brands.services import brand_create

    other = brand_create(actor=world.secretary, org=world.branch_a, name="第二品牌")
    practice = make_practice(world)
    url = f"/api/v1/brands/{other.pk}/practices/{practice.pk}/"
    assert api_client(world.secretary).get(url).status_code == 404
    assert api_client(world.secretary).delete(url).status_code == 404
    assert Practice.objects.filter(pk=practice.pk).exists()


def test_swot_items_are_listed_filtered_by_nothing_but_their_brand(world):
    services.swot_create(actor=world.secretary, brand=world.brand, side="strength", text="骨干多")
    client = api_client(world.secretary)
    created = client.post(
        f"/api/v1/brands/{world.brand.pk}/swot-items/",
        {"side": "weakness", "category": "business", "text": "结合不紧", "note": "缺量化"},
        format="json",
    )
    assert created.status_code == 201
    assert (
        created.json()["side_display"] == "不足"
        and created.json()["category_display"] == "业务融合"
    )
    rows = client.get(f"/api/v1/brands/{world.brand.pk}/swot-items/").json()["results"]
    assert [r["text"] for r in rows] == ["骨干多", "结合不紧"]
    assert SwotItem.objects.count() == 2


def test_the_summary_json_matches_what_the_page_shows(world):
    survey_with_answers(world, [("安全生产", ("匠心检修", "精益检修"))])
    make_practice(world)
    benchmark_compared(world)
    services.conclusion_save(actor=world.secretary, brand=world.brand, conclusion="立足检修")
    data = api_client(world.member).get(f"/api/v1/brands/{world.brand.pk}/positioning/").json()
    assert data["brand"]["name"] == "红色引擎" and data["brand"]["org_name"] == "支部A"
    survey = data["surveys"][0]
    assert (survey["responses"], survey["target"], survey["rate"]) == (1, 10, 10.0)
    assert {"word": "安全生产", "count": 1} in survey["keywords"]
    assert survey["proposals"] == [{"name": "匠心检修", "count": 1, "slogans": ["精益检修"]}]
    assert data["practices"][0]["name"] == "“三个一”安全工作法"
    assert [g["side"] for g in data["swot"]] == ["strength", "weakness"]
    assert data["standardisation"] is None
    assert data["comparisons"][0]["benchmark_name"] == "红色先锋"
    assert data["conclusion"] == "立足检修"
    assert {"label": "定位结论", "done": True} in data["checklist"]
    assert (
        api_client(world.outsider).get(f"/api/v1/brands/{world.brand.pk}/positioning/").status_code
        == 404
    )


@pytest.mark.parametrize("path", ["practices/", "swot-items/", "positioning/"])
def test_list_endpoints_run_the_same_number_of_queries_whatever_the_row_count(world, path):
    client = api_client(world.secretary)
    url = f"/api/v1/brands/{world.brand.pk}/{path}"

    def grow(n):
        for i in range(n):
            services.practice_create(
                actor=world.secretary,
                brand=world.brand,
                name=f"做法{Practice.objects.count()}",
                description="做法",
                evidence=[evidence_pdf(f"材料{i}.pdf")],
            )
            services.swot_create(actor=world.secretary, brand=world.brand, side="threat", text="x")

    grow(2)
    assert_queries_flat(lambda: grow(15), lambda: client.get(url))


def test_the_schema_describes_the_positioning_endpoints(world, tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(out))
    schema = out.read_text(encoding="utf-8")
    for path in ("practices/{id}/", "swot-items/{id}/", "/positioning/"):
        assert path in schema
    assert "品牌定位汇总" in schema
